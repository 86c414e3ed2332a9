package org.souk.payment.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.common.api.Money;
import org.souk.gateway.spi.RefundResult;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;

@Entity
@Table(name = "payment_refund")
public class RefundEntity {

    @Id
    private String id;
    @Column(name = "payment_id")
    private String paymentId;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "amount_minor")
    private long amountMinor;
    private String currency;
    @Enumerated(EnumType.STRING)
    private RefundStatus status;
    private String reason;
    @Column(name = "gateway_reference")
    private String gatewayReference;
    private String message;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    /** How often the gateway was asked; the next ask waits longer each time. */
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "last_attempt_at")
    private Instant lastAttemptAt;
    /** Asked as often as the policy allows without a final answer: an administrator should look. */
    private boolean attention;
    /** The gateway's reference of the charge to give back when it is not the payment's own, else null. */
    @Column(name = "charge_reference")
    private String chargeReference;
    /**
     * The provider that took the charge to give back when that is not the payment's (another attempt's
     * charge), else null: the payment's.
     */
    private String provider;
    /** What that charge's provider charged in another currency than the order's, or null. */
    @Column(name = "charged_minor")
    private Long chargedMinor;
    @Column(name = "charged_currency")
    private String chargedCurrency;
    @Version
    private long version;

    protected RefundEntity() {
    }

    RefundEntity(String id, String paymentId, String orderId, Money amount, String reason, String requestedBy, Instant now) {
        this(id, paymentId, orderId, amount, reason, requestedBy, null, now);
    }

    RefundEntity(String id, String paymentId, String orderId, Money amount, String reason, String requestedBy,
            String chargeReference, Instant now) {
        this(id, paymentId, orderId, amount, reason, requestedBy, chargeReference, null, null, now);
    }

    /**
     * A refund of a charge other than the payment's: {@code provider} took it and, when it converted,
     * {@code charged} is what it charged.
     */
    RefundEntity(String id, String paymentId, String orderId, Money amount, String reason, String requestedBy,
            String chargeReference, String provider, Money charged, Instant now) {
        this.provider = provider;
        this.chargedMinor = charged == null ? null : charged.minor();
        this.chargedCurrency = charged == null ? null : charged.currency();
        this.id = id;
        this.paymentId = paymentId;
        this.orderId = orderId;
        this.amountMinor = amount.minor();
        this.currency = amount.currency();
        this.status = RefundStatus.REQUESTED;
        this.reason = reason.length() <= 500 ? reason : reason.substring(0, 500);
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.updatedAt = now;
        this.nextAttemptAt = now;
        this.chargeReference = chargeReference;
    }

    String id() {
        return id;
    }

    RefundStatus status() {
        return status;
    }

    String chargeReference() {
        return chargeReference;
    }

    /**
     * Whether this gives back a charge that paid for nothing (a second charge, a success after the payment
     * failed) rather than part of the order's payment: such a charge never was in the order's escrow.
     */
    boolean ofStrayCharge() {
        return provider != null || chargeReference != null;
    }

    /** The provider of the charge to give back, or null when it is the payment's. */
    String provider() {
        return provider;
    }

    /** What the charge to give back took in another currency than the order's, or null. */
    Money charged() {
        return chargedMinor == null ? null : new Money(chargedMinor, chargedCurrency);
    }

    /** Still waiting for the gateway's final word, so it may be asked (again). */
    boolean awaitingGateway() {
        return status == RefundStatus.REQUESTED || status == RefundStatus.PENDING;
    }

    boolean dueAt(Instant now) {
        return awaitingGateway() && (nextAttemptAt == null || !nextAttemptAt.isAfter(now));
    }

    /**
     * Claims the next ask for this node: counts it and schedules the one after, so that a crash or a
     * second node never asks twice at once. Returns false when the policy's tries are used up and the
     * refund was just marked for an administrator (it is still asked, at the longest interval).
     */
    boolean claimAttempt(RefundRetryPolicy policy, Instant now) {
        attempts++;
        lastAttemptAt = now;
        nextAttemptAt = now.plus(policy.delayAfter(attempts));
        if (!attention && policy.exhausted(attempts)) {
            attention = true;
            return false;
        }
        return true;
    }

    /**
     * The ask never reached a gateway (its provider is not deployed right now): due again at the next run,
     * not after a backoff, and not in flight.
     */
    void providerAbsent(Instant now) {
        nextAttemptAt = now;
        lastAttemptAt = null;
        attempts = Math.max(0, attempts - 1); // no gateway was asked: it counts neither for backoff nor for attention
    }

    int attempts() {
        return attempts;
    }

    /**
     * Whether an ask was claimed less than {@code window} ago and has no answer recorded yet, so that its
     * answer may still be on its way.
     */
    boolean askInFlight(java.time.Duration window, Instant now) {
        return lastAttemptAt != null && updatedAt.isBefore(lastAttemptAt) && lastAttemptAt.plus(window).isAfter(now);
    }

    /**
     * Records the gateway's answer; a gateway without refunds leaves the refund to an administrator. A
     * refund that is no longer waiting for the gateway keeps its state, except that a late success
     * replaces a failure: a late or repeated answer never turns a refund that SUCCEEDED (or was completed
     * by hand) into anything else.
     *
     * @return whether the answer was taken
     */
    boolean answered(RefundResult result, Instant now) {
        // Only SUCCEEDED is final. A FAILED refund still takes a success that arrives late (two asks crossed),
        // so that it is never completed by hand as well.
        boolean lateSuccess = status == RefundStatus.FAILED && result.status() == RefundResult.Status.SUCCEEDED;
        if (!awaitingGateway() && !lateSuccess) {
            return false;
        }
        status = switch (result.status()) {
            case SUCCEEDED -> RefundStatus.SUCCEEDED;
            case PENDING -> RefundStatus.PENDING;
            case FAILED -> RefundStatus.FAILED;
            case UNSUPPORTED -> RefundStatus.MANUAL;
        };
        if (result.gatewayReference() != null) {
            gatewayReference = result.gatewayReference();
        }
        message = trim(result.message());
        updatedAt = now;
        if (!awaitingGateway()) {
            nextAttemptAt = null;
            attention = status == RefundStatus.MANUAL || status == RefundStatus.FAILED;
        }
        return true;
    }

    /** Only a refund the gateway cannot or did not make may be done by hand: any other may still pay out. */
    boolean completableByHand() {
        return status == RefundStatus.MANUAL || status == RefundStatus.FAILED;
    }

    void completedManually(String by, String note, Instant now) {
        if (!completableByHand()) {
            throw new IllegalStateException("refund " + id + " is " + status);
        }
        status = RefundStatus.SUCCEEDED;
        attention = false;
        nextAttemptAt = null;
        message = trim("refunded outside Souk, confirmed by " + by + (note == null || note.isBlank() ? "" : ": " + note));
        updatedAt = now;
    }

    private static String trim(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    Refund toRefund() {
        return new Refund(id, paymentId, orderId, new Money(amountMinor, currency), status, reason, gatewayReference,
                message, requestedBy, requestedAt, updatedAt, attempts, nextAttemptAt, attention);
    }
}
