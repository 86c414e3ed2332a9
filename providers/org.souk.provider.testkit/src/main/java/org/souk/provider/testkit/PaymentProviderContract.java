package org.souk.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
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
 * it), how to make that gateway complete a payment, and inherits the checks:
 * <ul>
 * <li>it declares an id, methods with unique ids, and ISO-4217 currencies;</li>
 * <li>the details of an acceptable payment pass its details check, and every error it reports names a
 * {@code details.} field and a reason;</li>
 * <li>initiation is idempotent on the key: a retry never charges twice;</li>
 * <li>a status look-up agrees with what initiation said, says PROCESSED once the gateway completed the
 * payment, and never confirms a payment for another amount, currency or payment;</li>
 * <li>a correctly signed webhook is accepted, a tampered or unsigned one refused;</li>
 * <li>the same webhook twice gives the same event, and two events give two event ids, so the core applies
 * each event once and no event swallows another;</li>
 * <li>a gateway that does not answer yields UNKNOWN, never an exception (or the provider says it talks to
 * no gateway);</li>
 * <li>a provider that refunds gives back a settled payment in full or in parts, never twice and never more
 * than was captured, and refunds nothing that was never captured; one that cannot says it is
 * unsupported.</li>
 * </ul>
 * Every check can fail: the kit's own tests run each one against a provider broken on purpose.
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
     * Makes the gateway complete an initiated payment, as when the customer paid: a status look-up must
     * then answer PROCESSED. Return false only for a gateway that offers no status look-up (its
     * {@link PaymentProvider#fetch} never settles anything); the look-up must then never say PROCESSED.
     */
    protected abstract boolean completeAtGateway(PaymentRequest payment, ProviderResult initiated);

    /**
     * Makes the gateway stop answering, for the timeout check, and returns true. A provider that talks to no
     * gateway at all returns false, which skips the check: each provider has to say which it is.
     */
    protected abstract boolean makeGatewayUnresponsive();

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

    // ------------------------------------------------------------------------------------------ details

    @Test
    void theDetailsOfAnAcceptablePaymentPassTheCheck() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        assertThat(provider().checkDetails(payment.methodId(), payment.details()))
                .as("the details of a payment the provider accepts are not a caller's mistake").isEmpty();
    }

    @Test
    void detailErrorsNameTheFieldAsTheClientSentItAndNeverThrow() {
        for (PaymentMethod m : provider().methods()) {
            Map<String, String> blanks = new HashMap<>();
            Map<String, String> nulls = new HashMap<>();
            for (String key : acceptablePayment(newPaymentId()).details().keySet()) {
                blanks.put(key, " ");
                nulls.put(key, null); // JSON null arrives as a null value
            }
            for (Map<String, String> details : List.of(Map.<String, String>of(), blanks, nulls)) {
                List<FieldError> errors;
                try {
                    errors = provider().checkDetails(m.id(), details);
                } catch (RuntimeException e) {
                    throw new AssertionError("checkDetails(" + m.id() + ", " + details + ") must answer, not throw", e);
                }
                assertThat(errors).as("checkDetails(%s, %s)", m.id(), details).isNotNull().allSatisfy(e -> {
                    assertThat(e.field()).as("a field as the client sent it").startsWith("details.");
                    assertThat(e.reason()).as("why " + e.field() + " is refused").isNotBlank();
                });
            }
        }
    }

    // ------------------------------------------------------------------------------------------ payments

    @Test
    void initiationIsIdempotentOnTheKey() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult first = provider().initiate(payment);
        ProviderResult again = provider().initiate(payment);
        assertThat(first.status()).isIn(ProviderStatus.PROCESSED, ProviderStatus.PENDING);
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.gatewayReference()).as("a retry must not start a second payment").isEqualTo(first.gatewayReference());
    }

    @Test
    void aStatusLookUpAgreesWithInitiation() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult initiated = provider().initiate(payment);
        ProviderResult looked = provider().fetch(lookup(payment, initiated, payment.amount()));
        assertThat(looked.status()).isEqualTo(initiated.status());
    }

    /**
     * Once the gateway completed a payment, the look-up says so; asked about another amount, another currency
     * or another payment under the same reference, it never confirms (the core settles on its word).
     */
    @Test
    void aLookUpConfirmsACompletedPaymentAndNothingElse() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult initiated = provider().initiate(payment);
        boolean lookUps = completeAtGateway(payment, initiated);

        Money amount = payment.amount();
        Money more = Money.ofMinor(amount.minor() + Math.max(1, amount.minor() / 10), amount.currency());
        Money otherCurrency = Money.ofMinor(amount.minor(), "USD".equals(amount.currency()) ? "EUR" : "USD");
        for (Money wrong : List.of(more, otherCurrency)) {
            assertThat(provider().fetch(lookup(payment, initiated, wrong)).status())
                    .as("a look-up for %s of a payment of %s", wrong, amount).isNotEqualTo(ProviderStatus.PROCESSED);
        }
        PaymentLookup someoneElse = new PaymentLookup(newPaymentId(), "order-other", initiated.gatewayReference(), amount);
        assertThat(provider().fetch(someoneElse).status()).as("a look-up of another payment under this reference")
                .isNotEqualTo(ProviderStatus.PROCESSED);

        ProviderResult looked = provider().fetch(lookup(payment, initiated, amount));
        if (lookUps) {
            assertThat(looked.status()).as("the gateway completed the payment").isEqualTo(ProviderStatus.PROCESSED);
        } else {
            assertThat(looked.status()).as("a gateway without look-ups settles nothing by look-up")
                    .isNotEqualTo(ProviderStatus.PROCESSED);
        }
    }

    // ------------------------------------------------------------------------------------------ webhooks

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

    /**
     * The core deduplicates by event id: the same delivery twice must give the same event, and two different
     * events about one payment two different ids, or the second would be dropped as a duplicate.
     */
    @Test
    void aDuplicateWebhookIsHarmlessAndDistinctEventsStayDistinct() throws Exception {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult initiated = provider().initiate(payment);
        String firstId = "evt-" + newPaymentId();
        String secondId = "evt-" + newPaymentId();
        WebhookRequest first = signedWebhook(payment, initiated, firstId);
        WebhookEvent delivered = provider().verifyWebhook(first);
        WebhookEvent redelivered = provider().verifyWebhook(signedWebhook(payment, initiated, firstId));
        assertThat(redelivered).as("the same event delivered again").isEqualTo(delivered);
        WebhookEvent other = provider().verifyWebhook(signedWebhook(payment, initiated, secondId));
        assertThat(other.eventId()).as("another event about the same payment").isNotEqualTo(delivered.eventId());
        assertThat(provider().verifyWebhook(first).eventId()).as("the very same bytes again").isEqualTo(delivered.eventId());
    }

    // ------------------------------------------------------------------------------------------ outages

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

    // ------------------------------------------------------------------------------------------ refunds

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

    @Test
    void aSettledPaymentIsRefundedInFullOnceAndOnlyOnce() {
        assumeTrue(refundsSupported(), "this provider offers no refunds");
        Settled settled = settled();
        Money all = settled.payment().amount();
        String key = newPaymentId();
        RefundResult refund = provider().refund(refund(settled, all, key));
        assertThat(refund.status()).as("a full refund: %s", refund.message()).isIn(RefundResult.Status.SUCCEEDED,
                RefundResult.Status.PENDING);
        assertThat(refund.gatewayReference()).as("the gateway's reference of the refund").isNotBlank();

        RefundResult retried = provider().refund(refund(settled, all, key));
        assertThat(retried.status()).as("the same refund asked again").isEqualTo(refund.status());
        assertThat(retried.gatewayReference()).as("a retry must not refund twice").isEqualTo(refund.gatewayReference());

        RefundResult again = provider().refund(refund(settled, all, newPaymentId()));
        assertThat(again.status()).as("a second full refund of a payment already given back")
                .isNotIn(RefundResult.Status.SUCCEEDED, RefundResult.Status.PENDING);
    }

    @Test
    void aSettledPaymentIsRefundedInPartsNeverBeyondWhatWasCaptured() {
        assumeTrue(refundsSupported(), "this provider offers no refunds");
        Settled settled = settled();
        Money all = settled.payment().amount();
        Money half = Money.ofMinor(all.minor() / 2, all.currency());
        Money rest = all.minus(half);

        RefundResult first = provider().refund(refund(settled, half, newPaymentId()));
        assertThat(first.status()).as("a partial refund of %s: %s", half, first.message())
                .isIn(RefundResult.Status.SUCCEEDED, RefundResult.Status.PENDING);
        assertThat(first.gatewayReference()).isNotBlank();

        RefundResult tooMuch = provider().refund(refund(settled, all, newPaymentId()));
        assertThat(tooMuch.status()).as("a refund of %s after %s of %s was given back", all, half, all)
                .isNotIn(RefundResult.Status.SUCCEEDED, RefundResult.Status.PENDING);

        RefundResult second = provider().refund(refund(settled, rest, newPaymentId()));
        assertThat(second.status()).as("the remaining %s: %s", rest, second.message())
                .isIn(RefundResult.Status.SUCCEEDED, RefundResult.Status.PENDING);
        assertThat(second.gatewayReference()).as("two refunds, two references").isNotBlank()
                .isNotEqualTo(first.gatewayReference());
    }

    @Test
    void nothingIsRefundedOfAPaymentThatWasNeverCaptured() {
        assumeTrue(refundsSupported(), "this provider offers no refunds");
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult initiated = provider().initiate(payment);
        assumeTrue(initiated.status() == ProviderStatus.PENDING, "an acceptable payment is captured at once");
        RefundResult refund = provider().refund(new RefundRequest(newPaymentId(), payment.paymentId(),
                initiated.gatewayReference(), payment.amount(), "test kit", newPaymentId()));
        assertThat(refund.status()).as("a refund of a payment still pending at the gateway")
                .isNotEqualTo(RefundResult.Status.SUCCEEDED);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A payment the gateway completed and the look-up confirmed. */
    protected record Settled(PaymentRequest payment, ProviderResult initiated) {
    }

    private Settled settled() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult initiated = provider().initiate(payment);
        if (initiated.status() != ProviderStatus.PROCESSED) {
            assertThat(completeAtGateway(payment, initiated))
                    .as("a provider that refunds must let the kit complete a payment at its gateway").isTrue();
            assertThat(provider().fetch(lookup(payment, initiated, payment.amount())).status())
                    .isEqualTo(ProviderStatus.PROCESSED);
        }
        return new Settled(payment, initiated);
    }

    private static RefundRequest refund(Settled settled, Money amount, String key) {
        return new RefundRequest("refund-" + key, settled.payment().paymentId(), settled.initiated().gatewayReference(),
                amount, "test kit", key);
    }

    private static PaymentLookup lookup(PaymentRequest payment, ProviderResult initiated, Money amount) {
        return new PaymentLookup(payment.paymentId(), payment.orderId(), initiated.gatewayReference(), amount);
    }
}
