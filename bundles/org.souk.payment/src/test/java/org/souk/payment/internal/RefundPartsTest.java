package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;

class RefundPartsTest {

    private static final Money PAID = new Money(25_000, "MAD");
    private static final Money CHARGED = new Money(2_333, "EUR");

    @Test
    void theWholeAmountGivesBackExactlyWhatWasCharged() {
        assertThat(RefundAsk.chargedPart(CHARGED, PAID, PAID)).isEqualTo(CHARGED);
    }

    @Test
    void aPartGivesBackTheSameShareOfTheChargeRoundedToTheMinorUnit() {
        // 150.00 of 250.00 MAD is 60 % of 23.33 EUR: 13.998, so 14.00 EUR.
        assertThat(RefundAsk.chargedPart(CHARGED, PAID, new Money(15_000, "MAD"))).isEqualTo(new Money(1_400, "EUR"));
        // 100.00 of 250.00 MAD is 40 %: 9.332, so 9.33 EUR; the two parts never exceed the charge by more than a centime.
        assertThat(RefundAsk.chargedPart(CHARGED, PAID, new Money(10_000, "MAD"))).isEqualTo(new Money(933, "EUR"));
    }

    @Test
    void aPaymentInItsOwnCurrencyHasNoChargedPart() {
        assertThat(RefundAsk.chargedPart(null, PAID, new Money(100, "MAD"))).isNull();
    }
}
