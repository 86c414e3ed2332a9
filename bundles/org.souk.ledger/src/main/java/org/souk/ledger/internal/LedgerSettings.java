package org.souk.ledger.internal;

import java.math.BigDecimal;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parsed ledger configuration. A value that does not parse is reported as a configuration problem and
 * replaced by its default, so a typo never stops the money from moving.
 */
record LedgerSettings(BigDecimal commissionPercent, Duration clearancePeriod, BigDecimal withdrawalMinimum) {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSettings.class);

    static final LedgerSettings DEFAULTS = new LedgerSettings(new BigDecimal("20"), Duration.ofDays(14), new BigDecimal("100.00"));

    static LedgerSettings of(LedgerConfig config) {
        return parse(config.commission_percent(), config.clearance_period(), config.withdrawal_minimum());
    }

    static LedgerSettings parse(String percent, String period, String minimum) {
        return new LedgerSettings(percent(percent), period(period), minimum(minimum));
    }

    static BigDecimal percent(String text) {
        try {
            BigDecimal p = new BigDecimal(text.trim());
            if (p.signum() >= 0 && p.compareTo(LedgerRules.HUNDRED) <= 0 && p.scale() <= 4) {
                return p;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        LOG.warn("commission.percent '{}' is no number from 0 to 100 (at most 4 decimals); using {}", text,
                DEFAULTS.commissionPercent());
        return DEFAULTS.commissionPercent();
    }

    static Duration period(String text) {
        try {
            Duration d = Duration.parse(text.trim());
            if (!d.isNegative()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        LOG.warn("clearance.period '{}' is no ISO-8601 duration in days or hours (such as P14D or PT36H); using {}",
                text, DEFAULTS.clearancePeriod());
        return DEFAULTS.clearancePeriod();
    }

    static BigDecimal minimum(String text) {
        try {
            BigDecimal m = new BigDecimal(text.trim());
            if (m.signum() >= 0 && text.trim().length() <= 40) {
                return m;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        LOG.warn("withdrawal.minimum '{}' is no decimal amount of zero or more; using {}", text,
                DEFAULTS.withdrawalMinimum().toPlainString());
        return DEFAULTS.withdrawalMinimum();
    }
}
