package org.souk.ledger.api;

import java.time.Instant;

import org.souk.common.api.Money;

/**
 * A freelancer's request to be paid their available earnings.
 *
 * @param decidedBy the administrator who paid or rejected it, or null while requested
 * @param reference the external reference of the payout (a bank transfer id), once paid
 * @param reason why it was rejected, once rejected
 */
public record Withdrawal(String id, String freelancerId, Money amount, WithdrawalStatus status, Instant requestedAt,
        Instant decidedAt, String decidedBy, String reference, String reason) {
}
