package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;

/** What an administrator may decide to refund when cancelling an order. */
class CancellationDeskTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Money TOTAL = new Money(25_000, "MAD");

    private static PaymentEntity payment(boolean paid) {
        PaymentEntity p = new PaymentEntity("p-1", "o-1", "cli", "fre", TOTAL, "sandbox.card", "sandbox", true, T0);
        if (paid) {
            p.referenced("sbx_p-1");
            p.succeeded(p.currentAttempt(), T0.plusSeconds(1));
        }
        return p;
    }

    private static FieldError refused(Money refund, PaymentEntity payment) {
        ValidationException e = catchThrowableOfType(() -> CancellationDesk.checkRefund(refund, payment),
                ValidationException.class);
        assertThat(e).as("refund of %s refused", refund).isNotNull();
        assertThat(e.errors()).hasSize(1);
        return e.errors().get(0);
    }

    @Test
    void aPaidOrderMayGetBackNothingUpToAllOfItsTotal() {
        assertThatCode(() -> CancellationDesk.checkRefund(new Money(0, "MAD"), payment(true))).doesNotThrowAnyException();
        assertThatCode(() -> CancellationDesk.checkRefund(new Money(10_000, "MAD"), payment(true))).doesNotThrowAnyException();
        assertThatCode(() -> CancellationDesk.checkRefund(TOTAL, payment(true))).doesNotThrowAnyException();
    }

    @Test
    void moreThanWasPaidOrAnotherCurrencyIsRefused() {
        assertThat(refused(new Money(25_001, "MAD"), payment(true)).field()).isEqualTo("refund.amount");
        assertThat(refused(new Money(100, "EUR"), payment(true)).field()).isEqualTo("refund.currency");
    }

    @Test
    void anUnpaidOrderHasNothingToRefundButAZeroRefundIsNoRefund() {
        assertThat(refused(new Money(100, "MAD"), payment(false)).field()).isEqualTo("refund");
        assertThat(refused(new Money(100, "MAD"), null).field()).isEqualTo("refund");
        assertThatCode(() -> CancellationDesk.checkRefund(new Money(0, "MAD"), null)).doesNotThrowAnyException();
    }
}
