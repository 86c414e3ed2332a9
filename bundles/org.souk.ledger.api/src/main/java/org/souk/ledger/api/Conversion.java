package org.souk.ledger.api;

import java.math.BigDecimal;
import java.util.Objects;

import org.souk.common.api.Money;

/**
 * What a gateway charged when it charged another currency than the order's: the charged amount and the
 * rate applied (order currency units per charged currency unit, as the provider reported it). The ledger
 * posts the order-currency amount and keeps this beside the posting.
 */
public record Conversion(Money charged, BigDecimal rate) {

    public Conversion {
        Objects.requireNonNull(charged, "charged");
        Objects.requireNonNull(rate, "rate");
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
    }
}
