package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.souk.gateway.spi.ProviderStatus.CANCELED;
import static org.souk.gateway.spi.ProviderStatus.ERROR;
import static org.souk.gateway.spi.ProviderStatus.PENDING;
import static org.souk.gateway.spi.ProviderStatus.PROCESSED;
import static org.souk.gateway.spi.ProviderStatus.UNKNOWN;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.internal.Settlement.Action;

class SettlementTest {

    private static final Money MAD = new Money(50_000, "MAD");
    private static final Money EUR = new Money(4_630, "EUR");

    private static Action webhook(PaymentStatus status, String stored, Money expected, ProviderStatus said, String ref,
            Money amount) {
        return Settlement.decide(status, stored, expected, new Settlement.Report(said, ref, amount, Settlement.Source.WEBHOOK))
                .action();
    }

    private static Action lookUp(PaymentStatus status, String stored, ProviderStatus said, String ref) {
        return Settlement.decide(status, stored, MAD, new Settlement.Report(said, ref, null, Settlement.Source.LOOK_UP))
                .action();
    }

    /** The gateway's look-up confirmed the success of the charge a webhook named. */
    private static Action confirmed(PaymentStatus status, String stored, String ref) {
        return Settlement.decide(status, stored, MAD, new Settlement.Report(PROCESSED, ref, MAD, Settlement.Source.CONFIRMED))
                .action();
    }

    @Test
    void aMatchingSuccessSettlesAPendingPayment() {
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", MAD, PROCESSED, "ref-1", MAD)).isEqualTo(Action.SETTLE);
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", EUR, PROCESSED, "ref-1", EUR)).isEqualTo(Action.SETTLE);
        // The gateway had not answered initiation yet: its reference arrives with the event.
        assertThat(webhook(PaymentStatus.PENDING, null, MAD, PROCESSED, "ref-1", MAD)).isEqualTo(Action.SETTLE);
    }

    @Test
    void aSuccessForAnotherAmountOrCurrencyIsRefused() {
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", MAD, PROCESSED, "ref-1", new Money(1, "MAD")))
                .isEqualTo(Action.REFUSE);
        // A converted payment: 0.01 EUR, or the right figure in the wrong currency, never pays 500 MAD.
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", EUR, PROCESSED, "ref-1", new Money(1, "EUR")))
                .isEqualTo(Action.REFUSE);
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", EUR, PROCESSED, "ref-1", new Money(4_630, "USD")))
                .isEqualTo(Action.REFUSE);
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", EUR, PROCESSED, "ref-1", MAD)).isEqualTo(Action.REFUSE);
    }

    @Test
    void aFailureOrUpdateAboutAnotherGatewayReferenceIsRefused() {
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", MAD, ERROR, "ref-2", null)).isEqualTo(Action.REFUSE);
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", MAD, PENDING, "ref-2", null)).isEqualTo(Action.REFUSE);
        assertThat(webhook(PaymentStatus.SUCCESS, "ref-1", MAD, ERROR, "ref-2", null)).isEqualTo(Action.REFUSE);
    }

    @Test
    void aSuccessAboutAnotherGatewayReferenceIsNeverSettledByTheEventButAskedOf() {
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", MAD, PROCESSED, "ref-2", MAD)).isEqualTo(Action.LOOK_UP);
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", MAD, PROCESSED, "ref-2", null)).isEqualTo(Action.LOOK_UP);
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", MAD, PROCESSED, "ref-2", new Money(1, "MAD")))
                .isEqualTo(Action.REFUSE);
        // Once the gateway confirms the charge is this payment's, it pays it.
        assertThat(confirmed(PaymentStatus.PENDING, "ref-1", "ref-2")).isEqualTo(Action.SETTLE);
    }

    @Test
    void aSuccessWithoutAnAmountIsLookedUpFirst() {
        assertThat(webhook(PaymentStatus.PENDING, "ref-1", MAD, PROCESSED, "ref-1", null)).isEqualTo(Action.LOOK_UP);
        assertThat(webhook(PaymentStatus.FAILED, "ref-1", MAD, PROCESSED, "ref-1", null)).isEqualTo(Action.LOOK_UP);
    }

    @Test
    void aSuccessAfterTheFailureIsRefunded() {
        assertThat(webhook(PaymentStatus.FAILED, "ref-1", MAD, PROCESSED, "ref-1", MAD)).isEqualTo(Action.REFUND_CHARGE);
        assertThat(lookUp(PaymentStatus.FAILED, "ref-1", PROCESSED, "ref-1")).isEqualTo(Action.REFUND_CHARGE);
        // The customer retried on the same token: a new transaction, confirmed by the gateway, then refunded.
        assertThat(webhook(PaymentStatus.FAILED, "ref-1", MAD, PROCESSED, "ref-9", MAD)).isEqualTo(Action.LOOK_UP);
        assertThat(confirmed(PaymentStatus.FAILED, "ref-1", "ref-9")).isEqualTo(Action.REFUND_CHARGE);
        // ... but not when the amount does not match what was to be taken.
        assertThat(webhook(PaymentStatus.FAILED, "ref-1", MAD, PROCESSED, "ref-1", new Money(1, "MAD")))
                .isEqualTo(Action.REFUSE);
    }

    @Test
    void aSecondChargeForASettledPaymentIsRefundedOnceConfirmedAndARepeatIsNot() {
        assertThat(webhook(PaymentStatus.SUCCESS, "ref-1", MAD, PROCESSED, "ref-2", MAD)).isEqualTo(Action.LOOK_UP);
        assertThat(webhook(PaymentStatus.SUCCESS, "ref-1", MAD, PROCESSED, "ref-2", null)).isEqualTo(Action.LOOK_UP);
        assertThat(confirmed(PaymentStatus.SUCCESS, "ref-1", "ref-2")).isEqualTo(Action.REFUND_CHARGE);
        assertThat(confirmed(PaymentStatus.SUCCESS, "ref-1", "ref-1")).isEqualTo(Action.NOTHING);
        assertThat(webhook(PaymentStatus.SUCCESS, "ref-1", MAD, PROCESSED, "ref-1", MAD)).isEqualTo(Action.NOTHING);
        assertThat(webhook(PaymentStatus.SUCCESS, "ref-1", MAD, PROCESSED, "ref-1", null)).isEqualTo(Action.NOTHING);
        // A look-up names the payment in the provider's own way: never taken for a second charge.
        assertThat(lookUp(PaymentStatus.SUCCESS, "ref-1", PROCESSED, "capture-7")).isEqualTo(Action.NOTHING);
    }

    @Test
    void lookUpsSettlePendingPaymentsWhateverTheProviderCallsThem() {
        assertThat(lookUp(PaymentStatus.PENDING, "ref-1", PROCESSED, "capture-7")).isEqualTo(Action.SETTLE);
        assertThat(lookUp(PaymentStatus.PENDING, "ref-1", UNKNOWN, null)).isEqualTo(Action.SETTLE);
        assertThat(lookUp(PaymentStatus.PENDING, "ref-1", PENDING, "ref-1")).isEqualTo(Action.SETTLE);
    }

    @Test
    void aFinalFailureAfterASuccessAlarmsAnAdministratorAndARepeatOrAnUnknownDoesNot() {
        assertThat(Settlement.decide(PaymentStatus.SUCCESS, "ref-1", MAD,
                new Settlement.Report(ERROR, "ref-1", null, Settlement.Source.LOOK_UP)).alarming()).isTrue();
        assertThat(Settlement.decide(PaymentStatus.SUCCESS, "ref-1", MAD,
                new Settlement.Report(UNKNOWN, null, null, Settlement.Source.LOOK_UP)).alarming()).isFalse();
        assertThat(Settlement.decide(PaymentStatus.SUCCESS, "ref-1", MAD,
                new Settlement.Report(PROCESSED, "ref-1", MAD, Settlement.Source.WEBHOOK)).alarming()).isFalse();
    }

    @Test
    void aFailureNeverUndoesASettledPayment() {
        assertThat(lookUp(PaymentStatus.SUCCESS, "ref-1", ERROR, "ref-1")).isEqualTo(Action.NOTHING);
        assertThat(webhook(PaymentStatus.SUCCESS, "ref-1", MAD, ERROR, "ref-1", null)).isEqualTo(Action.NOTHING);
        assertThat(lookUp(PaymentStatus.FAILED, "ref-1", ERROR, "ref-1")).isEqualTo(Action.NOTHING);
    }

    // ---------------------------------------------------------------------------------------- attempts

    /** A pending payment whose latest attempt is ref-2 (declined or not); ref-1 was its first, declined. */
    private static Action attempt2(boolean declined, String stored, ProviderStatus said, String ref, Settlement.Source source) {
        return Settlement.decide(PaymentStatus.PENDING, declined, stored, Set.of("ref-1"), MAD,
                new Settlement.Report(said, ref, said == PROCESSED && source == Settlement.Source.WEBHOOK ? MAD : null,
                        source)).action();
    }

    @Test
    void aRepeatedDeclineOfTheLatestAttemptIsNotAnotherAttempt() {
        // The gateway repeats the decline, by webhook or look-up: nothing moves, nothing is counted.
        assertThat(attempt2(true, "ref-2", ERROR, "ref-2", Settlement.Source.WEBHOOK)).isEqualTo(Action.NOTHING);
        assertThat(attempt2(true, "ref-2", CANCELED, "ref-2", Settlement.Source.WEBHOOK)).isEqualTo(Action.NOTHING);
        assertThat(attempt2(true, "ref-2", ERROR, "ref-2", Settlement.Source.LOOK_UP)).isEqualTo(Action.NOTHING);
        // Nor does a "pending" or no answer bring a declined attempt back to life.
        assertThat(attempt2(true, "ref-2", PENDING, "ref-2", Settlement.Source.LOOK_UP)).isEqualTo(Action.NOTHING);
        assertThat(attempt2(true, "ref-2", UNKNOWN, null, Settlement.Source.LOOK_UP)).isEqualTo(Action.NOTHING);
        // The first decline of an attempt under way is what counts.
        assertThat(attempt2(false, "ref-2", ERROR, "ref-2", Settlement.Source.WEBHOOK)).isEqualTo(Action.SETTLE);
        assertThat(attempt2(false, "ref-2", ERROR, "ref-2", Settlement.Source.LOOK_UP)).isEqualTo(Action.SETTLE);
    }

    @Test
    void aLateDeclineOfAnEarlierAttemptIsRefused() {
        assertThat(attempt2(false, "ref-2", ERROR, "ref-1", Settlement.Source.WEBHOOK)).isEqualTo(Action.REFUSE);
        assertThat(attempt2(true, "ref-2", ERROR, "ref-1", Settlement.Source.WEBHOOK)).isEqualTo(Action.REFUSE);
        // ... also while the latest attempt's gateway has not answered yet, so it has no reference of its own.
        assertThat(attempt2(false, null, ERROR, "ref-1", Settlement.Source.WEBHOOK)).isEqualTo(Action.REFUSE);
        assertThat(attempt2(false, null, PENDING, "ref-1", Settlement.Source.WEBHOOK)).isEqualTo(Action.REFUSE);
        // A reference nobody knows still arrives with the latest attempt's first answer.
        assertThat(attempt2(false, null, ERROR, "ref-9", Settlement.Source.WEBHOOK)).isEqualTo(Action.SETTLE);
    }

    @Test
    void aLateSuccessOfAnEarlierAttemptIsConfirmedThenPaysThePendingPayment() {
        assertThat(attempt2(false, "ref-2", PROCESSED, "ref-1", Settlement.Source.WEBHOOK)).isEqualTo(Action.LOOK_UP);
        assertThat(attempt2(true, "ref-2", PROCESSED, "ref-1", Settlement.Source.WEBHOOK)).isEqualTo(Action.LOOK_UP);
        assertThat(attempt2(false, null, PROCESSED, "ref-1", Settlement.Source.WEBHOOK)).isEqualTo(Action.LOOK_UP);
        // The gateway confirms the charge is this payment's: it pays it, declined latest attempt or not.
        assertThat(Settlement.decide(PaymentStatus.PENDING, true, "ref-2", Set.of("ref-1"), MAD,
                new Settlement.Report(PROCESSED, "ref-1", MAD, Settlement.Source.CONFIRMED)).action()).isEqualTo(Action.SETTLE);
        assertThat(Settlement.decide(PaymentStatus.PENDING, false, null, Set.of("ref-1"), MAD,
                new Settlement.Report(PROCESSED, "ref-1", MAD, Settlement.Source.CONFIRMED)).action()).isEqualTo(Action.SETTLE);
        // A declined attempt the gateway took after all pays the payment too.
        assertThat(attempt2(true, "ref-2", PROCESSED, "ref-2", Settlement.Source.LOOK_UP)).isEqualTo(Action.SETTLE);
        assertThat(attempt2(true, "ref-2", PROCESSED, "ref-2", Settlement.Source.WEBHOOK)).isEqualTo(Action.SETTLE);
    }

    @Test
    void onceAnEarlierAttemptPaidTheLatestAttemptsSuccessIsASecondChargeAndRefunded() {
        // ref-1 paid late: it is now the payment's reference, ref-2 (the latest attempt) another charge.
        assertThat(Settlement.decide(PaymentStatus.SUCCESS, false, "ref-1", Set.of("ref-2"), MAD,
                new Settlement.Report(PROCESSED, "ref-2", MAD, Settlement.Source.WEBHOOK)).action()).isEqualTo(Action.LOOK_UP);
        assertThat(Settlement.decide(PaymentStatus.SUCCESS, false, "ref-1", Set.of("ref-2"), MAD,
                new Settlement.Report(PROCESSED, "ref-2", MAD, Settlement.Source.CONFIRMED)).action())
                .isEqualTo(Action.REFUND_CHARGE);
        // ... and the other way round: the latest attempt paid, an earlier one's late success is given back.
        assertThat(Settlement.decide(PaymentStatus.SUCCESS, false, "ref-2", Set.of("ref-1"), MAD,
                new Settlement.Report(PROCESSED, "ref-1", MAD, Settlement.Source.CONFIRMED)).action())
                .isEqualTo(Action.REFUND_CHARGE);
        // A failed payment gives back whichever attempt's charge comes late.
        assertThat(Settlement.decide(PaymentStatus.FAILED, false, "ref-3", Set.of("ref-1", "ref-2"), MAD,
                new Settlement.Report(PROCESSED, "ref-1", MAD, Settlement.Source.CONFIRMED)).action())
                .isEqualTo(Action.REFUND_CHARGE);
    }

    // ------------------------------------------------------------ answers about the attempt they were asked for

    /** The gateway's answer to a call Souk made for attempt {@code attempt} (a charge or a status check). */
    private static Action answerAbout(int attempt, Settlement.Standing payment, ProviderStatus said, String ref) {
        return Settlement.decide(payment, MAD, new Settlement.Report(said, ref, null, Settlement.Source.LOOK_UP, attempt))
                .action();
    }

    @Test
    void theAnswerToALatestAttemptsChargeIsRefundedWhenAnEarlierAttemptPaidMeanwhile() {
        // Attempt 1 was declined, then its late success paid the payment while attempt 2 was being charged.
        Settlement.Standing paidByFirst = new Settlement.Standing(PaymentStatus.SUCCESS, false, "ref-1", Set.of(), 2, 1);
        assertThat(answerAbout(2, paidByFirst, PROCESSED, "ref-2")).isEqualTo(Action.REFUND_CHARGE);
        assertThat(answerAbout(2, paidByFirst, PROCESSED, null)).isEqualTo(Action.REFUND_CHARGE);
        // A status check of the paying attempt is no second charge; a decline of the other changes nothing.
        assertThat(answerAbout(1, paidByFirst, PROCESSED, "ref-1")).isEqualTo(Action.NOTHING);
        assertThat(answerAbout(2, paidByFirst, ERROR, "ref-2")).isEqualTo(Action.NOTHING);
        // The latest attempt paid: its own answer repeated is not a second charge.
        Settlement.Standing paidByLatest = new Settlement.Standing(PaymentStatus.SUCCESS, false, "ref-2", Set.of("ref-1"), 2, 2);
        assertThat(answerAbout(2, paidByLatest, PROCESSED, "ref-2")).isEqualTo(Action.NOTHING);
        assertThat(answerAbout(1, paidByLatest, PROCESSED, "ref-1")).isEqualTo(Action.REFUND_CHARGE);
    }

    @Test
    void theEndOfALatestAttemptAnEarlierOneSupersededIsNoAlarm() {
        // Attempt 1's late success paid; attempt 2, failed by it, is looked up until its gateway ends it.
        Settlement.Standing paidByFirst = new Settlement.Standing(PaymentStatus.SUCCESS, false, "ref-1", Set.of("ref-2"), 2, 1);
        for (ProviderStatus said : ProviderStatus.values()) {
            if (said != PROCESSED) {
                Settlement.Decision decision = Settlement.decide(paidByFirst, MAD, new Settlement.Report(said, "ref-2",
                        null, Settlement.Source.LOOK_UP, 2));
                assertThat(decision.action()).as("%s", said).isEqualTo(Action.NOTHING);
                assertThat(decision.alarming()).as("%s", said).isFalse();
            }
        }
        // The paying attempt said to have failed after all still is.
        Settlement.Standing paidByLatest = new Settlement.Standing(PaymentStatus.SUCCESS, false, "ref-2", Set.of("ref-1"), 2, 2);
        assertThat(Settlement.decide(paidByLatest, MAD, new Settlement.Report(ERROR, "ref-2", null,
                Settlement.Source.LOOK_UP, 2)).alarming()).isTrue();
    }

    @Test
    void aStaleAnswerAboutAnEarlierAttemptsFailureNeverTouchesTheAttemptUnderWay() {
        // Reconciliation asked about attempt 2; meanwhile it was declined and the client started attempt 3.
        Settlement.Standing third = new Settlement.Standing(PaymentStatus.PENDING, false, null, Set.of("ref-1", "ref-2"), 3, 0);
        assertThat(answerAbout(2, third, ERROR, "ref-2")).isEqualTo(Action.NOTHING);
        assertThat(answerAbout(2, third, CANCELED, null)).isEqualTo(Action.NOTHING);
        assertThat(answerAbout(2, third, PENDING, "ref-2")).isEqualTo(Action.NOTHING);
        assertThat(answerAbout(2, third, UNKNOWN, null)).isEqualTo(Action.NOTHING);
        // The latest attempt's own answer still settles.
        assertThat(answerAbout(3, third, ERROR, "ref-3")).isEqualTo(Action.SETTLE);
        assertThat(answerAbout(3, third, PENDING, "ref-3")).isEqualTo(Action.SETTLE);
    }

    @Test
    void aStaleAnswerThatAnEarlierAttemptSucceededIsThatAttemptsChargeTaken() {
        Settlement.Standing pending = new Settlement.Standing(PaymentStatus.PENDING, false, null, Set.of("ref-1"), 2, 0);
        assertThat(answerAbout(1, pending, PROCESSED, "capture-1")).isEqualTo(Action.SETTLE);
        Settlement.Standing failed = new Settlement.Standing(PaymentStatus.FAILED, false, "ref-2", Set.of("ref-1"), 2, 0);
        assertThat(answerAbout(1, failed, PROCESSED, "ref-1")).isEqualTo(Action.REFUND_CHARGE);
        assertThat(answerAbout(2, failed, PROCESSED, "ref-2")).isEqualTo(Action.REFUND_CHARGE);
    }

    @Test
    void aConfirmedSuccessOfAnAttemptOtherThanThePayingOneIsRefundedWhateverItIsCalled() {
        // The provider's look-up names the charge of attempt 2 in its own way: still a second charge.
        Settlement.Standing paidByFirst = new Settlement.Standing(PaymentStatus.SUCCESS, false, "ref-1", Set.of("ref-2"), 2, 1);
        assertThat(Settlement.decide(paidByFirst, MAD, new Settlement.Report(PROCESSED, "ref-1", MAD,
                Settlement.Source.CONFIRMED, 2)).action()).isEqualTo(Action.REFUND_CHARGE);
        assertThat(Settlement.decide(paidByFirst, MAD, new Settlement.Report(PROCESSED, "ref-1", MAD,
                Settlement.Source.CONFIRMED, 1)).action()).isEqualTo(Action.NOTHING);
    }
}
