package org.souk.provider.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

class SandboxProviderTest {

    private final SandboxProvider sandbox = new SandboxProvider("test-secret");

    @Test
    void theCardNumberDecidesTheOutcome() {
        assertThat(pay("p1", "4242 4242 4242 4242").status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(pay("p2", "4000000000000002").message()).isEqualTo("card declined");
        assertThat(pay("p3", "4000-0000-0000-9995").message()).isEqualTo("insufficient funds");
        assertThat(pay("p4", "4000000000000259").status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(pay("p5", "1234").message()).contains("not a sandbox test card");
    }

    @Test
    void aPaymentCompletedWithoutWebhookIsFoundPaidByALookUp() {
        var started = pay("lost", "4000 0000 0000 3063");
        assertThat(started.status()).isEqualTo(ProviderStatus.PENDING);
        var looked = sandbox.fetch(new PaymentLookup("lost", "o", started.gatewayReference(), new Money(25_000, "MAD")));
        assertThat(looked.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(pay("plain-pending", "4000000000000259").status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(sandbox.fetch(new PaymentLookup("plain-pending", "o", "sbx_plain-pending", new Money(25_000, "MAD"))).status())
                .isEqualTo(ProviderStatus.PENDING);
    }

    @Test
    void initiationIsIdempotentOnTheKey() {
        var first = pay("same", "4242424242424242");
        var again = pay("same", "4000000000000002");
        assertThat(again.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(again.gatewayReference()).isEqualTo(first.gatewayReference()).isEqualTo("sbx_same");
    }

    @Test
    void aSignedWebhookSettlesAPendingPaymentAndLookUpsAgree() throws Exception {
        pay("pend", "4000000000000259");
        byte[] body = "{\"id\":\"evt_1\",\"reference\":\"sbx_pend\",\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
        var event = sandbox.verifyWebhook(signed(body, (sandbox.sign(body))));
        assertThat(event.eventId()).isEqualTo("evt_1");
        assertThat(event.gatewayReference()).isEqualTo("sbx_pend");
        assertThat(event.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(event.paymentId()).isEqualTo("pend");
        assertThat(event.amount()).as("what the sandbox charged, for the core to compare").isEqualTo(new Money(25_000, "MAD"));
        assertThat(sandbox.fetch(new PaymentLookup("pend", "o", "sbx_pend", new Money(25_000, "MAD"))).status())
                .isEqualTo(ProviderStatus.PROCESSED);
    }

    @Test
    void aWebhookForAChargeTheSandboxForgotCarriesNoAmountAndItsLookUpHoldsToTheFirstPayment() throws Exception {
        SandboxProvider restarted = new SandboxProvider("test-secret"); // knows nothing of earlier charges
        byte[] body = "{\"id\":\"evt_9\",\"reference\":\"sbx_before\",\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
        var event = restarted.verifyWebhook(signed(body, restarted.sign(body)));
        assertThat(event.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(event.amount()).as("nothing to vouch for: the core looks it up first").isNull();
        assertThat(event.paymentId()).isNull();

        assertThat(restarted.fetch(new PaymentLookup("before", "o", "sbx_before", new Money(25_000, "MAD"))).status())
                .isEqualTo(ProviderStatus.PROCESSED);
        assertThat(restarted.fetch(new PaymentLookup("someone-else", "o", "sbx_before", new Money(25_000, "MAD"))).status())
                .isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(restarted.fetch(new PaymentLookup("before", "o", "sbx_before", new Money(1, "MAD"))).status())
                .isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(restarted.verifyWebhook(signed(body, restarted.sign(body))).amount()).isEqualTo(new Money(25_000, "MAD"));

        // Signed, but about no sandbox transaction: acknowledged and ignored, not refused as a forgery.
        byte[] foreign = "{\"id\":\"evt_8\",\"reference\":\"BT-123\",\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
        var ignored = restarted.verifyWebhook(signed(foreign, restarted.sign(foreign)));
        assertThat(ignored.isIgnored()).isTrue();
        assertThat(ignored.ignoredBecause()).contains("no sandbox transaction");
        assertThat(ignored.eventId()).isEqualTo("evt_8");
    }

    @Test
    void aWebhookCannotTurnAPaymentThatEndedIntoAnother() throws Exception {
        pay("declined", "4000000000000002");
        byte[] body = "{\"id\":\"evt_2\",\"reference\":\"sbx_declined\",\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(sandbox.verifyWebhook(signed(body, sandbox.sign(body))).status()).isEqualTo(ProviderStatus.ERROR);
    }

    @Test
    void aLookUpForAnotherPaymentAmountOrCurrencyConfirmsNothing() {
        pay("paid", "4242424242424242");
        assertThat(sandbox.fetch(new PaymentLookup("paid", "o", "sbx_paid", new Money(25_000, "MAD"))).status())
                .isEqualTo(ProviderStatus.PROCESSED);
        assertThat(sandbox.fetch(new PaymentLookup("paid", "o", "sbx_paid", new Money(1, "MAD"))).status())
                .isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(sandbox.fetch(new PaymentLookup("paid", "o", "sbx_paid", new Money(25_000, "EUR"))).status())
                .isEqualTo(ProviderStatus.UNKNOWN);
        var other = sandbox.fetch(new PaymentLookup("someone-else", "o", "sbx_paid", new Money(25_000, "MAD")));
        assertThat(other.status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(other.message()).contains("mismatch");
    }

    @Test
    void refundsNeverExceedWhatWasCapturedAndAreIdempotent() {
        pay("r", "4242424242424242");
        assertThat(refund("k1", 10_000).status()).isEqualTo(RefundResult.Status.SUCCEEDED);
        assertThat(refund("k1", 10_000).gatewayReference()).isEqualTo("sbx_refund_k1");
        assertThat(refund("k2", 20_000).status()).isEqualTo(RefundResult.Status.FAILED);
        assertThat(refund("k2", 20_000).message()).contains("150.00 MAD");
        assertThat(refund("k3", 15_000).status()).isEqualTo(RefundResult.Status.SUCCEEDED);
        assertThat(refund("k4", 1).status()).isEqualTo(RefundResult.Status.FAILED);
        pay("pending-r", "4000000000000259");
        assertThat(sandbox.refund(new RefundRequest("r5", "pending-r", "sbx_pending-r", new Money(1, "MAD"), "x", "k5"))
                .status()).isEqualTo(RefundResult.Status.FAILED);
    }

    @Test
    void theCardNumberIsRequiredDigitsOnlyAndOfACardsLength() {
        assertThat(sandbox.checkDetails(SandboxProvider.METHOD, Map.of("cardNumber", "4242 4242 4242 4242"))).isEmpty();
        assertThat(sandbox.checkDetails(SandboxProvider.METHOD, Map.of("cardNumber", "4000-0000-0000-9995"))).isEmpty();
        assertThat(sandbox.checkDetails(SandboxProvider.METHOD, Map.of("cardNumber", "1234567890123"))).as("no test card, but a card")
                .isEmpty();
        java.util.Map<String, String> nullCard = new java.util.HashMap<>();
        nullCard.put("cardNumber", null);
        for (Map<String, String> missing : List.of(Map.<String, String>of(), nullCard, Map.of("cardNumber", "  "))) {
            assertThat(sandbox.checkDetails(SandboxProvider.METHOD, missing))
                    .containsExactly(new FieldError("details.cardNumber", "is required"));
        }
        assertThat(sandbox.checkDetails(SandboxProvider.METHOD, Map.of("cardNumber", "4242x4242x4242x4242")))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("details.cardNumber");
                    assertThat(e.reason()).contains("digits only");
                });
        for (String wrongLength : List.of("1234", "42424242424242424242", "4".repeat(5_000))) {
            assertThat(sandbox.checkDetails(SandboxProvider.METHOD, Map.of("cardNumber", wrongLength)))
                    .singleElement().satisfies(e -> assertThat(e.reason()).contains("12 to 19 digits"));
        }
        assertThat(sandbox.checkDetails("other.method", Map.of())).isEmpty();
    }

    @Test
    void theSlowRefundCardsRefundIsPendingUntilAskedAgainWithTheSameKey() {
        assertThat(pay("slow", "4000 0000 0000 5126").status()).isEqualTo(ProviderStatus.PROCESSED);
        RefundRequest full = new RefundRequest("rf-1", "slow", "sbx_slow", new Money(25_000, "MAD"), "test", "rf-1");
        assertThat(sandbox.refund(full).status()).isEqualTo(RefundResult.Status.PENDING);
        // The amount under way is set aside: another refund finds nothing left.
        assertThat(sandbox.refund(new RefundRequest("rf-2", "slow", "sbx_slow", new Money(1, "MAD"), "test", "rf-2"))
                .status()).isEqualTo(RefundResult.Status.FAILED);
        assertThat(sandbox.refund(full).status()).isEqualTo(RefundResult.Status.SUCCEEDED);
        assertThat(sandbox.refund(full).status()).isEqualTo(RefundResult.Status.SUCCEEDED);
    }

    @Test
    void noSecretNoSandbox() {
        assertThatThrownBy(() -> new SandboxProvider(" ")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(".webhook.secret");
    }

    private RefundResult refund(String key, long minor) {
        return sandbox.refund(new RefundRequest("refund-" + key, "r", "sbx_r", new Money(minor, "MAD"), "test", key));
    }

    @Test
    void aBadOrMissingSignatureOrAMalformedEventIsRejected() {
        byte[] body = "{\"id\":\"evt_1\",\"reference\":\"sbx_x\",\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> sandbox.verifyWebhook(signed(body, "00ff")))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> sandbox.verifyWebhook(new WebhookRequest(Map.of(), body)))
                .hasMessageContaining("missing");
        byte[] tampered = "{\"id\":\"evt_1\",\"reference\":\"sbx_x\",\"status\":\"failed\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> sandbox.verifyWebhook(signed(tampered, (sandbox.sign(body)))))
                .hasMessageContaining("does not match");
        byte[] garbage = "{\"id\": [1]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> sandbox.verifyWebhook(signed(garbage, "00ff")))
                .hasMessageContaining("does not match");
    }

    @Test
    void aSignedEventTheSandboxHasNothingToDoWithIsIgnoredNotRejected() throws Exception {
        for (String body : List.of("{\"id\":\"evt_r\",\"reference\":\"sbx_x\",\"status\":\"refunded\"}",
                "{\"id\":\"evt_n\",\"type\":\"customer.created\"}")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            var event = sandbox.verifyWebhook(signed(bytes, sandbox.sign(bytes)));
            assertThat(event.isIgnored()).as(body).isTrue();
            assertThat(event.status()).as(body).isEqualTo(ProviderStatus.UNKNOWN);
        }
        byte[] settles = "{\"id\":\"evt_s\",\"reference\":\"sbx_x\",\"status\":\"succeeded\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(sandbox.verifyWebhook(signed(settles, sandbox.sign(settles))).isIgnored()).isFalse();
    }

    @Test
    void aSignedBodyThatIsNoReadableEventIsBadInputNamingTheFieldNeverIgnored() {
        java.util.Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("{not json", List.of("body"));
        expected.put("{\"id\": [1]}", List.of("body"));
        expected.put("[1,2]", List.of("body"));
        expected.put("{\"id\":\"evt_m\",\"status\":\"succeeded\"}", List.of("reference"));
        expected.put("{\"reference\":\"sbx_x\",\"status\":\"succeeded\"}", List.of("id"));
        expected.put("{}", List.of("id", "reference", "status"));
        expected.forEach((body, fields) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> sandbox.verifyWebhook(signed(bytes, sandbox.sign(bytes))))
                    .as(body).isInstanceOfSatisfying(org.souk.common.api.ValidationException.class, e -> assertThat(
                            e.errors()).extracting(org.souk.common.api.FieldError::field).containsExactlyElementsOf(fields));
        });
        // Unsigned, the same body is still a forgery, not bad input.
        byte[] bytes = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> sandbox.verifyWebhook(signed(bytes, "00".repeat(32))))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void aDeclineSaysWhyAsACode() throws Exception {
        assertThat(pay("c1", "4000000000000002").declineCode()).isEqualTo("card_declined");
        assertThat(pay("c2", "4000 0000 0000 9995").declineCode()).isEqualTo("insufficient_funds");
        assertThat(pay("c3", "4000000000000069").declineCode()).isEqualTo("expired_card");
        assertThat(pay("c4", "1234567890123").declineCode()).isEqualTo("card_declined");
        assertThat(pay("c5", "4242424242424242").declineCode()).isNull();
        // A look-up and a webhook about the declined charge say the same.
        assertThat(sandbox.fetch(new PaymentLookup("c2", "o", "sbx_c2", new Money(25_000, "MAD"))).declineCode())
                .isEqualTo("insufficient_funds");
        byte[] body = "{\"id\":\"evt_c2\",\"reference\":\"sbx_c2\",\"status\":\"failed\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(sandbox.verifyWebhook(signed(body, sandbox.sign(body))).declineCode()).isEqualTo("insufficient_funds");
        // A pending charge failed by a webhook takes the event's code, or unknown.
        pay("c6", "4000000000000259");
        byte[] coded = "{\"id\":\"evt_c6\",\"reference\":\"sbx_c6\",\"status\":\"failed\",\"declineCode\":\"Do Not Honor\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(sandbox.verifyWebhook(signed(coded, sandbox.sign(coded))).declineCode()).isEqualTo("do_not_honor");
    }

    private org.souk.gateway.spi.ProviderResult pay(String key, String card) {
        return sandbox.initiate(new PaymentRequest(key, "o-" + key, SandboxProvider.METHOD, new Money(25_000, "MAD"),
                "test", Map.of(SandboxProvider.CARD_DETAIL, card), key));
    }

    private static WebhookRequest signed(byte[] body, String signature) {
        return new WebhookRequest(Map.of("x-sandbox-signature", List.of(signature)), body);
    }
}
