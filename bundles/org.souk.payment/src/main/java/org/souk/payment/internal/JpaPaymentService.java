package org.souk.payment.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.transaction.TransactionManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.common.api.audit.AuditTrail;
import org.souk.gateway.api.PaymentGateway;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeService;
import org.souk.order.api.OrderService;
import org.souk.payment.api.DisputeResolution;
import org.souk.payment.api.Cancellation;
import org.souk.payment.api.PayOrder;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.ReconciliationReport;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;
import org.souk.payment.api.WebhookOutcome;
import org.souk.notification.api.NotificationOutbox;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.Conflicts;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * Payments in the {@code payment*} tables. The payment row is committed PENDING before the gateway is
 * called, so a crash in between leaves a payment to reconcile, never a charge without a record. The
 * settlement (payment SUCCESS or FAILED) and the order's move run in one JTA transaction: both commit or
 * neither does.
 *
 * <p>A payment has attempts: a declined one leaves it PENDING and the client pays again, each attempt a charge
 * of its own at the gateway (see {@link PaymentAttemptEntity}), until {@code payment.max.attempts} of its
 * own settings, {@code org.souk.payment}, were declined ({@link AttemptSettings}).
 *
 * <p>The work is done by one desk per job, all settling through the {@link SettlementDesk}:
 * {@link PaymentInitiation}, {@link WebhookIntake}, {@link Reconciler}, {@link CancellationDesk} and
 * {@link RefundDesk}. This component wires them up, follows its configuration and delegates.
 */
// Refunds are retried on reconciliation's runs, by its settings; attempts follow the payments' own.
@Component(configurationPid = {"org.souk.payment.reconciliation", PaymentSettings.PID})
public class JpaPaymentService implements PaymentService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaPaymentService.class);

    private final JpaTemplate jpa;
    private final OrderService orders;
    private final RefundDesk refunds;
    private final PaymentInitiation initiation;
    private final WebhookIntake webhooks;
    private final Reconciler reconciler;
    private final CancellationDesk cancellations;
    private final MovedAttemptsSetting movedAttempts;
    private final AuditTrail audit;
    /** What {@code org.souk.payment} sets, or null: then the setting where it used to be applies. */
    private volatile AttemptPolicy ownAttempts;

    @Activate
    public JpaPaymentService(@Reference(target = "(osgi.unit.name=souk-payment)") JpaTemplate jpa,
            @Reference(target = PaymentSchema.TARGET) Schema schema, @Reference OrderService orders,
            @Reference PaymentGateway gateway, @Reference EventAdmin events, @Reference TransactionManager transactions,
            @Reference LedgerService ledger, @Reference NotificationOutbox outbox, @Reference DisputeService disputes,
            @Reference PlatformClock clock, @Reference MovedAttemptsSetting movedAttempts, @Reference AuditTrail audit,
            ScheduledReconciliation.Config config, Map<String, Object> properties) {
        this.jpa = jpa;
        this.orders = orders;
        this.audit = audit;
        this.refunds = new RefundDesk(jpa, gateway, clock, retryPolicy(config), ledger, outbox,
                orderId -> orders.summary(Caller.SYSTEM, orderId).gigTitle());
        this.movedAttempts = movedAttempts;
        this.ownAttempts = AttemptSettings.read(properties);
        PaymentEvents announcements = new PaymentEvents(events, new AfterCommit(transactions), outbox);
        SettlementDesk settlement = new SettlementDesk(jpa, orders, clock, refunds, ledger, this::attempts,
                announcements);
        this.initiation = new PaymentInitiation(jpa, orders, gateway, clock, this::attempts, settlement);
        this.webhooks = new WebhookIntake(jpa, gateway, clock, refunds, settlement);
        this.reconciler = new Reconciler(jpa, gateway, clock, refunds, settlement);
        reconciler.unsettledWindow(unsettledWindow(config));
        this.cancellations = new CancellationDesk(jpa, orders, disputes, gateway, clock, refunds, ledger, settlement,
                announcements);
    }

    @Modified
    void modified(ScheduledReconciliation.Config config, Map<String, Object> properties) {
        refunds.retryWith(retryPolicy(config));
        reconciler.unsettledWindow(unsettledWindow(config));
        ownAttempts = AttemptSettings.read(properties);
    }

    private static Duration unsettledWindow(ScheduledReconciliation.Config config) {
        try {
            Duration window = Duration.parse(config.reconciliation_unsettled_window().trim());
            if (window.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return window;
        } catch (RuntimeException e) {
            LOG.warn("reconciliation.unsettled.window is not an ISO-8601 duration ({}); using {}",
                    config.reconciliation_unsettled_window(), Reconciler.UNSETTLED_WINDOW);
            return Reconciler.UNSETTLED_WINDOW;
        }
    }

    private AttemptPolicy attempts() {
        return AttemptSettings.choose(ownAttempts, movedAttempts.policy());
    }

    private static RefundRetryPolicy retryPolicy(ScheduledReconciliation.Config config) {
        try {
            return new RefundRetryPolicy(Duration.parse(config.refund_retry_first()),
                    Duration.parse(config.refund_retry_longest()), config.refund_retry_attempts());
        } catch (RuntimeException e) {
            LOG.warn("Refund retry settings are not valid ({}); using {}", e.getMessage(), RefundRetryPolicy.DEFAULT);
            return RefundRetryPolicy.DEFAULT;
        }
    }

    @Override
    public Payment pay(Caller caller, PayOrder request) {
        return initiation.pay(caller, request);
    }

    @Override
    public Optional<Payment> findByOrder(Caller caller, String orderId) {
        orders.summary(caller, orderId); // visibility: someone else's order is not found
        return jpa.txExpr(TransactionType.Supports, em -> Optional.ofNullable(PaymentEntity.ofOrder(em, orderId))
                .map(p -> p.toPayment(PaymentTransactionEntity.ofPayment(em, p.id()))));
    }

    @Override
    public WebhookOutcome handleWebhook(String providerId, Map<String, List<String>> headers, byte[] body) {
        return webhooks.handleWebhook(providerId, headers, body);
    }

    @Override
    public ReconciliationReport reconcile(Duration pendingFor) {
        return reconciler.reconcile(pendingFor);
    }

    @Override
    public Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note) {
        return cancellations.cancel(caller, orderId, reason, note);
    }

    @Override
    public Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note, Money refund) {
        return cancellations.cancel(caller, orderId, reason, note, refund);
    }

    @Override
    public Cancellation acceptCancellation(Caller caller, String orderId, String note) {
        return cancellations.acceptCancellation(caller, orderId, note);
    }

    @Override
    public DisputeResolution resolveDispute(Caller caller, String disputeId, DisputeDecision decision, Money refund,
            Instant dueAt, String note) {
        return cancellations.resolveDispute(caller, disputeId, decision, refund, dueAt, note);
    }

    @Override
    public Refund refundCompleted(Caller caller, String orderId, Money amount, String reason) {
        return cancellations.refundCompleted(caller, orderId, amount, reason, refundId -> audit.record(caller,
                AuditTrail.ORDER_REFUND, orderId, orderId, reason.trim(), "refund " + refundId + " of " + amount));
    }

    @Override
    public List<Refund> refunds(Caller caller, String orderId) {
        orders.summary(caller, orderId);
        return refunds.ofOrder(orderId);
    }

    @Override
    public List<Refund> refundsIn(RefundStatus status, int limit) {
        return refunds.in(status, Math.max(1, Math.min(limit, 500)));
    }

    @Override
    public List<Refund> refundsNeedingAttention(int limit) {
        return refunds.needingAttention(Math.max(1, Math.min(limit, 500)));
    }

    @Override
    public Refund retryRefund(Caller caller, String refundId) {
        Refund asked = refunds.askNow(caller, refundId);
        // Asking is no transaction of its own (the gateway is called between two): recorded once answered.
        audit.record(caller, AuditTrail.REFUND_RETRY, refundId, asked.orderId(), null, asked.status().name());
        return asked;
    }

    @Override
    public Refund completeManualRefund(Caller caller, String refundId, String note) {
        if (note == null || note.isBlank()) {
            throw new ValidationException("reason", "say how it was refunded, e.g. a bank transfer's reference");
        }
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                Refund done = refunds.completeByHand(caller, refundId, note);
                audit.record(caller, AuditTrail.REFUND_COMPLETE, refundId, done.orderId(), note.trim(),
                        done.status() + " " + done.amount());
                return done;
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The refund was changed by another request at the same time; reload and retry");
        }
    }
}
