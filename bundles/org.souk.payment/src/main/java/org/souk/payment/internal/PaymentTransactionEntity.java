package org.souk.payment.internal;

import java.time.Instant;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EntityManager;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.souk.gateway.spi.ProviderStatus;
import org.souk.payment.api.PaymentTransaction;
import org.souk.payment.api.TransactionKind;
import org.souk.payment.api.TransactionOutcome;

/** One exchange with the gateway; written once, never changed. */
@Entity
@Table(name = "payment_transaction")
public class PaymentTransactionEntity {

    @Id
    private String id;
    @Column(name = "payment_id")
    private String paymentId;
    @Enumerated(EnumType.STRING)
    private TransactionKind kind;
    @Enumerated(EnumType.STRING)
    private ProviderStatus outcome;
    @Column(name = "gateway_reference")
    private String gatewayReference;
    private String message;
    @Column(name = "occurred_at")
    private Instant at;

    protected PaymentTransactionEntity() {
    }

    PaymentTransactionEntity(String id, String paymentId, TransactionKind kind, ProviderStatus outcome,
            String gatewayReference, String message, Instant at) {
        this.id = id;
        this.paymentId = paymentId;
        this.kind = kind;
        this.outcome = outcome;
        this.gatewayReference = gatewayReference;
        this.message = message == null || message.length() <= 500 ? message : message.substring(0, 500);
        this.at = at;
    }

    /** A payment's exchanges with the gateway, the first first. */
    static List<PaymentTransaction> ofPayment(EntityManager em, String paymentId) {
        return em.createQuery("SELECT t FROM PaymentTransactionEntity t WHERE t.paymentId = :p ORDER BY t.at, t.id",
                PaymentTransactionEntity.class).setParameter("p", paymentId).getResultList().stream()
                .map(PaymentTransactionEntity::toTransaction).toList();
    }

    PaymentTransaction toTransaction() {
        return new PaymentTransaction(id, kind, outcomeOf(outcome), gatewayReference, message, at);
    }

    /** The provider's status as the payment API tells it; the same names, so the JSON clients read is unchanged. */
    static TransactionOutcome outcomeOf(ProviderStatus status) {
        return switch (status) {
            case PROCESSED -> TransactionOutcome.PROCESSED;
            case PENDING -> TransactionOutcome.PENDING;
            case ERROR -> TransactionOutcome.ERROR;
            case CANCELED -> TransactionOutcome.CANCELED;
            case UNKNOWN -> TransactionOutcome.UNKNOWN;
        };
    }
}
