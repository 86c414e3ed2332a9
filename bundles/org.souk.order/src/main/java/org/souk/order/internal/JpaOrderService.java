package org.souk.order.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;
import javax.sql.DataSource;
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
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.catalog.api.Gig;
import org.souk.catalog.api.GigCatalog;
import org.souk.catalog.api.GigPackage;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.AgreedCancellation;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.Deadline;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeService;
import org.souk.order.api.DeadlineHandler;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderEvent;
import org.souk.order.api.OrderLimits;
import org.souk.order.api.OrderProblems;
import org.souk.notification.api.NotificationOutbox;
import org.souk.order.api.OrderChange;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.order.api.OrderTopics;
import org.souk.order.api.PlaceOrder;
import org.souk.order.api.RequestKind;
import org.souk.order.api.RequestStatus;
import org.souk.order.internal.OrderStateMachine.Action;
import org.souk.order.internal.OrderStateMachine.State;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.Conflicts;
import org.souk.persistence.DueRows;
import org.souk.persistence.SchemaMigrator;

/**
 * Orders in the {@code orders}, {@code order_event}, {@code order_timer} and {@code order_request} tables. Time comes from the
 * highest-ranked {@link Clock} service if there is one (tests move it), else from the system clock.
 */
@Component(service = {OrderService.class, DisputeService.class}, configurationPid = "org.souk.order.lifecycle")
@Designate(ocd = LifecycleConfig.class)
public class JpaOrderService implements OrderService, DisputeService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaOrderService.class);

    static final int MAX_REQUIREMENTS = OrderLimits.MAX_REQUIREMENTS;
    static final int MAX_NOTE = OrderLimits.MAX_NOTE;
    /** order_event.reason holds 1000 characters: a note of at most {@link #MAX_NOTE} plus the words around it. */
    static final int MAX_REASON = 1000;

    private final JpaTemplate jpa;
    private final GigCatalog catalog;
    private final EventAdmin events;
    private final AfterCommit afterCommit;
    /** Records each announced change's notifications in the change's own transaction. */
    private volatile NotificationOutbox outbox = (topic, properties) -> { };
    private final LedgerService ledger;
    private final Clock systemClock;
    private volatile Clock clock;
    private volatile Deadlines.Windows windows;
    private volatile CancellationRules.Limits limits;
    private final DisputeDesk disputes;
    private final List<ServiceReference<DeadlineHandler>> handlers = new CopyOnWriteArrayList<>();
    private final BundleContext context;
    /** How long a handler has to make its move before the deadline may be taken again. */
    private static final Duration HANDLER_CLAIM = Duration.ofMinutes(5);

    @Activate
    public JpaOrderService(@Reference(target = "(osgi.unit.name=souk-order)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource,
            @Reference GigCatalog catalog, @Reference EventAdmin events, @Reference TransactionManager transactions,
            @Reference LedgerService ledger, LifecycleConfig config, BundleContext context) {
        this(jpa, dataSource, catalog, events, new AfterCommit(transactions), ledger, Clock.systemUTC(),
                Deadlines.Windows.of(config), context);
        this.limits = Deadlines.Windows.limits(config);
    }

    JpaOrderService(JpaTemplate jpa, DataSource dataSource, GigCatalog catalog, EventAdmin events,
            AfterCommit afterCommit, LedgerService ledger, Clock clock, Deadlines.Windows windows, BundleContext context) {
        this.context = context;
        this.ledger = ledger;
        new SchemaMigrator(dataSource, "order", JpaOrderService.class.getClassLoader()).migrate();
        this.jpa = jpa;
        this.catalog = catalog;
        this.events = events;
        this.afterCommit = afterCommit;
        this.systemClock = clock;
        this.clock = clock;
        this.windows = windows;
        this.limits = CancellationRules.Limits.DEFAULT;
        this.disputes = new DisputeDesk(this);
    }

    @Modified
    void modified(LifecycleConfig config) {
        windows = Deadlines.Windows.of(config);
        limits = Deadlines.Windows.limits(config);
    }

    Instant now() {
        return clock.instant();
    }

    Deadlines.Windows windows() {
        return windows;
    }

    JpaTemplate jpa() {
        return jpa;
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindOutbox")
    void bindOutbox(NotificationOutbox o) {
        outbox = o;
    }

    void unbindOutbox(NotificationOutbox o) {
        // Mandatory: the component deactivates unless another outbox is bound first.
    }

    @Reference(service = Clock.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindClock")
    void bindClock(Clock c) {
        clock = c;
    }

    void unbindClock(Clock c) {
        if (clock == c) {
            clock = systemClock;
        }
    }

    /**
     * Handlers are kept as references and their objects fetched only when a deadline fires: the payment
     * bundle's handler needs the payment service, which needs this one, so taking it while this component
     * activates would be a cycle.
     */
    @Reference(service = DeadlineHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, unbind = "removeHandler")
    void addHandler(ServiceReference<DeadlineHandler> handler) {
        handlers.add(handler);
    }

    void removeHandler(ServiceReference<DeadlineHandler> handler) {
        handlers.remove(handler);
    }

    /** Runs the handler of a kind of deadline, if one is deployed; returns whether one was. */
    private boolean handle(Deadline deadline) {
        for (ServiceReference<DeadlineHandler> ref : handlers) {
            DeadlineHandler handler = context == null ? null : context.getService(ref);
            if (handler == null) {
                continue;
            }
            try {
                if (handler.kinds().contains(deadline.kind())) {
                    handler.fire(deadline);
                    return true;
                }
            } finally {
                context.ungetService(ref);
            }
        }
        return false;
    }

    @Override
    public Order place(Caller caller, PlaceOrder request) {
        if (caller.role() != Role.CLIENT) {
            throw new ForbiddenException("Only clients place orders");
        }
        ValidationException.Collector errors = new ValidationException.Collector();
        if (request == null) {
            throw new ValidationException("body", "an order is required");
        }
        if (request.gigId() == null || request.gigId().isBlank()) {
            errors.add("gigId", "is required");
        }
        if (request.tier() == null) {
            errors.add("package", "is required (BASIC, STANDARD or PREMIUM)");
        }
        String requirements = request.requirements() == null ? "" : request.requirements().trim();
        if (requirements.isEmpty()) {
            errors.add("requirements", "tell the freelancer what you need");
        } else if (requirements.length() > MAX_REQUIREMENTS) {
            errors.add("requirements", "must be at most " + MAX_REQUIREMENTS + " characters");
        }
        errors.throwIfAny();
        Gig gig = catalog.find(request.gigId())
                .orElseThrow(() -> new ValidationException("gigId", "no gig " + request.gigId()));
        GigPackage pkg = gig.pkg(request.tier())
                .orElseThrow(() -> new ValidationException("package", "gig " + gig.id() + " has no " + request.tier() + " package"));
        if (gig.freelancerId().equals(caller.userId())) {
            throw new ForbiddenException("A freelancer cannot order their own gig");
        }
        return jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = new OrderEntity(UUID.randomUUID().toString(), caller.userId(), gig.freelancerId(),
                    gig.id(), gig.title(), pkg, requirements, clock.instant());
            var now = clock.instant();
            OrderEventEntity placed = order.moveTo(State.PENDING, now, caller.userId(), "order placed");
            em.persist(order);
            em.persist(placed);
            for (DeadlineKind kind : Deadlines.startedByPlacing()) {
                em.persist(new OrderTimerEntity(UUID.randomUUID().toString(), order.id(), kind,
                        Deadlines.dueAt(kind, now, windows, null), now));
            }
            announce(order, placed.toEvent());
            return view(em, caller, order);
        });
    }

    @Override
    public Order get(Caller caller, String orderId) {
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Supports, em -> view(em, caller, visible(em, caller, orderId))));
    }

    @Override
    public OrderSummary summary(Caller caller, String orderId) {
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Supports, em -> visible(em, caller, orderId).toSummary()));
    }

    @Override
    public Page<OrderSummary> list(Caller caller, OrderQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), Page.MAX_LIMIT));
        if (query.after() != null) {
            OrderCursor after = OrderCursor.decode(query.after());
            return jpa.txExpr(TransactionType.Supports, em -> {
                List<List<OrderSummary>> sides = new ArrayList<>();
                if (caller.isAdmin()) {
                    sides.add(pageAfter(em, null, null, query.status(), after, limit + 1));
                } else {
                    // One index range per side: an OR of the two would scan either side's whole history.
                    sides.add(pageAfter(em, "client_id", caller.userId(), query.status(), after, limit + 1));
                    sides.add(pageAfter(em, "freelancer_id", caller.userId(), query.status(), after, limit + 1));
                }
                return keysetPage(sides, limit);
            });
        }
        int offset = Math.max(0, query.offset());
        return jpa.txExpr(TransactionType.Supports, em -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (!caller.isAdmin()) {
                where.append(" AND (o.clientId = :user OR o.freelancerId = :user)");
                params.put("user", caller.userId());
            }
            if (query.status() != null) {
                where.append(" AND o.status = :status");
                params.put("status", query.status());
            }
            TypedQuery<OrderEntity> page = em.createQuery(
                    "SELECT o FROM OrderEntity o" + where + " ORDER BY o.placedAt DESC, o.id DESC", OrderEntity.class);
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(o) FROM OrderEntity o" + where, Long.class);
            params.forEach((k, v) -> {
                page.setParameter(k, v);
                count.setParameter(k, v);
            });
            List<OrderSummary> items = page.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                    .map(OrderEntity::toSummary).toList();
            long total = count.getSingleResult();
            String next = !items.isEmpty() && offset + items.size() < total
                    ? OrderCursor.after(items.get(items.size() - 1)).encode() : null;
            return new Page<>(items, offset, limit, total, next);
        });
    }

    @Override
    public List<OrderChange> changesSince(Caller caller, Instant after, int limit) {
        int max = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        return jpa.txExpr(TransactionType.Supports, em -> {
            // Native SQL: a range of order_event_recent, each joined to its order by primary key.
            javax.persistence.Query q = em.createNativeQuery("SELECT e.order_id, o.gig_title, e.sequence_no, e.from_status,"
                    + " e.from_stage, e.to_status, e.to_stage, e.occurred_at, e.actor, e.reason"
                    + " FROM order_event e JOIN orders o ON o.id = e.order_id"
                    + " WHERE e.occurred_at > ? AND (o.client_id = ? OR o.freelancer_id = ?)"
                    + " ORDER BY e.occurred_at, e.id FETCH FIRST " + max + " ROWS ONLY");
            q.setParameter(1, Timestamp.from(after)).setParameter(2, caller.userId()).setParameter(3, caller.userId());
            List<OrderChange> changes = new ArrayList<>();
            for (Object row : q.getResultList()) {
                Object[] c = (Object[]) row;
                changes.add(new OrderChange((String) c[0], (String) c[1], new OrderEvent(((Number) c[2]).intValue(),
                        enumOrNull(OrderStatus.class, c[3]), enumOrNull(OrderStage.class, c[4]),
                        enumOrNull(OrderStatus.class, c[5]), enumOrNull(OrderStage.class, c[6]),
                        ((Timestamp) c[7]).toInstant(), (String) c[8], (String) c[9])));
            }
            return changes;
        });
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, Object value) {
        return value == null ? null : Enum.valueOf(type, value.toString().trim());
    }

    /**
     * The orders right after the cursor, newest first, at most {@code max}: one range of the index on
     * ({@code column}, placed_at DESC, id DESC), or of (status, ...) for an administrator. The range starts at
     * the cursor's time ({@code placed_at <= ?}); the orders of that very instant are cut by id.
     */
    @SuppressWarnings("unchecked")
    private static List<OrderSummary> pageAfter(EntityManager em, String column, String user, OrderStatus status,
            OrderCursor after, int max) {
        StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE ");
        List<Object> params = new ArrayList<>();
        if (column != null) {
            sql.append(column).append(" = ? AND ");
            params.add(user);
        }
        if (status != null) {
            sql.append("status = ? AND ");
            params.add(status.name());
        }
        sql.append("placed_at <= ? AND (placed_at < ? OR id < ?) ORDER BY placed_at DESC, id DESC FETCH FIRST ")
                .append(max).append(" ROWS ONLY");
        Timestamp at = Timestamp.from(after.placedAt());
        params.add(at);
        params.add(at);
        params.add(after.id());
        javax.persistence.Query q = em.createNativeQuery(sql.toString(), OrderEntity.class);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return ((List<OrderEntity>) q.getResultList()).stream().map(OrderEntity::toSummary).toList();
    }

    /**
     * One page out of the newest-first runs read after a cursor (one per side of the caller's orders, each
     * holding up to {@code limit + 1}): the newest {@code limit} of them, and a cursor for more if any is left.
     */
    static Page<OrderSummary> keysetPage(List<List<OrderSummary>> sides, int limit) {
        Map<String, OrderSummary> byId = new LinkedHashMap<>();
        sides.forEach(side -> side.forEach(o -> byId.putIfAbsent(o.id(), o)));
        List<OrderSummary> all = new ArrayList<>(byId.values());
        all.sort(NEWEST_FIRST);
        List<OrderSummary> items = all.subList(0, Math.min(limit, all.size()));
        String next = all.size() > limit ? OrderCursor.after(items.get(items.size() - 1)).encode() : null;
        return new Page<>(items, 0, limit, Page.UNCOUNTED, next);
    }

    /** The order of every history list: time placed, then id, both descending. */
    static final Comparator<OrderSummary> NEWEST_FIRST = Comparator.comparing(OrderSummary::placedAt)
            .thenComparing(OrderSummary::id).reversed();

    @Override
    public Order confirmPayment(String orderId, String paymentReference) {
        return transition(Caller.SYSTEM, orderId, Action.CONFIRM_PAYMENT, null, "payment " + paymentReference + " succeeded");
    }

    @Override
    public Order cancel(Caller caller, String orderId, CancellationReason reason, String note) {
        if (reason == null) {
            throw new ValidationException("reason", "is required");
        }
        checkNote(note);
        String why = reason.name().toLowerCase().replace('_', ' ') + (note == null || note.isBlank() ? "" : ": " + note);
        return transition(caller, orderId, Action.CANCEL, reason, why);
    }

    @Override
    public Order accept(Caller caller, String orderId) {
        return transition(caller, orderId, Action.ACCEPT, null, "accepted by the freelancer");
    }

    @Override
    public Order deliver(Caller caller, String orderId, String note) {
        checkNote(note);
        return transition(caller, orderId, Action.DELIVER, null, note == null || note.isBlank() ? "delivered" : note);
    }

    @Override
    public Order requestRevision(Caller caller, String orderId, String note) {
        if (note == null || note.isBlank()) {
            throw new ValidationException("note", "say what should change");
        }
        checkNote(note);
        return transition(caller, orderId, Action.REQUEST_REVISION, null, note);
    }

    @Override
    public Order complete(Caller caller, String orderId) {
        return transition(caller, orderId, Action.COMPLETE, null, "delivery accepted by the client");
    }

    static void checkNote(String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw new ValidationException("note", "must be at most " + MAX_NOTE + " characters");
        }
    }

    /**
     * Applies one transition atomically. The version column makes a concurrent second transition of the
     * same order fail at flush, so exactly one of them is recorded.
     */
    private Order transition(Caller caller, String orderId, Action action, CancellationReason reason, String why) {
        if (why != null && why.length() > MAX_REASON) {
            throw new ValidationException("note", "is too long: the timeline keeps " + MAX_REASON + " characters");
        }
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = visible(em, caller, orderId);
            authorize(caller, order, action, reason);
            return view(em, caller, move(em, order, caller.userId(), action, reason, why));
        }));
    }

    /** One transition inside the caller's transaction: state, timeline, deadlines and the event after commit. */
    OrderEntity move(EntityManager em, OrderEntity order, String actor, Action action, CancellationReason reason,
            String why) {
        State to = OrderStateMachine.next(order.state(), action, reason, order.revisionsUsed(), order.revisionsAllowed());
        var now = clock.instant();
        switch (action) {
            case ACCEPT -> order.accepted(now);
            case DELIVER -> order.delivered(now);
            case REQUEST_REVISION -> order.revisionRequested();
            case CANCEL -> order.cancelledFor(reason);
            // The escrow is released in the completion's own transaction: both commit or neither does.
            case COMPLETE, DECIDE_COMPLETE -> {
                if (ledger.orderCompleted(order.id(), order.freelancerId()).isEmpty() && !order.total().isZero()) {
                    // Only an order paid before the ledger existed (or confirmed by hand without a payment) gets here.
                    LOG.warn("Order {} completed with nothing in its escrow: no earnings were released for it", order.id());
                }
            }
            default -> { }
        }
        if (to.status().isFinal() && order.disputed()) {
            disputes.closedByMove(em, order, action, actor, why, now);
        }
        OrderEventEntity event = order.moveTo(to, now, actor, why);
        em.persist(event);
        for (OrderTimerEntity timer : pendingTimers(em, order.id())) {
            if (!Deadlines.watches(timer.kind(), to)) {
                timer.cancelled(now);
            }
        }
        for (DeadlineKind kind : Deadlines.startedBy(action)) {
            em.persist(new OrderTimerEntity(UUID.randomUUID().toString(), order.id(), kind,
                    Deadlines.dueAt(kind, now, windows, order.dueAt()), now));
        }
        for (OrderRequestEntity request : openRequests(em, order.id())) {
            if (request.isOpen() && (to.status().isFinal() || (request.kind() == RequestKind.EXTENSION && to.stage() != OrderStage.IN_PROGRESS))) {
                request.close(RequestStatus.LAPSED, actor, "the order moved on: " + to, now);
                announceRequest(order, request, actor);
            }
        }
        em.flush();
        announce(order, event.toEvent());
        return order;
    }

    /** The order as the caller sees it: what it may do now, and the deadlines still ahead. */
    Order view(EntityManager em, Caller caller, OrderEntity order) {
        AllowedActions.Party party = caller.isAdmin() ? AllowedActions.Party.ADMIN
                : caller.userId().equals(order.clientId()) ? AllowedActions.Party.CLIENT
                : caller.userId().equals(order.freelancerId()) ? AllowedActions.Party.FREELANCER
                : AllowedActions.Party.OTHER;
        Map<DeadlineKind, Instant> deadlines = new HashMap<>();
        for (OrderTimerEntity timer : pendingTimers(em, order.id())) {
            deadlines.put(timer.kind(), timer.dueAt());
        }
        Instant now = clock.instant();
        boolean late = !order.disputed()
                && Deadlines.lateCancellable(order.state(), order.dueAt(), order.deliveredAt(), now, windows);
        List<OrderRequestEntity> open = openRequests(em, order.id());
        boolean mayAsk = (party == AllowedActions.Party.CLIENT || party == AllowedActions.Party.FREELANCER)
                && order.state().status() == OrderStatus.PROCESSING
                && CancellationRules.mayAsk(earlierCancellations(em, order.id(), caller.userId()), now, limits);
        AllowedActions.Situation situation = new AllowedActions.Situation(order.state(), order.revisionsUsed(),
                order.revisionsAllowed(), late, askedBy(order, open, RequestKind.CANCELLATION),
                askedBy(order, open, RequestKind.EXTENSION), order.disputed(), mayAsk);
        return order.toOrder(AllowedActions.of(situation, party), deadlines,
                open.stream().map(OrderRequestEntity::toRequest).toList());
    }

    private static AllowedActions.Party askedBy(OrderEntity order, List<OrderRequestEntity> open, RequestKind kind) {
        return open.stream().filter(r -> r.kind() == kind).findFirst()
                .map(r -> r.requestedBy().equals(order.clientId()) ? AllowedActions.Party.CLIENT : AllowedActions.Party.FREELANCER)
                .orElse(null);
    }

    /** The cancellation requests one side made on an order, for the limits on asking again. */
    private static List<CancellationRules.Earlier> earlierCancellations(EntityManager em, String orderId, String userId) {
        return em.createQuery("SELECT r FROM OrderRequestEntity r WHERE r.orderId = :order AND r.kind = :kind "
                + "AND r.requestedBy = :user", OrderRequestEntity.class).setParameter("order", orderId)
                .setParameter("kind", RequestKind.CANCELLATION).setParameter("user", userId).getResultList().stream()
                .map(r -> new CancellationRules.Earlier(r.status(), r.closedAt())).toList();
    }

    /** What the other side's silence will do to this open cancellation request, as the order stands now. */
    static CancellationRules.OnSilence onSilence(OrderEntity order, OrderRequestEntity request) {
        return CancellationRules.onSilence(request.requestedBy().equals(order.clientId()), request.refund(),
                order.total(), order.deliveredAt() != null);
    }

    static List<OrderRequestEntity> openRequests(EntityManager em, String orderId) {
        return em.createQuery("SELECT r FROM OrderRequestEntity r WHERE r.orderId = :order AND r.status = :open",
                OrderRequestEntity.class).setParameter("order", orderId).setParameter("open", RequestStatus.OPEN)
                .getResultList();
    }

    private static OrderRequestEntity openRequest(EntityManager em, String orderId, RequestKind kind) {
        return openRequests(em, orderId).stream().filter(r -> r.kind() == kind).findFirst().orElse(null);
    }

    static List<OrderTimerEntity> pendingTimers(EntityManager em, String orderId) {
        return em.createQuery("SELECT t FROM OrderTimerEntity t WHERE t.orderId = :order AND t.state = :pending",
                OrderTimerEntity.class).setParameter("order", orderId)
                .setParameter("pending", OrderTimerEntity.State.PENDING).getResultList();
    }

    @Override
    public OrderRequest requestCancellation(Caller caller, String orderId, String reason, Money refund) {
        String why = requestReason(reason);
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = visible(em, caller, orderId);
            requireParty(caller, order, "Either side of the order asks to cancel it; an administrator cancels directly");
            requireNotDisputed(order);
            if (order.state().status() != OrderStatus.PROCESSING) {
                throw ConflictException.typed(OrderProblems.WRONG_STATE, "Order " + orderId + " is " + order.state()
                        + ": only a paid order that is not closed can be cancelled by agreement"
                        + (order.state().status() == OrderStatus.PENDING ? " (the client may withdraw an unpaid order)" : ""));
            }
            Money back = refund == null ? order.total() : refund;
            checkRefund(back, order.total());
            requireNoneOpen(em, order, RequestKind.CANCELLATION);
            Instant now = clock.instant();
            CancellationRules.checkMayAsk(earlierCancellations(em, order.id(), caller.userId()), now, limits);
            OrderRequestEntity request = OrderRequestEntity.cancellation(UUID.randomUUID().toString(), order.id(),
                    caller.userId(), why, back, now, now.plus(windows.cancellationAnswer()));
            em.persist(request);
            em.persist(order.note(now, caller.userId(), clip("cancellation requested, refund " + back.toDecimalString() + " "
                    + back.currency() + ": " + why)));
            em.persist(new OrderTimerEntity(UUID.randomUUID().toString(), order.id(), DeadlineKind.CANCELLATION_ANSWER,
                    request.answerBy(), now));
            em.flush();
            announceRequest(order, request, caller.userId());
            return request.toRequest();
        }));
    }

    @Override
    public AgreedCancellation acceptCancellation(Caller caller, String orderId, String note) {
        checkNote(note);
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = visible(em, caller, orderId);
            OrderRequestEntity request = requireOpen(em, order, RequestKind.CANCELLATION);
            Instant now = clock.instant();
            boolean bySystem = caller.isSystem();
            if (bySystem) {
                if (now.isBefore(request.answerBy())) {
                    throw ConflictException.typed(OrderProblems.WINDOW_CLOSED, "The cancellation request of order "
                            + orderId + " may be answered until " + request.answerBy());
                }
                if (onSilence(order, request) != CancellationRules.OnSilence.ACCEPT) {
                    throw ConflictException.typed(OrderProblems.WINDOW_CLOSED, "Silence does not accept the "
                            + "cancellation request of order " + orderId + ": it gives the silent side less than "
                            + "its default outcome, so it expires");
                }
            } else {
                requireOtherSide(caller, order, request, "cancellation");
            }
            String answer = bySystem ? "not answered within the answer window" : note;
            request.close(RequestStatus.ACCEPTED, caller.userId(), answer, now);
            endTimers(em, order.id(), DeadlineKind.CANCELLATION_ANSWER, now);
            announceRequest(order, request, caller.userId());
            String why = clip("mutual agreement" + (bySystem ? " (accepted automatically: not answered in time)" : "")
                    + ", refund " + request.refund().toDecimalString() + " " + request.refund().currency() + ": "
                    + request.reason());
            OrderEntity cancelled = move(em, order, caller.userId(), Action.CANCEL, CancellationReason.MUTUAL_AGREEMENT, why);
            return new AgreedCancellation(view(em, caller, cancelled), request.toRequest(), request.refund());
        }));
    }

    @Override
    public OrderRequest requestExtension(Caller caller, String orderId, int days, String reason) {
        String why = requestReason(reason);
        if (days < 1 || days > OrderLimits.MAX_EXTENSION_DAYS) {
            throw new ValidationException("days", "must be 1 to " + OrderLimits.MAX_EXTENSION_DAYS);
        }
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = visible(em, caller, orderId);
            if (!caller.userId().equals(order.freelancerId())) {
                throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN, "Only the order's freelancer asks for more days");
            }
            requireNotDisputed(order);
            if (order.state().stage() != OrderStage.IN_PROGRESS) {
                throw ConflictException.typed(OrderProblems.WRONG_STATE, "Order " + orderId + " is " + order.state()
                        + ": more days are asked for while the work is in progress");
            }
            requireNoneOpen(em, order, RequestKind.EXTENSION);
            Instant now = clock.instant();
            OrderRequestEntity request = OrderRequestEntity.extension(UUID.randomUUID().toString(), order.id(),
                    caller.userId(), why, days, now);
            em.persist(request);
            em.persist(order.note(now, caller.userId(), clip("extension of " + days + " day(s) requested: " + why)));
            em.flush();
            announceRequest(order, request, caller.userId());
            return request.toRequest();
        }));
    }

    @Override
    public Order acceptExtension(Caller caller, String orderId, String note) {
        checkNote(note);
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = visible(em, caller, orderId);
            OrderRequestEntity request = requireOpen(em, order, RequestKind.EXTENSION);
            requireOtherSide(caller, order, request, "extension");
            Instant now = clock.instant();
            request.close(RequestStatus.ACCEPTED, caller.userId(), note, now);
            Instant newDue;
            if (order.deliveredAt() == null) {
                order.extendDue(request.days());
                newDue = order.dueAt();
                moveDeadline(em, order.id(), DeadlineKind.DUE, newDue, now);
            } else {
                // Work delivered once is under revision: the revision's own due date moves, never the first one.
                Instant revisionDue = pendingTimers(em, order.id()).stream()
                        .filter(t -> t.kind() == DeadlineKind.REVISION_DUE).map(OrderTimerEntity::dueAt).findFirst()
                        .orElse(now);
                newDue = revisionDue.plusSeconds(86_400L * request.days());
                moveDeadline(em, order.id(), DeadlineKind.REVISION_DUE, newDue, now);
            }
            em.persist(order.note(now, caller.userId(), clip("extension of " + request.days()
                    + " day(s) accepted; due " + newDue + (note == null || note.isBlank() ? "" : ": " + note))));
            em.flush();
            announceRequest(order, request, caller.userId());
            return view(em, caller, order);
        }));
    }

    @Override
    public OrderRequest declineRequest(Caller caller, String orderId, RequestKind kind, String note) {
        checkNote(note);
        requireKind(kind);
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = visible(em, caller, orderId);
            OrderRequestEntity request = requireOpen(em, order, kind);
            requireOtherSide(caller, order, request, kind.name().toLowerCase(Locale.ROOT));
            return close(em, order, request, RequestStatus.DECLINED, caller.userId(), note);
        }));
    }

    @Override
    public OrderRequest withdrawRequest(Caller caller, String orderId, RequestKind kind) {
        requireKind(kind);
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = visible(em, caller, orderId);
            OrderRequestEntity request = requireOpen(em, order, kind);
            if (!caller.userId().equals(request.requestedBy())) {
                throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN,
                        "Only the side that made the request takes it back; the other side answers it");
            }
            return close(em, order, request, RequestStatus.WITHDRAWN, caller.userId(), null);
        }));
    }

    @Override
    public OrderRequest latestRequest(Caller caller, String orderId, RequestKind kind) {
        requireKind(kind);
        return conflictsTranslated(() -> jpa.txExpr(TransactionType.Supports, em -> {
            visible(em, caller, orderId);
            return em.createQuery("SELECT r FROM OrderRequestEntity r WHERE r.orderId = :order AND r.kind = :kind "
                    + "ORDER BY r.requestedAt DESC, r.id DESC", OrderRequestEntity.class).setParameter("order", orderId)
                    .setParameter("kind", kind).setMaxResults(1).getResultList().stream().findFirst()
                    .map(OrderRequestEntity::toRequest).orElseThrow(() -> NotFoundException.typed(OrderProblems.NO_REQUEST,
                            "Order " + orderId + " has no " + kind.name().toLowerCase(Locale.ROOT) + " request"));
        }));
    }

    /** Declines or withdraws an open request: nothing else about the order changes. */
    private OrderRequest close(EntityManager em, OrderEntity order, OrderRequestEntity request, RequestStatus to,
            String actor, String note) {
        Instant now = clock.instant();
        request.close(to, actor, note, now);
        if (request.kind() == RequestKind.CANCELLATION) {
            endTimers(em, order.id(), DeadlineKind.CANCELLATION_ANSWER, now);
        }
        em.persist(order.note(now, actor, clip(request.kind().name().toLowerCase(Locale.ROOT) + " request "
                + to.name().toLowerCase(Locale.ROOT) + (note == null || note.isBlank() ? "" : ": " + note))));
        em.flush();
        announceRequest(order, request, actor);
        return request.toRequest();
    }

    /** A deadline moves with its date; if it fired already (the work was late), it is set again. */
    private static void moveDeadline(EntityManager em, String orderId, DeadlineKind kind, Instant at, Instant now) {
        OrderTimerEntity due = pendingTimers(em, orderId).stream().filter(t -> t.kind() == kind).findFirst().orElse(null);
        if (due != null) {
            due.moveTo(at);
        } else {
            em.persist(new OrderTimerEntity(UUID.randomUUID().toString(), orderId, kind, at, now));
        }
    }

    static void requireNotDisputed(OrderEntity order) {
        if (order.disputed()) {
            throw ConflictException.typed(OrderProblems.DISPUTED, "Order " + order.id() + " is disputed: nothing "
                    + "moves until an administrator decides (dispute " + order.openDispute() + ")");
        }
    }

    static void endTimers(EntityManager em, String orderId, DeadlineKind kind, Instant now) {
        pendingTimers(em, orderId).stream().filter(t -> t.kind() == kind).forEach(t -> t.cancelled(now));
    }

    static String requestReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "say why");
        }
        if (reason.length() > MAX_NOTE) {
            throw new ValidationException("reason", "must be at most " + MAX_NOTE + " characters");
        }
        return reason.trim();
    }

    private static void requireKind(RequestKind kind) {
        if (kind == null) {
            throw new ValidationException("kind", "is required: CANCELLATION or EXTENSION");
        }
    }

    static void checkRefund(Money refund, Money total) {
        if (!refund.currency().equals(total.currency())) {
            throw new ValidationException("refund.currency", "must be the order's currency, " + total.currency());
        }
        if (refund.minor() > total.minor()) {
            throw new ValidationException("refund.amount", "must be at most the order total, " + total.toDecimalString()
                    + " " + total.currency());
        }
    }

    static void requireParty(Caller caller, OrderEntity order, String message) {
        if (!order.isParticipant(caller.userId())) {
            throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN, message);
        }
    }

    private static void requireOtherSide(Caller caller, OrderEntity order, OrderRequestEntity request, String what) {
        if (caller.userId().equals(request.requestedBy())) {
            throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN, "The other side answers the " + what
                    + " request; the side that made it may withdraw it");
        }
        if (!order.isParticipant(caller.userId())) {
            throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN, "Only the other side of the order answers the "
                    + what + " request");
        }
    }

    private static void requireNoneOpen(EntityManager em, OrderEntity order, RequestKind kind) {
        if (openRequest(em, order.id(), kind) != null) {
            throw ConflictException.typed(OrderProblems.REQUEST_ALREADY_OPEN, "Order " + order.id() + " has an open "
                    + kind.name().toLowerCase(Locale.ROOT) + " request already; it is answered or withdrawn first");
        }
    }

    private static OrderRequestEntity requireOpen(EntityManager em, OrderEntity order, RequestKind kind) {
        OrderRequestEntity request = openRequest(em, order.id(), kind);
        if (request == null) {
            throw ConflictException.typed(OrderProblems.NO_OPEN_REQUEST, "Order " + order.id() + " has no open "
                    + kind.name().toLowerCase(Locale.ROOT) + " request");
        }
        return request;
    }

    static String clip(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }

    @Override
    public List<Deadline> upcomingDeadlines(int limit) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT t FROM OrderTimerEntity t WHERE t.state = :pending ORDER BY t.dueAt", OrderTimerEntity.class)
                .setParameter("pending", OrderTimerEntity.State.PENDING)
                .setMaxResults(Math.max(1, Math.min(limit, 500))).getResultList().stream()
                .map(OrderTimerEntity::toDeadline).toList());
    }

    @Override
    public int fireDueDeadlines(int limit) {
        Instant now = clock.instant();
        List<String> due = jpa.txExpr(TransactionType.Supports, em -> DueRows.pendingIds(em, "order_timer", now, limit));
        int fired = 0;
        for (String id : due) {
            try {
                if (jpa.txExpr(TransactionType.Required, em -> fire(em, em.find(OrderTimerEntity.class, id), now))
                        || fireByHandler(id, now)) {
                    fired++;
                }
            } catch (RuntimeException e) {
                if (Conflicts.isConflict(e)) {
                    LOG.debug("Deadline {} was fired or moved by another node or request first", id);
                } else {
                    LOG.warn("Deadline {} could not fire: {}", id, e.toString());
                }
            }
        }
        return fired;
    }

    /**
     * A deadline another bundle moves: claimed for a while (its version makes a second claim fail), handed
     * to its handler outside any transaction, and marked fired once the handler returns.
     */
    private boolean fireByHandler(String id, Instant now) {
        Deadline claimed = jpa.txExpr(TransactionType.Required, em -> {
            OrderTimerEntity timer = em.find(OrderTimerEntity.class, id);
            if (timer == null || !timer.dueAt(now) || Deadlines.firedHere(timer.kind()) || handlers.isEmpty()) {
                return null;
            }
            Deadline deadline = timer.toDeadline();
            timer.claimUntil(now.plus(HANDLER_CLAIM));
            em.flush();
            return deadline;
        });
        if (claimed == null || !handle(claimed)) {
            return false; // no handler deployed: the claim runs out and the deadline is taken again later
        }
        jpa.tx(TransactionType.Required, em -> {
            OrderTimerEntity timer = em.find(OrderTimerEntity.class, id);
            if (!timer.pending()) {
                return; // ended by the move the handler made (or by another change meanwhile)
            }
            if (timer.kind() == DeadlineKind.CANCELLATION_ANSWER && openRequest(em, timer.orderId(), RequestKind.CANCELLATION) != null) {
                // The handler found nothing to accept (the order moved on meanwhile): due again now, so that
                // the request expires rather than stays open with no deadline.
                timer.moveTo(clock.instant());
            } else {
                timer.fired(clock.instant());
            }
        });
        return true;
    }

    /** Fires one deadline the order bundle moves alone, in the caller's transaction; its version makes a second firing fail. */
    private boolean fire(EntityManager em, OrderTimerEntity timer, Instant now) {
        if (timer == null || !timer.dueAt(now)) {
            return false;
        }
        boolean here = Deadlines.firedHere(timer.kind());
        if (!here && timer.kind() != DeadlineKind.CANCELLATION_ANSWER) {
            return false;
        }
        OrderEntity order = em.find(OrderEntity.class, timer.orderId());
        if (order == null || !Deadlines.watches(timer.kind(), order.state()) || order.disputed()) {
            // An order that moved on, or is disputed: its timers stop until an administrator decides.
            timer.cancelled(now);
            return false;
        }
        switch (timer.kind()) {
            case CANCELLATION_ANSWER -> {
                OrderRequestEntity asked = openRequest(em, order.id(), RequestKind.CANCELLATION);
                if (asked == null) {
                    timer.cancelled(now);
                    return false;
                }
                if (onSilence(order, asked) == CancellationRules.OnSilence.ACCEPT) {
                    return false; // money moves: the payment bundle's handler accepts it
                }
                expire(em, order, asked, now);
            }
            case AUTO_COMPLETE -> {
                OrderRequestEntity asked = openRequest(em, order.id(), RequestKind.CANCELLATION);
                if (asked != null && onSilence(order, asked) == CancellationRules.OnSilence.ACCEPT) {
                    // The client was told silence accepts this offer: it is settled first, however long that takes.
                    Instant after = asked.answerBy().plusSeconds(1);
                    timer.moveTo(after.isAfter(now) ? after : now.plus(Duration.ofMinutes(1)));
                    em.flush();
                    return false;
                }
                if (asked != null && timer.mayPostpone() && asked.answerBy().isAfter(now)) {
                    // Completing would release the money the request is about: wait for its answer, once per delivery.
                    timer.postpone(asked.answerBy().plusSeconds(1));
                    em.flush();
                    return false;
                }
                move(em, order, Caller.SYSTEM.userId(), Action.COMPLETE, null,
                        "completed automatically: the client did not answer the delivery within the review window");
            }
            case DUE, REVISION_DUE -> {
                if (order.state().stage() == OrderStage.IN_PROGRESS) {
                    announceLate(order, timer.kind(), timer.dueAt());
                }
            }
            default -> throw new IllegalStateException(timer.kind() + " is fired by its handler");
        }
        timer.fired(now);
        em.flush();
        return true;
    }

    private void authorize(Caller caller, OrderEntity order, Action action, CancellationReason reason) {
        if (order.disputed() && !caller.isAdmin() && action != Action.COMPLETE) {
            requireNotDisputed(order); // a client may still accept the delivery, which ends the dispute
        }
        boolean late = Deadlines.lateCancellable(order.state(), order.dueAt(), order.deliveredAt(), clock.instant(), windows);
        if (action == Action.CANCEL && reason == CancellationReason.LATE_DELIVERY && !caller.isAdmin()
                && caller.userId().equals(order.clientId()) && order.state().stage() == OrderStage.IN_PROGRESS && !late) {
            throw ConflictException.typed(OrderProblems.WINDOW_CLOSED, order.deliveredAt() != null
                    ? "The work was delivered on " + order.deliveredAt() + ": it is not late, whatever a revision asks "
                            + "since; if a revision is not done in time, open a dispute"
                    : "The client may cancel undelivered work alone from its due date plus the late grace"
                            + (order.dueAt() == null ? "" : ", " + order.dueAt().plus(windows.lateGrace())));
        }
        boolean allowed = switch (action) {
            case CONFIRM_PAYMENT -> caller.isAdmin();
            case CANCEL -> caller.isAdmin() || (reason == CancellationReason.CLIENT_WITHDREW && caller.userId().equals(order.clientId()))
                    || (reason == CancellationReason.LATE_DELIVERY && caller.userId().equals(order.clientId()) && late)
                    || (reason == CancellationReason.FREELANCER_DECLINED && caller.userId().equals(order.freelancerId()));
            case ACCEPT, DELIVER -> caller.userId().equals(order.freelancerId());
            case REQUEST_REVISION, COMPLETE -> caller.userId().equals(order.clientId());
            case DECIDE_COMPLETE, RESUME -> caller.isAdmin();
        };
        if (!allowed) {
            throw new ForbiddenException(switch (action) {
                case ACCEPT, DELIVER -> "Only the order's freelancer may do this";
                case REQUEST_REVISION, COMPLETE -> "Only the order's client may do this";
                case CANCEL -> "Only an administrator cancels for " + reason
                        + "; the client may withdraw before paying or cancel work undelivered past its due date and the "
                        + "late grace, the freelancer decline before accepting";
                default -> "Only the platform may do this";
            });
        }
    }

    static OrderEntity visible(EntityManager em, Caller caller, String orderId) {
        OrderEntity order = orderId == null ? null : em.find(OrderEntity.class, orderId);
        if (order == null || !(caller.isAdmin() || order.isParticipant(caller.userId()))) {
            throw new NotFoundException("No order " + orderId);
        }
        return order;
    }

    /**
     * A cancellation request the other side left unanswered, whose terms silence does not accept: it expires,
     * nothing else changes, and both sides hear of it.
     */
    private void expire(EntityManager em, OrderEntity order, OrderRequestEntity request, Instant now) {
        request.close(RequestStatus.EXPIRED, Caller.SYSTEM.userId(), "not answered in time; silence does not accept "
                + "a request that gives the silent side less than its default outcome", now);
        em.persist(order.note(now, Caller.SYSTEM.userId(), "cancellation request expired unanswered: the order goes on"));
        em.flush();
        announceRequest(order, request, Caller.SYSTEM.userId());
    }

    /** Both sides hear, once, that the work is late: the deadline fires once. */
    private void announceLate(OrderEntity order, DeadlineKind kind, Instant dueAt) {
        Map<String, Object> props = new HashMap<>();
        props.put(OrderTopics.ORDER_ID, order.id());
        props.put(OrderTopics.CLIENT_ID, order.clientId());
        props.put(OrderTopics.FREELANCER_ID, order.freelancerId());
        props.put(OrderTopics.GIG_TITLE, order.gigTitle());
        props.put(OrderTopics.DUE_AT, dueAt.toString());
        props.put(OrderTopics.DEADLINE, kind.name());
        Event posted = new Event(OrderTopics.LATE, props);
        outbox.record(posted.getTopic(), properties(posted));
        afterCommit.run(() -> events.postEvent(posted));
    }

    /** A request was made or answered: the other side hears of it. */
    void announceRequest(OrderEntity order, OrderRequestEntity request, String actor) {
        OrderRequest r = request.toRequest();
        Map<String, Object> props = new HashMap<>();
        props.put(OrderTopics.ORDER_ID, order.id());
        props.put(OrderTopics.CLIENT_ID, order.clientId());
        props.put(OrderTopics.FREELANCER_ID, order.freelancerId());
        props.put(OrderTopics.GIG_TITLE, order.gigTitle());
        props.put(OrderTopics.REQUEST_ID, r.id());
        props.put(OrderTopics.REQUEST_KIND, r.kind().name());
        props.put(OrderTopics.REQUEST_STATUS, r.status().name());
        props.put(OrderTopics.REQUESTED_BY, r.requestedBy());
        props.put(OrderTopics.ACTOR, actor);
        props.put(OrderTopics.REASON, r.reason());
        if (r.refund() != null) {
            props.put(OrderTopics.REFUND, r.refund().toDecimalString() + " " + r.refund().currency());
        }
        if (r.isOpen() && r.kind() == RequestKind.CANCELLATION) {
            props.put(OrderTopics.ANSWER_BY, r.answerBy().toString());
            props.put(OrderTopics.ON_SILENCE, onSilence(order, request).name());
        }
        Event posted = new Event(OrderTopics.REQUEST_CHANGED, props);
        outbox.record(posted.getTopic(), properties(posted));
        afterCommit.run(() -> events.postEvent(posted));
    }

    private void announce(OrderEntity order, OrderEvent event) {
        Map<String, Object> props = new HashMap<>();
        props.put(OrderTopics.ORDER_ID, order.id());
        props.put(OrderTopics.SEQUENCE, event.sequence());
        props.put(OrderTopics.CLIENT_ID, order.clientId());
        props.put(OrderTopics.FREELANCER_ID, order.freelancerId());
        props.put(OrderTopics.GIG_TITLE, order.gigTitle());
        props.put(OrderTopics.FROM_STATUS, event.fromStatus() == null ? "" : event.fromStatus().name());
        props.put(OrderTopics.TO_STATUS, event.toStatus().name());
        props.put(OrderTopics.TO_STAGE, event.toStage() == null ? "" : event.toStage().name());
        props.put(OrderTopics.ACTOR, event.actor());
        props.put(OrderTopics.REASON, event.reason() == null ? "" : event.reason());
        Event posted = new Event(OrderTopics.STATUS_CHANGED, props);
        outbox.record(posted.getTopic(), properties(posted));
        afterCommit.run(() -> events.postEvent(posted));
    }

    /** Posts an event of the order after commit, its notifications recorded in the same transaction. */
    void post(Event posted) {
        outbox.record(posted.getTopic(), properties(posted));
        afterCommit.run(() -> events.postEvent(posted));
    }

    private static Map<String, Object> properties(Event event) {
        Map<String, Object> out = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            if (!org.osgi.service.event.EventConstants.EVENT_TOPIC.equals(name)) {
                out.put(name, event.getProperty(name));
            }
        }
        return out;
    }

    static <T> T conflictsTranslated(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was changed by another request at the same time; reload and retry");
        }
    }

    // Disputes: see DisputeDesk.

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
        return disputes.resolve(caller, disputeId, decision, refund, dueAt, note);
    }
}
