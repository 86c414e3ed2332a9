package org.souk.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Currency;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

/**
 * What Souk relies on from every payment provider. A provider module extends this class in its tests,
 * says how to build an acceptable payment and a signed webhook for its gateway (usually a local stub of
 * it), and inherits the checks:
 * <ul>
 * <li>it declares an id, methods with unique ids, and ISO-4217 currencies;</li>
 * <li>initiation is idempotent on the key: a retry never charges twice;</li>
 * <li>a status look-up agrees with what initiation said;</li>
 * <li>a correctly signed webhook is accepted, a tampered or unsigned one refused;</li>
 * <li>the same webhook twice gives the same event id, so the core applies it once;</li>
 * <li>a gateway that does not answer yields UNKNOWN, never an exception;</li>
 * <li>a refund the gateway cannot do is said to be unsupported.</li>
 * </ul>
 */
public abstract class PaymentProviderContract {

    /** The provider under test, configured against a gateway (or stub) that is up. */
    protected abstract PaymentProvider provider();

    /** A request the provider accepts for the given payment id; its outcome may be PROCESSED or PENDING. */
    protected abstract PaymentRequest acceptablePayment(String paymentId);

    /** A correctly signed webhook that settles the initiated payment, with the given event id. */
    protected abstract WebhookRequest signedWebhook(PaymentRequest payment, ProviderResult initiated, String eventId);

    /** The webhook with its signature header replaced by one that does not match the body. */
    protected abstract WebhookRequest tamperedWebhook(WebhookRequest signed);

    /**
     * Makes the gateway stop answering, for the timeout check. Providers without network return false and
     * the check is skipped.
     */
    protected boolean makeGatewayUnresponsive() {
        return false;
    }

    /** Whether the gateway refunds; if not, {@link PaymentProvider#refund} must say so. */
    protected boolean refundsSupported() {
        return false;
    }

    /** A payment request for a method of the provider, with the given details. */
    protected PaymentRequest request(String paymentId, String methodId, Money amount, Map<String, String> details) {
        return new PaymentRequest(paymentId, "order-" + paymentId, methodId, amount, "Test kit payment", details, paymentId);
    }

    protected static String newPaymentId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void declaresItselfCompletely() {
        PaymentProvider p = provider();
        assertThat(p.id()).isNotBlank().matches("[a-z0-9][a-z0-9-]*");
        assertThat(p.displayName()).isNotBlank();
        assertThat(p.methods()).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (PaymentMethod m : p.methods()) {
            assertThat(m.id()).isNotBlank();
            assertThat(ids.add(m.id())).as("method ids are unique: " + m.id()).isTrue();
            assertThat(m.type()).isNotNull();
        }
        assertThat(p.currencies()).isNotEmpty().allSatisfy(c -> assertThat(Currency.getInstance(c)).isNotNull());
    }

    @Test
    void initiationIsIdempotentOnTheKey() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult first = provider().initiate(payment);
        ProviderResult again = provider().initiate(payment);
        assertThat(first.status()).isIn(ProviderStatus.PROCESSED, ProviderStatus.PENDING);
        assertThat(again.status()).isEqualTo(first.status());
        if (first.status() == ProviderStatus.PROCESSED) {
            assertThat(again.gatewayReference()).as("a retry must not charge again").isEqualTo(first.gatewayReference());
        }
    }

    @Test
    void aStatusLookUpAgreesWithInitiation() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult initiated = provider().initiate(payment);
        ProviderResult looked = provider().fetch(new PaymentLookup(payment.paymentId(), payment.orderId(),
                initiated.gatewayReference(), payment.amount()));
        assertThat(looked.status()).isEqualTo(initiated.status());
    }

    @Test
    void aCorrectlySignedWebhookIsAccepted() throws Exception {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult initiated = provider().initiate(payment);
        WebhookEvent event = provider().verifyWebhook(signedWebhook(payment, initiated, "evt-" + newPaymentId()));
        assertThat(event.eventId()).isNotBlank();
        assertThat(event.paymentId() != null || event.gatewayReference() != null)
                .as("the event says which payment it is about").isTrue();
        assertThat(event.status()).isNotNull();
    }

    @Test
    void aTamperedWebhookIsRefused() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        WebhookRequest signed = signedWebhook(payment, provider().initiate(payment), "evt-" + newPaymentId());
        assertThatThrownBy(() -> provider().verifyWebhook(tamperedWebhook(signed)))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void anUnsignedWebhookIsRefused() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        WebhookRequest signed = signedWebhook(payment, provider().initiate(payment), "evt-" + newPaymentId());
        assertThatThrownBy(() -> provider().verifyWebhook(new WebhookRequest(Map.of(), signed.body())))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void aDuplicateWebhookIsHarmless() throws Exception {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        WebhookRequest signed = signedWebhook(payment, provider().initiate(payment), "evt-" + newPaymentId());
        WebhookEvent first = provider().verifyWebhook(signed);
        WebhookEvent again = provider().verifyWebhook(signed);
        assertThat(again.eventId()).as("the core deduplicates by event id").isEqualTo(first.eventId());
        assertThat(again.status()).isEqualTo(first.status());
    }

    @Test
    void aGatewayThatDoesNotAnswerYieldsUnknown() {
        assumeTrue(makeGatewayUnresponsive(), "this provider talks to no gateway");
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult result = provider().initiate(payment);
        assertThat(result.status()).isEqualTo(ProviderStatus.UNKNOWN);
        ProviderResult looked = provider().fetch(new PaymentLookup(payment.paymentId(), payment.orderId(), "ref-1",
                payment.amount()));
        assertThat(looked.status()).isEqualTo(ProviderStatus.UNKNOWN);
    }

    @Test
    void aRefundItCannotDoIsSaidToBeUnsupported() {
        assumeFalse(refundsSupported(), "this provider refunds");
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult initiated = provider().initiate(payment);
        RefundResult refund = provider().refund(new RefundRequest(newPaymentId(), payment.paymentId(),
                initiated.gatewayReference(), payment.amount(), "test kit", newPaymentId()));
        assertThat(refund.status()).isEqualTo(RefundResult.Status.UNSUPPORTED);
        assertThat(refund.message()).isNotBlank();
    }
}
