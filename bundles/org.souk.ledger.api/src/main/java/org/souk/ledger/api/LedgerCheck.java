package org.souk.ledger.api;

import java.util.List;

/**
 * The outcome of {@link LedgerService#check()}: how much was looked at, and every difference found, in
 * words an administrator can act on. Clean when there is none.
 */
public record LedgerCheck(long postings, long accounts, List<String> differences) {

    public LedgerCheck {
        differences = List.copyOf(differences);
    }

    public boolean clean() {
        return differences.isEmpty();
    }
}
