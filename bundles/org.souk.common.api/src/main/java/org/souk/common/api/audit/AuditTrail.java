package org.souk.common.api.audit;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;

/**
 * Records and lists what administrators changed. A service records an entry inside the transaction of the
 * change (it joins the transaction running when called, or runs alone when none is), so an entry never outlives
 * a change that rolled back, nor a change its entry.
 */
@ProviderType
public interface AuditTrail {

    /** An administrator cancelled an order. */
    String ORDER_CANCEL = "order.cancel";
    /** An administrator refunded part or all of a completed order. */
    String ORDER_REFUND = "order.refund";
    /** An administrator recorded a refund made outside Souk. */
    String REFUND_COMPLETE = "refund.complete";
    /** An administrator asked the gateway about a refund now. */
    String REFUND_RETRY = "refund.retry";
    /** An administrator recorded a withdrawal as paid. */
    String WITHDRAWAL_PAY = "withdrawal.pay";
    /** An administrator rejected a withdrawal. */
    String WITHDRAWAL_REJECT = "withdrawal.reject";
    /** An administrator handed a withdrawal to a payout provider. */
    String WITHDRAWAL_PAYOUT = "withdrawal.payout";
    /** An administrator released a withdrawal's stuck payout claim. */
    String WITHDRAWAL_PAYOUT_RELEASE = "withdrawal.payout-release";
    /** An administrator decided a dispute. */
    String DISPUTE_RESOLVE = "dispute.resolve";
    /** An administrator sent failed notifications again. */
    String NOTIFICATION_RETRY = "notification.retry";
    /** An administrator asked the gateways about pending payments now. */
    String RECONCILE = "reconcile";

    /**
     * Records what {@code actor} did, in the transaction running, if any.
     *
     * @param target the id of what was changed (an order, refund, withdrawal or dispute), or null
     * @param orderId the order the change concerns, or null
     */
    void record(Caller actor, String action, String target, String orderId, String reason, String outcome);

    /**
     * Entries newest first (by time, then id).
     *
     * @throws ValidationException ({@code after}) for a cursor this trail did not give out
     */
    Page<AuditEntry> list(AuditQuery query);
}
