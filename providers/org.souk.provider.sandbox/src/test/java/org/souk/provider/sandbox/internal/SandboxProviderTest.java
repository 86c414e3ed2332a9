package org.souk.provider.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderStatus;
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
        assertThat(sandbox.fetch(new PaymentLookup("plain-pending", "o", "sbx_plain-pending", new Money(1, "MAD"))).status())
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
        assertThat(sandbox.fetch(new PaymentLookup("pend", "o", "sbx_pend", new Money(1, "MAD"))).status())
                .isEqualTo(ProviderStatus.PROCESSED);
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
        assertThatThrownBy(() -> sandbox.verifyWebhook(signed(garbage, (sandbox.sign(garbage)))))
                .hasMessageContaining("malformed");
    }

    private org.souk.gateway.spi.ProviderResult pay(String key, String card) {
        return sandbox.initiate(new PaymentRequest(key, "o-" + key, SandboxProvider.METHOD, new Money(25_000, "MAD"),
                "test", Map.of(SandboxProvider.CARD_DETAIL, card), key));
    }

    private static WebhookRequest signed(byte[] body, String signature) {
        return new WebhookRequest(Map.of("x-sandbox-signature", List.of(signature)), body);
    }
}
