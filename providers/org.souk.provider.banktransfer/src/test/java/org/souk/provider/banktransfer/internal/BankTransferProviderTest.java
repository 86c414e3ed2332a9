package org.souk.provider.banktransfer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.testkit.PaymentProviderContract;

class BankTransferProviderTest extends PaymentProviderContract {

    private final BankTransferProvider provider = new BankTransferProvider("MA64 0118 1000 0000 1234 5678 9012",
            "Souk Escrow SARL", "a-webhook-secret-for-tests");

    @Override
    protected PaymentProvider provider() {
        return provider;
    }

    @Override
    protected PaymentRequest acceptablePayment(String paymentId) {
        return request(paymentId, BankTransferProvider.METHOD, Money.parse("250.00", "MAD"), Map.of());
    }

    @Override
    protected WebhookRequest signedWebhook(PaymentRequest payment, ProviderResult initiated, String eventId) {
        return signed("{\"id\":\"" + eventId + "\",\"reference\":\"" + initiated.gatewayReference()
                + "\",\"status\":\"received\",\"amount\":\"" + payment.amount().toDecimalString() + "\",\"currency\":\"MAD\"}");
    }

    @Override
    protected WebhookRequest tamperedWebhook(WebhookRequest signed) {
        String body = new String(signed.body(), StandardCharsets.UTF_8).replace("received", "rejected");
        return new WebhookRequest(signed.headers(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A bank has no status look-up: only the signed statement confirms a transfer. */
    @Override
    protected boolean completeAtGateway(PaymentRequest payment, ProviderResult initiated) {
        return false;
    }

    @Override
    protected boolean makeGatewayUnresponsive() {
        return false; // it calls no gateway
    }

    @Test
    void aTransferNeedsNoDetailsFromTheClient() {
        assertThat(provider.checkDetails(BankTransferProvider.METHOD, Map.of())).isEmpty();
        assertThat(provider.checkDetails(BankTransferProvider.METHOD, Map.of("note", "anything"))).isEmpty();
    }

    @Test
    void theClientIsToldWhereToPayAndWhichReferenceToQuote() {
        ProviderResult r = provider.initiate(acceptablePayment("0b1c2d3e-aaaa-bbbb-cccc-1234567890ab"));
        assertThat(r.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(r.gatewayReference()).isEqualTo("BT-0B1C2D3EAAAABBBBCCCC1234567890AB");
        assertThat(r.nextAction().type()).isEqualTo(NextAction.DISPLAY_CODE);
        assertThat(r.nextAction().data()).containsEntry("reference", r.gatewayReference())
                .containsEntry("amount", "250.00").containsEntry("beneficiary", "Souk Escrow SARL");
    }

    @Test
    void aConfirmationCarriesTheAmountTheBankReceived() throws Exception {
        var event = provider.verifyWebhook(signed(
                "{\"id\":\"st-9\",\"reference\":\"BT-1\",\"status\":\"received\",\"amount\":249.5,\"currency\":\"MAD\"}"));
        assertThat(event.amount()).isEqualTo(Money.parse("249.50", "MAD"));
        assertThat(event.status()).isEqualTo(ProviderStatus.PROCESSED);
        // Signed, but no confirmation (another status): acknowledged as ignored, not refused.
        var maybe = provider.verifyWebhook(signed("{\"id\":\"st-9\",\"reference\":\"BT-1\",\"status\":\"maybe\","
                + "\"amount\":\"1\",\"currency\":\"MAD\"}"));
        assertThat(maybe.isIgnored()).isTrue();
        assertThat(maybe.eventId()).isEqualTo("st-9");
        assertThat(maybe.ignoredBecause()).contains("neither received nor rejected");
        // Signed, but a line the import got wrong: refused as bad input naming the field, never acknowledged.
        assertThat(catchThrowableOfType(() -> provider.verifyWebhook(signed("not json")), ValidationException.class)
                .errors()).extracting(FieldError::field).containsExactly("body");
        assertThatThrownBy(() -> provider.verifyWebhook(new WebhookRequest(Map.of(BankTransferProvider.SIGNATURE_HEADER,
                List.of("00")), "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void anAbsurdOrMissingAmountIsRefusedAtOnce() throws Exception {
        // A signed statement line still must not make the server expand 1e64000000 into 64 million digits.
        assertThat(catchThrowableOfType(() -> provider.verifyWebhook(signed("{\"id\":\"st-10\",\"reference\":\"BT-1\","
                + "\"status\":\"received\",\"amount\":\"1e64000000\",\"currency\":\"MAD\"}")), ValidationException.class)
                .errors()).extracting(FieldError::field).containsExactly("amount");
        assertThat(catchThrowableOfType(() -> provider.verifyWebhook(signed("{\"id\":\"st-11\",\"reference\":\"BT-1\","
                + "\"status\":\"received\",\"currency\":\"MAD\"}")), ValidationException.class)
                .errors()).extracting(FieldError::field).containsExactly("amount");
    }

    @Test
    void refusesToStartWithoutAnAccountOrWithAWeakSecret() {
        assertThatThrownBy(() -> new BankTransferProvider("", "x", "a-webhook-secret-for-tests"))
                .hasMessageContaining("needs 'account'");
        assertThatThrownBy(() -> new BankTransferProvider("MA64", "x", "short")).hasMessageContaining("16 characters");
        assertThat(provider.toString()).doesNotContain("a-webhook-secret-for-tests");
    }

    private WebhookRequest signed(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new WebhookRequest(Map.of(BankTransferProvider.SIGNATURE_HEADER,
                List.of(provider.sign(body))), body);
    }
}
