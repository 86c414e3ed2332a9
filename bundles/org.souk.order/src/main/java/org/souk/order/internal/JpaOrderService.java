package org.souk.order.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.transaction.TransactionManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.souk.catalog.api.GigCatalog;
import org.souk.common.api.Caller;
import org.souk.common.api.audit.AuditTrail;
import org.souk.common.api.Money;
import org.souk.common.api.Page;
import org.souk.ledger.api.LedgerService;
import org.souk.notification.api.NotificationOutbox;
import org.souk.order.api.AgreedCancellation;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.Deadline;
import org.souk.order.api.DeadlineHandler;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeService;
import org.souk.order.api.Order;
import org.souk.order.api.OrderChange;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderSummary;
import org.souk.order.api.PlaceOrder;
import org.souk.order.api.RequestKind;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * Orders in the {@code orders}, {@code order_event}, {@code order_timer}, {@code order_request} and
 * {@code order_dispute} tables. Time comes from the {@link PlatformClock}.
 *
 * <p>The work is done by one desk per job: {@link PlacementDesk}, {@link TransitionDesk}, {@link RequestDesk},
 * {@link DeadlineDesk} and {@link DisputeDesk} change orders, {@link OrderViews} and {@link OrderHistory} read
 * them, {@link OrderAnnouncements} tells the rest of the platform after commit. The decisions are pure rules
 * ({@link OrderStateMachine}, {@link TransitionRules}, {@link CancellationRules}, {@link Deadlines},
 * {@link AllowedActions}). This component wires them up, follows its configuration and its dynamic references,
 * and delegates.
 */
@Component(service = {OrderService.class, DisputeService.class}, configurationPid = "org.souk.order.lifecycle")
@Designate(ocd = LifecycleConfig.class)
public class JpaOrderService implements OrderService, DisputeService {

    /** Records each announced change's notifications in the change's own transaction. */
    private volatile NotificationOutbox outbox = (topic, properties) -> { };
    private final Clock clock;
    private volatile Deadlines.Windows windows;
    private volatile CancellationRules.Limits limits;
    private final DeadlineHandlers handlers;
    private final OrderViews views;
    private final OrderHistory history;
    private final PlacementDesk placement;
    private final TransitionDesk transitions;
    private final RequestDesk requests;
    private final DeadlineDesk deadlines;
    private final DisputeDesk disputes;
    private final JpaTemplate jpa;
    private final AuditTrail audit;

    @Activate
    public JpaOrderService(@Reference(target = "(osgi.unit.name=souk-order)") JpaTemplate jpa,
            @Reference(target = OrderSchema.TARGET) Schema schema,
            @Reference GigCatalog catalog, @Reference EventAdmin events, @Reference TransactionManager transactions,
            @Reference LedgerService ledger, @Reference PlatformClock clock, @Reference AuditTrail audit,
            LifecycleConfig config, BundleContext context) {
        this(jpa, catalog, events, new AfterCommit(transactions), ledger, clock,
                Deadlines.Windows.of(config), context, audit);
        this.limits = Deadlines.Windows.limits(config);
    }

    JpaOrderService(JpaTemplate jpa, GigCatalog catalog, EventAdmin events, AfterCommit afterCommit,
            LedgerService ledger, Clock clock, Deadlines.Windows windows, BundleContext context, AuditTrail audit) {
        this.jpa = jpa;
        this.audit = audit;
        this.clock = clock;
        this.windows = windows;
        this.limits = CancellationRules.Limits.DEFAULT;
        this.handlers = new DeadlineHandlers(context);
        OrderAnnouncements announcements = new OrderAnnouncements(events, afterCommit, () -> outbox);
        this.views = new OrderViews(jpa, this.clock, () -> this.windows, () -> limits);
        this.history = new OrderHistory(jpa);
        this.placement = new PlacementDesk(jpa, catalog, this.clock, () -> this.windows, announcements, views);
        this.transitions = new TransitionDesk(jpa, ledger, this.clock, () -> this.windows, announcements, views);
        this.requests = new RequestDesk(jpa, this.clock, () -> this.windows, () -> limits, announcements, views,
                transitions);
        this.deadlines = new DeadlineDesk(jpa, this.clock, handlers, announcements, transitions, requests);
        this.disputes = new DisputeDesk(jpa, this.clock, announcements, transitions);
    }

    @Modified
    void modified(LifecycleConfig config) {
        windows = Deadlines.Windows.of(config);
        limits = Deadlines.Windows.limits(config);
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindOutbox")
    void bindOutbox(NotificationOutbox o) {
        outbox = o;
    }

    void unbindOutbox(NotificationOutbox o) {
        // Mandatory: the component deactivates unless another outbox is bound first.
    }

    /** Handlers of the deadlines another bundle moves; see {@link DeadlineHandlers} for why references. */
    @Reference(service = DeadlineHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeHandler")
    void addHandler(ServiceReference<DeadlineHandler> handler) {
        handlers.add(handler);
    }

    void removeHandler(ServiceReference<DeadlineHandler> handler) {
        handlers.remove(handler);
    }

    // Placing and reading orders.

    @Override
    public Order place(Caller caller, PlaceOrder request) {
        return placement.place(caller, request);
    }

    @Override
    public Order get(Caller caller, String orderId) {
        return views.get(caller, orderId);
    }

    @Override
    public OrderSummary summary(Caller caller, String orderId) {
        return views.summary(caller, orderId);
    }

    @Override
    public Page<OrderSummary> list(Caller caller, OrderQuery query) {
        return history.list(caller, query);
    }

    @Override
    public List<OrderChange> changesSince(Caller caller, Instant after, int limit) {
        return history.changesSince(caller, after, limit);
    }

    // Transitions.

    @Override
    public Order confirmPayment(String orderId, String paymentReference) {
        return transitions.confirmPayment(orderId, paymentReference);
    }

    @Override
    public Order cancel(Caller caller, String orderId, CancellationReason reason, String note) {
        if (!byAdministrator(caller)) {
            return transitions.cancel(caller, orderId, reason, note);
        }
        // An administrator's cancellation is audited in its own transaction (the payment's, when it refunds).
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            Order order = transitions.cancel(caller, orderId, reason, note);
            audit.record(caller, AuditTrail.ORDER_CANCEL, orderId, orderId,
                    reason + (note == null || note.isBlank() ? "" : ": " + note.trim()),
                    order.status() + " (" + order.cancellationReason() + ")");
            return order;
        }));
    }

    /** A person acting as administrator, whose changes are audited; not the platform's own timers. */
    private static boolean byAdministrator(Caller caller) {
        return caller.isAdmin() && !caller.isSystem();
    }

    @Override
    public Order accept(Caller caller, String orderId) {
        return transitions.accept(caller, orderId);
    }

    @Override
    public Order deliver(Caller caller, String orderId, String note) {
        return transitions.deliver(caller, orderId, note);
    }

    @Override
    public Order requestRevision(Caller caller, String orderId, String note) {
        return transitions.requestRevision(caller, orderId, note);
    }

    @Override
    public Order complete(Caller caller, String orderId) {
        return transitions.complete(caller, orderId);
    }

    // Requests between the two sides.

    @Override
    public OrderRequest requestCancellation(Caller caller, String orderId, String reason, Money refund) {
        return requests.requestCancellation(caller, orderId, reason, refund);
    }

    @Override
    public AgreedCancellation acceptCancellation(Caller caller, String orderId, String note) {
        return requests.acceptCancellation(caller, orderId, note);
    }

    @Override
    public OrderRequest requestExtension(Caller caller, String orderId, int days, String reason) {
        return requests.requestExtension(caller, orderId, days, reason);
    }

    @Override
    public Order acceptExtension(Caller caller, String orderId, String note) {
        return requests.acceptExtension(caller, orderId, note);
    }

    @Override
    public OrderRequest declineRequest(Caller caller, String orderId, RequestKind kind, String note) {
        return requests.declineRequest(caller, orderId, kind, note);
    }

    @Override
    public OrderRequest withdrawRequest(Caller caller, String orderId, RequestKind kind) {
        return requests.withdrawRequest(caller, orderId, kind);
    }

    @Override
    public OrderRequest latestRequest(Caller caller, String orderId, RequestKind kind) {
        return views.latestRequest(caller, orderId, kind);
    }

    // Deadlines.

    @Override
    public List<Deadline> upcomingDeadlines(int limit) {
        return deadlines.upcoming(limit);
    }

    @Override
    public int fireDueDeadlines(int limit) {
        return deadlines.fireDue(limit);
    }

    // Disputes.

    @Override
    public Dispute open(Caller caller, String orderId, String reason, Money proposedRefund) {
        return disputes.open(caller, orderId, reason, proposedRefund);
    }

    @Override
    public Dispute dispute(Caller caller, String disputeId) {
        return disputes.get(caller, disputeId);
    }

    @Override
    public Dispute latestOfOrder(Caller caller, String orderId) {
        return disputes.latestOfOrder(caller, orderId);
    }

    @Override
    public List<Dispute> openDisputes(Caller caller, int limit) {
        return disputes.openDisputes(caller, limit);
    }

    @Override
    public Dispute resolve(Caller caller, String disputeId, DisputeDecision decision, Money refund, Instant dueAt,
            String note) {
        if (!byAdministrator(caller)) {
            return disputes.resolve(caller, disputeId, decision, refund, dueAt, note);
        }
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            Dispute decided = disputes.resolve(caller, disputeId, decision, refund, dueAt, note);
            audit.record(caller, AuditTrail.DISPUTE_RESOLVE, disputeId, decided.orderId(), note == null ? null : note.trim(),
                    decided.decision() + (decided.refund() == null ? "" : ", refund " + decided.refund())
                            + (decided.dueAt() == null ? "" : ", due " + decided.dueAt()));
            return decided;
        }));
    }
}
