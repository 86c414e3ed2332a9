package org.souk.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesDirhamsIntoCentimes() {
        assertThat(Money.parse("250", "MAD")).isEqualTo(new Money(25_000, "MAD"));
        assertThat(Money.parse("0.05", "MAD").minor()).isEqualTo(5);
        assertThat(Money.parse("1999.99", "MAD").toDecimalString()).isEqualTo("1999.99");
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertThatThrownBy(() -> Money.parse("10.005", "MAD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 2 decimals");
        assertThat(Money.parse("10.50", "MAD").minor()).isEqualTo(1050);
        assertThatThrownBy(() -> Money.parse("10.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNegativeAmountsUnknownCurrenciesAndGarbage() {
        assertThatThrownBy(() -> new Money(-1, "MAD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(1, "XXZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("ten", "MAD")).hasMessageContaining("not a decimal");
    }

    @Test
    void refusesHugeExponentsAndLengthsBeforeExpandingThem() {
        // Each of these used to be expanded to millions of digits (tens of seconds of CPU) before failing.
        assertThatThrownBy(() -> Money.parse("1e64000000", "MAD")).hasMessage("is too large");
        assertThatThrownBy(() -> Money.parse("1E+64000000", "JPY")).hasMessage("is too large");
        assertThatThrownBy(() -> Money.parse("1e-64000000", "MAD")).hasMessageContaining("at most 2 decimals");
        assertThatThrownBy(() -> Money.parse("1.000e-64000000", "MAD")).hasMessageContaining("at most 2 decimals");
        assertThatThrownBy(() -> Money.parse("1" + "0".repeat(5000), "MAD")).hasMessage("must be at most 40 characters");
        assertThatThrownBy(() -> Money.parse("9".repeat(19), "MAD")).hasMessage("is too large");
        assertThatThrownBy(() -> Money.parse("99999999999999999.99", "MAD")).hasMessage("is too large");
        assertThat(Money.parse("0e-99999999", "MAD")).isEqualTo(new Money(0, "MAD"));
        assertThat(Money.parse("0e99999999", "MAD")).isEqualTo(new Money(0, "MAD"));
    }

    @Test
    void readsExponentsAndTrailingZerosThatFit() {
        assertThat(Money.parse("2.5e3", "MAD").minor()).isEqualTo(250_000);
        assertThat(Money.parse("12.5000", "MAD").minor()).isEqualTo(1250);
        assertThat(Money.parse("1500E-1", "JPY").minor()).isEqualTo(150);
        assertThat(Money.parse("92233720368547758.07", "MAD").minor()).isEqualTo(Long.MAX_VALUE);
        assertThat(Money.parse(" 7 ", "MAD").minor()).isEqualTo(700);
    }

    @Test
    void addsExactlyAndOnlyInOneCurrency() {
        Money a = Money.parse("0.10", "MAD");
        Money b = Money.parse("0.20", "MAD");
        assertThat(a.plus(b)).isEqualTo(Money.parse("0.30", "MAD"));
        assertThat(b.minus(a)).isEqualTo(a);
        assertThatThrownBy(() -> a.plus(Money.parse("1", "EUR"))).hasMessageContaining("currency mismatch");
    }

    @Test
    void printsWithTheCurrencyScale() {
        assertThat(new Money(5000, "MAD").toString()).isEqualTo("50.00 MAD");
        assertThat(new Money(5000, "JPY").toDecimalString()).isEqualTo("5000");
    }
}
