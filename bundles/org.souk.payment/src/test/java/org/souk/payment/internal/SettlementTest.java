package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.souk.gateway.spi.ProviderStatus.ERROR;
import static org.souk.gateway.spi.ProviderStatus.PENDING;
import static org.souk.gateway.spi.ProviderStatus.PROCESSED;
import static org.souk.gateway.spi.ProviderStatus.UNKNOWN;

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
}
