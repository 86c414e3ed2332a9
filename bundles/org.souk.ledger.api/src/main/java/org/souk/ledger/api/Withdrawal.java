package org.souk.ledger.api;

import java.time.Instant;

import org.souk.common.api.Money;
import org.souk.common.api.Nullable;

/**
 * A freelancer's request to be paid their available earnings.
 *
 * @param decidedBy the administrator who paid or rejected it, or null while requested; {@code payout:<provider>}
 *        when a payout provider's answer decided it
 * @param reference the external reference of the payout: the one an administrator recorded (a bank transfer
 *        id), or the payout provider's as soon as the provider accepted the payout
 * @param reason why it was rejected, once rejected
 * @param payoutProvider the payout provider paying it (see {@link PayoutService#payOut}), or null if none was
 *        asked; while it is set and the status is {@link WithdrawalStatus#REQUESTED}, the provider's answer
 *        decides the withdrawal
 */
public record Withdrawal(String id, String freelancerId, Money amount, WithdrawalStatus status, Instant requestedAt,
        @Nullable Instant decidedAt, @Nullable String decidedBy, @Nullable String reference, @Nullable String reason, @Nullable String payoutProvider) {

    /** A withdrawal no payout provider was asked to pay. */
    public Withdrawal(String id, String freelancerId, Money amount, WithdrawalStatus status, Instant requestedAt,
            Instant decidedAt, String decidedBy, String reference, String reason) {
        this(id, freelancerId, amount, status, requestedAt, decidedAt, decidedBy, reference, reason, null);
    }
}
