package org.souk.ledger.api;

import java.util.Currency;
import java.util.Objects;

/**
 * One ledger account: a kind, its owner (provider, order, freelancer or {@link #PLATFORM}) and the one
 * currency it ever holds. Money in another currency is another account.
 */
public record Account(AccountKind kind, String owner, String currency) {

    /** The owner of the platform's own accounts. */
    public static final String PLATFORM = "platform";

    public Account {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(currency, "currency");
        Currency.getInstance(currency);
    }

    /** A stable text form, {@code KIND/owner/CUR}, such as {@code ESCROW/8c1d…/MAD}. */
    public String key() {
        return kind.name() + "/" + owner + "/" + currency;
    }

    @Override
    public String toString() {
        return key();
    }
}
