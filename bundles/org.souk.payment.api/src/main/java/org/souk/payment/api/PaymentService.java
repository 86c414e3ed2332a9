package org.souk.payment.api;

import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.common.api.UnauthorizedException;
import org.souk.common.api.UnavailableException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeService;

/**
 * Pays orders through the gateway. A payment is created PENDING for the order total before the gateway
 * is called; its settlement and the order's move commit together. Success moves the order to
 * PROCESSING; failure cancels it. Money the gateway takes without paying anything (a success after the
 * payment failed, a second charge, a payment of an order closed meanwhile) is refunded automatically.
 */
@ProviderType
public interface PaymentService {

    /**
     * Pays an order. Only the order's client may pay, only a PENDING order, and only once.
     *
     * @throws ConflictException if the order is not payable or already has a payment
     */
    Payment pay(Caller caller, PayOrder request);

    /** The payment of an order, if the caller may see the order and it has one. */
    Optional<Payment> findByOrder(Caller caller, String orderId);

    /**
     * Verifies and applies a provider's webhook, as it arrived: its headers and the exact body bytes its
     * signature covers. Idempotent: a repeated event changes nothing.
     *
     * @throws UnauthorizedException if the signature does not verify (nothing changes)
     * @throws UnavailableException if the provider is not deployed right now (the gateway should retry)
     */
    WebhookOutcome handleWebhook(String providerId, Map<String, List<String>> headers, byte[] body);

    /**
     * Asks the providers about every payment pending for at least the given time and settles those the
     * gateway has decided: success confirms the order as usual, failure cancels it. A browser return is
     * never proof; the gateway's own status is.
     */
    ReconciliationReport reconcile(Duration pendingFor);

    /**
     * Cancels an order. A paid order is refunded in full: the cancellation and the refund's record commit
     * together, then the gateway is asked; a gateway without a refund API leaves the refund MANUAL for an
     * administrator, never done. The client may withdraw an unpaid order, the freelancer decline a paid
     * one before accepting it, an administrator cancel for any reason the order's state allows.
     *
     * @throws ConflictException if the order cannot be cancelled for that reason now, or a payment is under way
     */
    Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note);

    /**
     * As {@link #cancel(Caller, String, CancellationReason, String)}, with the refund an administrator
     * decided for a paid order: from zero (nothing goes back) to the whole total; null is the whole total.
     *
     * @throws ValidationException for a refund above the total, in another currency, or of an unpaid order
     * @throws ForbiddenException if anyone but an administrator chooses the refund
     */
    Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note, Money refund);

    /**
     * The other side accepts the order's open mutual cancellation request ({@code system} once its answer
     * window has passed): the order is cancelled (MUTUAL_AGREEMENT) and the refund the request proposed is
     * recorded in the same transaction, then asked of the gateway like any refund.
     *
     * @throws ConflictException if no request is open, or it was answered meanwhile (of two racing answers one wins)
     */
    Cancellation acceptCancellation(Caller caller, String orderId, String note);

    /**
     * An administrator decides an open dispute: the order completes, goes back to work to a new due date, or
     * is cancelled with the refund decided, recorded in the same transaction as the decision and then asked
     * of the gateway like any refund.
     *
     * @throws ValidationException for a decision that does not fit (see {@link DisputeService#resolve})
     * @throws ForbiddenException for anyone but an administrator
     * @throws ConflictException if the dispute was decided already (of two racing decisions one wins)
     */
    DisputeResolution resolveDispute(Caller caller, String disputeId, DisputeDecision decision, Money refund,
            Instant dueAt, String note);

    /** The refunds of an order the caller may see. */
    List<Refund> refunds(Caller caller, String orderId);

    /** Refunds in a status, oldest first (administrators). */
    List<Refund> refundsIn(RefundStatus status, int limit);

    /**
     * Refunds an administrator should look at, oldest first: MANUAL and FAILED ones, and those the gateway
     * has not settled after the configured number of asks.
     */
    List<Refund> refundsNeedingAttention(int limit);

    /**
     * An administrator asks the gateway about a REQUESTED or PENDING refund now, instead of at its next
     * retry; the same idempotency key as every ask, so it never pays twice.
     *
     * @throws ConflictException if the gateway already gave its final word on the refund
     */
    Refund retryRefund(Caller caller, String refundId);

    /**
     * An administrator refunds part or all of a completed order, whose money was released already: the
     * refund is recorded and taken back in the ledger in one transaction (the commission's share from the
     * platform's revenue, the rest from the freelancer's earnings, which may go negative this way), then
     * asked of the gateway like any refund.
     *
     * @throws ForbiddenException for anyone but an administrator
     * @throws ValidationException for a missing reason, or an amount above what is left to refund or in another currency
     * @throws ConflictException if the order is not completed
     */
    Refund refundCompleted(Caller caller, String orderId, Money amount, String reason);

    /**
     * An administrator refunded outside Souk and says so. Only a MANUAL or FAILED refund: one still with
     * the gateway may yet pay out, and one that succeeded never changes.
     *
     * @throws ConflictException for any other refund
     */
    Refund completeManualRefund(Caller caller, String refundId, String note);
}
