package org.souk.ledger.api;

import java.time.Instant;

/**
 * Where a freelancer's withdrawals are sent by a payout provider: a bank account.
 *
 * @param iban the account's IBAN, masked but for its last four characters ({@code ************************9012});
 *        the whole IBAN never leaves the ledger except to the payout provider that pays
 * @param holder the account holder's name, as the bank knows it
 */
public record PayoutDetails(String freelancerId, String iban, String holder, Instant updatedAt) {
}
