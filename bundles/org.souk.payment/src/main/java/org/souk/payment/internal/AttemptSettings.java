package org.souk.payment.internal;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the number of attempts a payment may have comes from: {@code payment.max.attempts} of
 * {@code org.souk.payment}; else, for installations that set it before it moved there, of
 * {@code org.souk.order.lifecycle} ({@link MovedAttemptsSetting}); else {@link AttemptPolicy#DEFAULT}.
 */
final class AttemptSettings {

    static final String KEY = "payment.max.attempts";
    private static final Logger LOG = LoggerFactory.getLogger(AttemptSettings.class);

    private AttemptSettings() {
    }

    /** What a configuration sets, or null if it sets nothing; a value that is no count is the default, with a warning. */
    static AttemptPolicy read(Map<String, ?> properties) {
        Object value = properties == null ? null : properties.get(KEY);
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        try {
            return new AttemptPolicy(Integer.parseInt(String.valueOf(value).trim()));
        } catch (RuntimeException e) {
            LOG.warn("payment.max.attempts is not valid ({}); using {}", e.getMessage(), AttemptPolicy.DEFAULT.maxAttempts());
            return AttemptPolicy.DEFAULT;
        }
    }

    /** The payments' own setting, else the one left where it used to be, else the default. */
    static AttemptPolicy choose(AttemptPolicy own, AttemptPolicy moved) {
        if (own != null) {
            return own;
        }
        return moved != null ? moved : AttemptPolicy.DEFAULT;
    }
}
