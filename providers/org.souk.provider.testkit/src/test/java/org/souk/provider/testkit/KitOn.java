package org.souk.provider.testkit;

import java.util.List;
import java.util.Map;

import org.souk.common.api.Money;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookRequest;

/** The contract run against a given {@link ReferenceProvider}, maybe a broken one. */
class KitOn extends PaymentProviderContract {

    final ReferenceProvider provider;
    final boolean refunds;

    KitOn(ReferenceProvider provider) {
        this(provider, true);
    }

    KitOn(ReferenceProvider provider, boolean refunds) {
        this.provider = provider;
        this.refunds = refunds;
    }

    @Override
    protected PaymentProvider provider() {
        return provider;
    }

    @Override
    protected PaymentRequest acceptablePayment(String paymentId) {
        return request(paymentId, ReferenceProvider.METHOD, Money.ofMinor(10_000, "MAD"),
                Map.of(ReferenceProvider.TOKEN, "tok_" + paymentId));
    }

    @Override
    protected WebhookRequest signedWebhook(PaymentRequest payment, ProviderResult initiated, String eventId) {
        return provider.webhook(eventId, initiated.gatewayReference(), ProviderStatus.PROCESSED);
    }

    @Override
    protected WebhookRequest tamperedWebhook(WebhookRequest signed) {
        return new WebhookRequest(Map.of(ReferenceProvider.SIGNATURE, List.of("00".repeat(32))), signed.body());
    }

    @Override
    protected boolean completeAtGateway(PaymentRequest payment, ProviderResult initiated) {
        provider.complete(initiated.gatewayReference());
        return true;
    }

    @Override
    protected boolean makeGatewayUnresponsive() {
        provider.unresponsive = true;
        return true;
    }

    @Override
    protected boolean refundsSupported() {
        return refunds;
    }
}
