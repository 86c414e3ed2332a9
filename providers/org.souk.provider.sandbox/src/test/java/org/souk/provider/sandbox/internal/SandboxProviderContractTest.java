package org.souk.provider.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.souk.common.api.Money;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.testkit.PaymentProviderContract;

/** The sandbox passes the provider test kit. */
class SandboxProviderContractTest extends PaymentProviderContract {

    private final SandboxProvider sandbox = new SandboxProvider("kit-secret");

    @Override
    protected PaymentProvider provider() {
        return sandbox;
    }

    @Override
    protected PaymentRequest acceptablePayment(String paymentId) {
        return request(paymentId, SandboxProvider.METHOD, new Money(12_345, "MAD"),
                Map.of(SandboxProvider.CARD_DETAIL, SandboxProvider.PENDING_CARD));
    }

    @Override
    protected WebhookRequest signedWebhook(PaymentRequest payment, ProviderResult initiated, String eventId) {
        byte[] body = ("{\"id\":\"" + eventId + "\",\"reference\":\"" + initiated.gatewayReference()
                + "\",\"status\":\"succeeded\"}").getBytes(StandardCharsets.UTF_8);
        return new WebhookRequest(Map.of(SandboxProvider.SIGNATURE_HEADER, List.of((sandbox.sign(body)))), body);
    }

    /** The sandbox's own webhook settles it, as the gateway's would. */
    @Override
    protected boolean completeAtGateway(PaymentRequest payment, ProviderResult initiated) {
        try {
            sandbox.verifyWebhook(signedWebhook(payment, initiated, "evt-complete-" + payment.paymentId()));
        } catch (WebhookRejectedException e) {
            throw new AssertionError(e);
        }
        return true;
    }

    @Override
    protected boolean makeGatewayUnresponsive() {
        return false; // a simulator in memory: there is no gateway to lose
    }

    @Override
    protected boolean refundsSupported() {
        return true;
    }

    @Override
    protected WebhookRequest tamperedWebhook(WebhookRequest signed) {
        return new WebhookRequest(Map.of(SandboxProvider.SIGNATURE_HEADER, List.of("ab".repeat(32))), signed.body());
    }
}
