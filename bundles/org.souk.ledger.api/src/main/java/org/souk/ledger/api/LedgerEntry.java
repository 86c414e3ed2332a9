package org.souk.ledger.api;

/** One line of a posting: an account and the signed amount it receives (negative: money leaves it). */
public record LedgerEntry(Account account, SignedMoney amount) {
}
