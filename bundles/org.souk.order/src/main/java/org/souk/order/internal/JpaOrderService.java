package org.souk.order.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.Deadline;
import org.souk.order.api.DeadlineHandler;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderEvent;
import org.souk.order.api.OrderLimits;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderSummary;
import org.souk.order.api.OrderTopics;
import org.souk.order.api.PlaceOrder;
import org.souk.order.internal.OrderStateMachine.Action;
import org.souk.order.internal.OrderStateMachine.State;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.Conflicts;
import org.souk.persistence.SchemaMigrator;

/**
 * Orders in the {@code orders}, {@code order_event} and {@code order_timer} tables. Time comes from the
 * highest-ranked {@link Clock} service if there is one (tests move it), else from the system clock.
 */
@Component(configurationPid = "org.souk.order.lifecycle")
@Designate(ocd = LifecycleConfig.class)
public class JpaOrderService implements OrderService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaOrderService.class);

    static final int MAX_REQUIREMENTS = OrderLimits.MAX_REQUIREMENTS;
    static final int MAX_NOTE = OrderLimits.MAX_NOTE;
    /** order_event.reason holds 1000 characters: a note of at most {@link #MAX_NOTE} plus the words around it. */
    static final int MAX_REASON = 1000;

    private final JpaTemplate jpa;
    private final GigCatalog catalog;
    private final EventAdmin events;
    private final AfterCommit afterCommit;
    private final Clock systemClock;
    private volatile Clock clock;
    private volatile Deadlines.Windows windows;
    private final List<ServiceReference<DeadlineHandler>> handlers = new CopyOnWriteArrayList<>();
    private final BundleContext context;
    /** How long a handler has to make its move before the deadline may be taken again. */
    private static final Duration HANDLER_CLAIM = Duration.ofMinutes(5);

    @Activate
    public JpaOrderService(@Reference(target = "(osgi.unit.name=souk-order)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource,
            @Reference GigCatalog catalog, @Reference EventAdmin events, @Reference TransactionManager transactions,
            LifecycleConfig config, BundleContext context) {
        this(jpa, dataSource, catalog, events, new AfterCommit(transactions), Clock.systemUTC(), Deadlines.Windows.of(config),
                context);
    }

    JpaOrderService(JpaTemplate jpa, DataSource dataSource, GigCatalog catalog, EventAdmin events,
            AfterCommit afterCommit, Clock clock, Deadlines.Windows windows, BundleContext context) {
        this.context = context;
        new SchemaMigrator(dataSource, "order", JpaOrderService.class.getClassLoader()).migrate();
        this.jpa = jpa;
        this.catalog = catalog;
        this.events = events;
        this.afterCommit = afterCommit;
        this.systemClock = clock;
        this.clock = clock;
        this.windows = windows;
    }

    @Modified
    void modified(LifecycleConfig config) {
        windows = Deadlines.Windows.of(config);
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
            return new Page<>(items, offset, limit, count.getSingleResult());
        });
    }

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
    private OrderEntity move(EntityManager em, OrderEntity order, String actor, Action action, CancellationReason reason,
            String why) {
        State to = OrderStateMachine.next(order.state(), action, reason, order.revisionsUsed(), order.revisionsAllowed());
        var now = clock.instant();
        switch (action) {
            case ACCEPT -> order.accepted(now);
            case REQUEST_REVISION -> order.revisionRequested();
            case CANCEL -> order.cancelledFor(reason);
            default -> { }
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
        em.flush();
        announce(order, event.toEvent());
        return order;
    }

    /** The order as the caller sees it: what it may do now, and the deadlines still ahead. */
    private Order view(EntityManager em, Caller caller, OrderEntity order) {
        AllowedActions.Party party = caller.isAdmin() ? AllowedActions.Party.ADMIN
                : caller.userId().equals(order.clientId()) ? AllowedActions.Party.CLIENT
                : caller.userId().equals(order.freelancerId()) ? AllowedActions.Party.FREELANCER
                : AllowedActions.Party.OTHER;
        Map<DeadlineKind, Instant> deadlines = new HashMap<>();
        for (OrderTimerEntity timer : pendingTimers(em, order.id())) {
            deadlines.put(timer.kind(), timer.dueAt());
        }
        boolean late = Deadlines.lateCancellable(order.state(), order.dueAt(), clock.instant(), windows);
        return order.toOrder(AllowedActions.of(order.state(), party, order.revisionsUsed(), order.revisionsAllowed(), late),
                deadlines);
    }

    private static List<OrderTimerEntity> pendingTimers(EntityManager em, String orderId) {
        return em.createQuery("SELECT t FROM OrderTimerEntity t WHERE t.orderId = :order AND t.state = :pending",
                OrderTimerEntity.class).setParameter("order", orderId)
                .setParameter("pending", OrderTimerEntity.State.PENDING).getResultList();
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
        // A native query: the instant converter does not apply to JPQL parameters.
        List<String> due = jpa.txExpr(TransactionType.Supports, em -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery(
                    "SELECT id FROM order_timer WHERE state = 'PENDING' AND due_at <= ? ORDER BY due_at")
                    .setParameter(1, Timestamp.from(now)).setMaxResults(Math.max(1, Math.min(limit, 500)))
                    .getResultList();
            return ids.stream().map(String::valueOf).toList();
        });
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
        jpa.tx(TransactionType.Required, em -> em.find(OrderTimerEntity.class, id).fired(clock.instant()));
        return true;
    }

    /** Fires one deadline the order bundle moves alone, in the caller's transaction; its version makes a second firing fail. */
    private boolean fire(EntityManager em, OrderTimerEntity timer, Instant now) {
        if (timer == null || !timer.dueAt(now) || !Deadlines.firedHere(timer.kind())) {
            return false;
        }
        OrderEntity order = em.find(OrderEntity.class, timer.orderId());
        if (order == null || !Deadlines.watches(timer.kind(), order.state())) {
            timer.cancelled(now);
            return false;
        }
        switch (timer.kind()) {
            case AUTO_COMPLETE -> move(em, order, Caller.SYSTEM.userId(), Action.COMPLETE, null,
                    "completed automatically: the client did not answer the delivery within the review window");
            case DUE -> {
                if (order.state().stage() == OrderStage.IN_PROGRESS) {
                    announceLate(order);
                }
            }
            default -> throw new IllegalStateException(timer.kind() + " is fired by its handler");
        }
        timer.fired(now);
        em.flush();
        return true;
    }

    private void authorize(Caller caller, OrderEntity order, Action action, CancellationReason reason) {
        boolean allowed = switch (action) {
            case CONFIRM_PAYMENT -> caller.isAdmin();
            case CANCEL -> caller.isAdmin() || (reason == CancellationReason.CLIENT_WITHDREW && caller.userId().equals(order.clientId()))
                    || (reason == CancellationReason.LATE_DELIVERY && caller.userId().equals(order.clientId())
                            && Deadlines.lateCancellable(order.state(), order.dueAt(), clock.instant(), windows))
                    || (reason == CancellationReason.FREELANCER_DECLINED && caller.userId().equals(order.freelancerId()));
            case ACCEPT, DELIVER -> caller.userId().equals(order.freelancerId());
            case REQUEST_REVISION, COMPLETE -> caller.userId().equals(order.clientId());
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

    private static OrderEntity visible(EntityManager em, Caller caller, String orderId) {
        OrderEntity order = orderId == null ? null : em.find(OrderEntity.class, orderId);
        if (order == null || !(caller.isAdmin() || order.isParticipant(caller.userId()))) {
            throw new NotFoundException("No order " + orderId);
        }
        return order;
    }

    /** Both sides hear, once, that the work is late: the deadline fires once. */
    private void announceLate(OrderEntity order) {
        Map<String, Object> props = new HashMap<>();
        props.put(OrderTopics.ORDER_ID, order.id());
        props.put(OrderTopics.CLIENT_ID, order.clientId());
        props.put(OrderTopics.FREELANCER_ID, order.freelancerId());
        props.put(OrderTopics.GIG_TITLE, order.gigTitle());
        props.put(OrderTopics.DUE_AT, order.dueAt().toString());
        Event posted = new Event(OrderTopics.LATE, props);
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
        afterCommit.run(() -> events.postEvent(posted));
    }

    private static <T> T conflictsTranslated(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was changed by another request at the same time; reload and retry");
        }
    }

}
