package org.souk.order.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;

/**
 * Disputes: either side of a paid, open order asks an administrator to decide it. While a dispute is open
 * the order's timers stop (no automatic completion, no late rights, no answer deadlines), open requests
 * lapse and no new one may be made; both sides add statements as order messages. An administrator
 * completes the order, cancels it with a refund of their choosing, or lets the work continue to a new due
 * date.
 */
@ProviderType
public interface DisputeService {

    /**
     * Opens a dispute of a PROCESSING order, one at a time.
     *
     * @param proposedRefund what the side asks the client to get back; null if it does not say
     * @throws ValidationException for a missing reason, or a refund above the total or in another currency
     * @throws ForbiddenException if the caller is not a side of the order
     * @throws ConflictException ({@link OrderProblems#DISPUTED}, {@link OrderProblems#WRONG_STATE})
     */
    Dispute open(Caller caller, String orderId, String reason, Money proposedRefund);

    /** A dispute, to an administrator or a side of its order; anyone else gets a {@link NotFoundException}. */
    Dispute dispute(Caller caller, String disputeId);

    /** The order's latest dispute, or null if it never had one (visibility as for the order). */
    Dispute latestOfOrder(Caller caller, String orderId);

    /**
     * Open disputes, oldest first (administrators only).
     *
     * @throws ForbiddenException for anyone else
     */
    List<Dispute> openDisputes(Caller caller, int limit);

    /**
     * Decides an open dispute (administrators only), in the caller's transaction: the order completes
     * (its escrow released), is cancelled ({@link CancellationReason#DISPUTE_DECISION}), or goes back to work
     * due at {@code dueAt}. Refunding a cancelled order is the payment service's part, which calls this in
     * the same transaction.
     *
     * @param refund for CANCEL: what the client gets back, from zero to the total (required)
     * @param dueAt for CONTINUE: the new due date, in the future (required)
     * @throws ValidationException for a missing decision or note, a refund or due date that does not fit
     * @throws ConflictException ({@link OrderProblems#DISPUTE_CLOSED}) if it was decided already
     */
    Dispute resolve(Caller caller, String disputeId, DisputeDecision decision, Money refund, Instant dueAt, String note);
}
