package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class LedgerSettingsTest {

    @Test
    void readsTheShippedValues() {
        LedgerSettings s = LedgerSettings.parse("12.5", "PT36H", "50");
        assertThat(s.commissionPercent()).isEqualByComparingTo("12.5");
        assertThat(s.clearancePeriod()).isEqualTo(Duration.ofHours(36));
        assertThat(s.withdrawalMinimum()).isEqualByComparingTo("50");
        assertThat(LedgerSettings.parse("20", "P14D", "100.00")).isEqualTo(LedgerSettings.DEFAULTS);
    }

    @Test
    void aValueThatDoesNotParseFallsBackToItsDefault() {
        LedgerSettings s = LedgerSettings.parse("120", "fortnight", "-1");
        assertThat(s).isEqualTo(LedgerSettings.DEFAULTS);
        assertThat(LedgerSettings.parse("twenty", "-P1D", "lots")).isEqualTo(LedgerSettings.DEFAULTS);
        assertThat(LedgerSettings.percent("0")).isEqualTo(BigDecimal.ZERO);
    }
}
