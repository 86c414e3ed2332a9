package org.souk.provider.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

/**
 * Each check of the kit, run against the reference provider broken in the way the check exists to catch,
 * must fail (an assertion error, not a skip); the unbroken provider passes it.
 */
class EveryCheckCanFailTest {

    private interface Check {
        void run(KitOn kit) throws Exception;
    }

    private static void fails(ReferenceProvider broken, Check check) {
        fails(new KitOn(broken), check);
    }

    private static void fails(KitOn kit, Check check) {
        // Failing means an error or an assertion, never a skip (an aborted test passes unnoticed).
        assertThatThrownBy(() -> check.run(kit)).as("the check must fail for this provider")
                .isNotInstanceOf(TestAbortedException.class);
    }

    private static void passes(Check check) {
        assertThatCode(() -> check.run(new KitOn(new ReferenceProvider()))).doesNotThrowAnyException();
    }

    // ------------------------------------------------------------------------------------------ details

    @Test
    void detailsOfAnAcceptablePaymentThatAreRefused() {
        passes(PaymentProviderContract::theDetailsOfAnAcceptablePaymentPassTheCheck);
        fails(new ReferenceProvider() {
            @Override
            public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
                return List.of(new FieldError("details.token", "not a token we know"));
            }
        }, PaymentProviderContract::theDetailsOfAnAcceptablePaymentPassTheCheck);
    }

    @Test
    void detailErrorsThatDoNotNameTheFieldAsSent() {
        passes(PaymentProviderContract::detailErrorsNameTheFieldAsTheClientSentItAndNeverThrow);
        fails(new ReferenceProvider() {
            @Override
            public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
                return details.containsKey(TOKEN) ? List.of() : List.of(new FieldError(TOKEN, "is required"));
            }
        }, PaymentProviderContract::detailErrorsNameTheFieldAsTheClientSentItAndNeverThrow);
    }

    @Test
    void aDetailsCheckThatThrowsOnANullValue() {
        fails(new ReferenceProvider() {
            @Override
            public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
                String token = details.getOrDefault(TOKEN, "");
                return token.isBlank() ? List.of(new FieldError("details.token", "is required")) : List.of();
            }
        }, PaymentProviderContract::detailErrorsNameTheFieldAsTheClientSentItAndNeverThrow);
    }

    // ------------------------------------------------------------------------------------------ payments

    @Test
    void anInitiationThatStartsASecondPaymentOnARetry() {
        passes(PaymentProviderContract::initiationIsIdempotentOnTheKey);
        fails(new ReferenceProvider() {
            @Override
            String reference(PaymentRequest request) {
                return "ref_" + UUID.randomUUID();
            }
        }, PaymentProviderContract::initiationIsIdempotentOnTheKey);
    }

    @Test
    void aLookUpThatAlwaysSaysPending() {
        passes(PaymentProviderContract::aLookUpConfirmsACompletedPaymentAndNothingElse);
        fails(new ReferenceProvider() {
            @Override
            public ProviderResult fetch(PaymentLookup lookup) {
                return ProviderResult.pending(lookup.gatewayReference(), null);
            }
        }, PaymentProviderContract::aLookUpConfirmsACompletedPaymentAndNothingElse);
    }

    @Test
    void aLookUpThatDoesNotCheckTheAmountOrCurrency() {
        fails(new ReferenceProvider() {
            @Override
            boolean belongs(Charge charge, PaymentLookup lookup) {
                return charge.paymentId.equals(lookup.paymentId());
            }
        }, PaymentProviderContract::aLookUpConfirmsACompletedPaymentAndNothingElse);
        fails(new ReferenceProvider() {
            @Override
            boolean belongs(Charge charge, PaymentLookup lookup) {
                return charge.paymentId.equals(lookup.paymentId())
                        && charge.amount.minor() == lookup.amount().minor(); // the currency is not compared
            }
        }, PaymentProviderContract::aLookUpConfirmsACompletedPaymentAndNothingElse);
    }

    @Test
    void aLookUpThatDoesNotCheckWhichPaymentItIsAbout() {
        fails(new ReferenceProvider() {
            @Override
            boolean belongs(Charge charge, PaymentLookup lookup) {
                return charge.amount.equals(lookup.amount());
            }
        }, PaymentProviderContract::aLookUpConfirmsACompletedPaymentAndNothingElse);
    }

    @Test
    void aLookUpThatDisagreesWithInitiation() {
        passes(PaymentProviderContract::aStatusLookUpAgreesWithInitiation);
        fails(new ReferenceProvider() {
            @Override
            public ProviderResult fetch(PaymentLookup lookup) {
                return ProviderResult.error(lookup.gatewayReference(), "declined");
            }
        }, PaymentProviderContract::aStatusLookUpAgreesWithInitiation);
    }

    /** A provider without look-ups must not pretend: its fetch may never confirm. */
    @Test
    void aProviderWithoutLookUpsWhoseLookUpConfirms() {
        KitOn noLookUps = new KitOn(new ReferenceProvider() {
            @Override
            public ProviderResult fetch(PaymentLookup lookup) {
                return ProviderResult.processed(lookup.gatewayReference());
            }
        }) {
            @Override
            protected boolean completeAtGateway(PaymentRequest payment, ProviderResult initiated) {
                return false;
            }
        };
        fails(noLookUps, PaymentProviderContract::aLookUpConfirmsACompletedPaymentAndNothingElse);
    }

    // ------------------------------------------------------------------------------------------ webhooks

    @Test
    void aProviderThatAcceptsAnySignature() {
        passes(PaymentProviderContract::aTamperedWebhookIsRefused);
        passes(PaymentProviderContract::anUnsignedWebhookIsRefused);
        ReferenceProvider trusting = new ReferenceProvider() {
            @Override
            public WebhookEvent verifyWebhook(WebhookRequest request) {
                String[] parts = new String(request.body()).split("\\|");
                return new WebhookEvent(parts[0], null, parts[1], ProviderStatus.valueOf(parts[2]), null);
            }
        };
        fails(trusting, PaymentProviderContract::aTamperedWebhookIsRefused);
        fails(trusting, PaymentProviderContract::anUnsignedWebhookIsRefused);
    }

    @Test
    void aProviderThatRefusesEveryWebhook() {
        passes(PaymentProviderContract::aCorrectlySignedWebhookIsAccepted);
        fails(new ReferenceProvider() {
            @Override
            public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
                throw new WebhookRejectedException("no");
            }
        }, PaymentProviderContract::aCorrectlySignedWebhookIsAccepted);
    }

    @Test
    void eventIdsThatChangeOnRedeliveryOrCollideAcrossEvents() {
        passes(PaymentProviderContract::aDuplicateWebhookIsHarmlessAndDistinctEventsStayDistinct);
        fails(new ReferenceProvider() {
            @Override
            String eventId(String id, String reference) {
                return UUID.randomUUID().toString(); // a fresh id per delivery: duplicates are applied twice
            }
        }, PaymentProviderContract::aDuplicateWebhookIsHarmlessAndDistinctEventsStayDistinct);
        fails(new ReferenceProvider() {
            @Override
            String eventId(String id, String reference) {
                return "evt_" + reference; // one id per payment: a later event is taken for a duplicate
            }
        }, PaymentProviderContract::aDuplicateWebhookIsHarmlessAndDistinctEventsStayDistinct);
    }

    // ------------------------------------------------------------------------------------------ outages

    @Test
    void aProviderThatThrowsWhenTheGatewayIsSilent() {
        passes(PaymentProviderContract::aGatewayThatDoesNotAnswerYieldsUnknown);
        fails(new ReferenceProvider() {
            @Override
            public ProviderResult initiate(PaymentRequest request) {
                if (unresponsive) {
                    throw new IllegalStateException("timed out");
                }
                return super.initiate(request);
            }
        }, PaymentProviderContract::aGatewayThatDoesNotAnswerYieldsUnknown);
    }

    // ------------------------------------------------------------------------------------------ refunds

    @Test
    void aProviderThatSaysItCannotRefundButDoes() {
        fails(new KitOn(new ReferenceProvider(), false), PaymentProviderContract::aRefundItCannotDoIsSaidToBeUnsupported);
    }

    @Test
    void aProviderThatSaysItRefundsButDoesNot() {
        passes(PaymentProviderContract::aSettledPaymentIsRefundedInFullOnceAndOnlyOnce);
        passes(PaymentProviderContract::aSettledPaymentIsRefundedInPartsNeverBeyondWhatWasCaptured);
        ReferenceProvider none = new ReferenceProvider() {
            @Override
            public RefundResult refund(RefundRequest request) {
                return RefundResult.unsupported("no refunds here");
            }
        };
        fails(none, PaymentProviderContract::aSettledPaymentIsRefundedInFullOnceAndOnlyOnce);
        fails(none, PaymentProviderContract::aSettledPaymentIsRefundedInPartsNeverBeyondWhatWasCaptured);
    }

    @Test
    void aRetriedRefundThatRefundsAgain() {
        fails(new ReferenceProvider() {
            @Override
            public RefundResult refund(RefundRequest request) {
                return new RefundResult(RefundResult.Status.SUCCEEDED, "rf_" + UUID.randomUUID(), null);
            }
        }, PaymentProviderContract::aSettledPaymentIsRefundedInFullOnceAndOnlyOnce);
    }

    @Test
    void refundsBeyondWhatWasCaptured() {
        ReferenceProvider generous = new ReferenceProvider() {
            @Override
            boolean allows(Charge charge, Money amount) {
                return true;
            }
        };
        fails(generous, PaymentProviderContract::aSettledPaymentIsRefundedInFullOnceAndOnlyOnce);
        fails(generous, PaymentProviderContract::aSettledPaymentIsRefundedInPartsNeverBeyondWhatWasCaptured);
    }

    @Test
    void aPartialRefundThatGivesBackEverything() {
        fails(new ReferenceProvider() {
            @Override
            public RefundResult refund(RefundRequest request) {
                Money all = charges.get(request.gatewayReference()).amount;
                return super.refund(new RefundRequest(request.refundId(), request.paymentId(), request.gatewayReference(),
                        all, request.reason(), request.idempotencyKey()));
            }
        }, PaymentProviderContract::aSettledPaymentIsRefundedInPartsNeverBeyondWhatWasCaptured);
    }

    @Test
    void aRefundOfWhatWasNeverCaptured() {
        passes(PaymentProviderContract::nothingIsRefundedOfAPaymentThatWasNeverCaptured);
        fails(new ReferenceProvider() {
            @Override
            public RefundResult refund(RefundRequest request) {
                return new RefundResult(RefundResult.Status.SUCCEEDED, "rf_" + request.idempotencyKey(), null);
            }
        }, PaymentProviderContract::nothingIsRefundedOfAPaymentThatWasNeverCaptured);
    }
}
