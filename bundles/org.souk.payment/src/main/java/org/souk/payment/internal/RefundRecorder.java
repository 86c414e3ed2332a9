package org.souk.payment.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.ledger.api.LedgerService;

/**
 * Records the refunds owed, in the transaction of the state change that causes them: the gateway is asked
 * after that transaction commits.
 */
final class RefundRecorder {

    /** Logs under the desk's name, where operators look for refunds. */
    private static final Logger LOG = LoggerFactory.getLogger(RefundDesk.class);

    private final Clock clock;
    private final LedgerService ledger;

    RefundRecorder(Clock clock, LedgerService ledger) {
        this.clock = clock;
        this.ledger = ledger;
    }

    /** Records a refund of part (or all) of the payment in the caller's transaction. */
    String record(EntityManager em, PaymentEntity payment, Money amount, String reason, String requestedBy) {
        if (amount.isZero() || amount.minor() > payment.amount().minor()
                || !amount.currency().equals(payment.amount().currency())) {
            throw new IllegalArgumentException("a refund of " + amount + " for a payment of " + payment.amount());
        }
        String id = UUID.randomUUID().toString();
        em.persist(new RefundEntity(id, payment.id(), payment.orderId(), amount, reason, requestedBy, clock.instant()));
        return id;
    }

    /**
     * Records the refund of a charge that pays for nothing (a success after the payment failed, a second
     * charge), once per charge however often the gateway reports it. The charge is {@code attempt}'s, under
     * {@code chargeReference} (or the attempt's own reference if null): it is given back by that attempt's
     * provider, in what that provider charged, whichever attempt paid the payment.
     */
    void recordChargeRefund(EntityManager em, PaymentEntity payment, PaymentAttemptEntity attempt, String chargeReference,
            String reason) {
        String charge = chargeReference != null ? chargeReference : attempt.gatewayReference();
        // The id follows from the charge: a repeated report finds it, and two deliveries racing to record it
        // collide on the key, so a charge is never refunded twice. A charge the gateway never named is known by
        // its attempt's key.
        String basis = charge != null ? charge : "attempt:" + attempt.id();
        String id = chargeRefundId(payment, basis);
        if (attempt.recheckAt() != null) {
            attempt.recheckDone(); // its charge went through: there is nothing left to look up
        }
        if (em.find(RefundEntity.class, id) != null) {
            return;
        }
        // A charge refunded before the gateway named it is the same charge once it is named, unless the attempt is
        // known by another reference: a reference learnt later never gives the attempt's charge back twice.
        if (charge != null && (attempt.gatewayReference() == null || attempt.gatewayReference().equals(charge))
                && em.find(RefundEntity.class, chargeRefundId(payment, "attempt:" + attempt.id())) != null) {
            return;
        }
        LOG.warn("Payment {} of order {}: {} ({} of attempt {} at {}); refunding {}", payment.id(), payment.orderId(),
                reason, charge, attempt.number(), attempt.provider(), payment.amount());
        em.persist(new RefundEntity(id, payment.id(), payment.orderId(), payment.amount(), reason, Caller.SYSTEM.userId(),
                charge, attempt.provider(), attempt.charged(), clock.instant()));
        // Owed to the client until its refund is paid: the ledger holds it in the order's suspense meanwhile.
        ledger.strayChargeTaken(payment.orderId(), id, attempt.provider(), payment.amount());
    }

    private static String chargeRefundId(PaymentEntity payment, String basis) {
        return UUID.nameUUIDFromBytes((payment.id() + "|charge|" + basis).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
