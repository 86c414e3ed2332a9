package org.souk.order.internal;

import static org.souk.testing.Fakes.proxy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.aries.jpa.template.TransactionType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.souk.catalog.api.Gig;
import org.souk.catalog.api.GigCatalog;
import org.souk.catalog.api.GigPackage;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.common.api.Role;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.Deadline;
import org.souk.order.api.DeadlineHandler;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.PlaceOrder;
import org.souk.order.api.RequestKind;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.testing.DerbyJpa;
import org.souk.persistence.testing.MovableClock;

/**
 * The order desks on the order unit over an in-memory Derby, wired as {@link JpaOrderService} wires them, with
 * the catalog, the ledger, Event Admin and the notification outbox played by fakes that keep what they were
 * told. What the desks decide is read back through the desks' own views.
 */
final class OrdersOnDerby implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    static final Money TOTAL = new Money(25_000, "MAD");
    static final Caller CLIENT = new Caller("amina", Role.CLIENT);
    static final Caller FREELANCER = new Caller("youssef", Role.FREELANCER);
    static final Caller ADMIN = new Caller("nadia", Role.ADMIN);
    static final Caller STRANGER = new Caller("salma", Role.CLIENT);
    /** Three delivery days and one revision, for 250.00 MAD. */
    static final Gig GIG = new Gig("gig-1", FREELANCER.userId(), "A menu design", "Menus for cafés",
            List.of(new GigPackage(Tier.BASIC, "Basic", "One menu", TOTAL, 3, 1, List.of("menu.pdf"))), T0, T0);

    final DerbyJpa jpa = new DerbyJpa("souk-order", "order-" + UUID.randomUUID());
    final MovableClock clock = new MovableClock(T0);
    final Deadlines.Windows windows = Deadlines.Windows.DEFAULT;
    final CancellationRules.Limits limits = CancellationRules.Limits.DEFAULT;
    /** Every event posted after commit (here: at once, there is no JTA transaction). */
    final List<Event> posted = new CopyOnWriteArrayList<>();
    /** The topics recorded in the notification outbox, in the change's transaction. */
    final List<String> recorded = new CopyOnWriteArrayList<>();
    /** The orders whose escrow the ledger was asked to release. */
    final List<String> released = new CopyOnWriteArrayList<>();
    /** The deadlines handed to a handler, as the payment bundle's would get them. */
    final List<Deadline> handed = new CopyOnWriteArrayList<>();

    final DeadlineHandlers handlers;
    final OrderViews views;
    final OrderHistory history;
    final PlacementDesk placement;
    final TransitionDesk transitions;
    final RequestDesk requests;
    final DeadlineDesk deadlines;
    final DisputeDesk disputes;

    OrdersOnDerby() {
        new OrderSchema(jpa.dataSource);
        GigCatalog catalog = proxy(GigCatalog.class, (m, args) -> switch (m.getName()) {
            case "find" -> Optional.ofNullable(GIG.id().equals(args[0]) ? GIG : null);
            default -> throw new UnsupportedOperationException(m.getName());
        });
        LedgerService ledger = proxy(LedgerService.class, (m, args) -> switch (m.getName()) {
            case "orderCompleted" -> {
                released.add((String) args[0]);
                yield Optional.empty();
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
        EventAdmin events = proxy(EventAdmin.class, (m, args) -> {
            posted.add((Event) args[0]);
            return null;
        });
        javax.transaction.TransactionManager noJta = proxy(javax.transaction.TransactionManager.class, (m, args) -> null);
        OrderAnnouncements announcements = new OrderAnnouncements(events, new AfterCommit(noJta),
                () -> (topic, properties) -> recorded.add(topic));
        handlers = new DeadlineHandlers(proxy(BundleContext.class, (m, args) -> switch (m.getName()) {
            case "getService" -> silenceAccepts();
            case "ungetService" -> true;
            default -> throw new UnsupportedOperationException(m.getName());
        }));
        views = new OrderViews(jpa, clock, () -> windows, () -> limits);
        history = new OrderHistory(jpa);
        placement = new PlacementDesk(jpa, catalog, clock, () -> windows, announcements, views);
        transitions = new TransitionDesk(jpa, ledger, clock, () -> windows, announcements, views);
        requests = new RequestDesk(jpa, clock, () -> windows, () -> limits, announcements, views, transitions);
        deadlines = new DeadlineDesk(jpa, clock, handlers, announcements, transitions, requests);
        disputes = new DisputeDesk(jpa, clock, announcements, transitions);
    }

    /** Deploys a handler of the cancellation answer deadline that accepts, as the payment bundle's does (with its refund). */
    @SuppressWarnings("unchecked")
    void deployCancellationHandler() {
        handlers.add(proxy(ServiceReference.class, (m, args) -> null));
    }

    private DeadlineHandler silenceAccepts() {
        return new DeadlineHandler() {
            @Override
            public Set<DeadlineKind> kinds() {
                return Set.of(DeadlineKind.CANCELLATION_ANSWER);
            }

            @Override
            public void fire(Deadline deadline) {
                handed.add(deadline);
                requests.acceptCancellation(Caller.SYSTEM, deadline.orderId(), null);
            }
        };
    }

    /** A new order of {@link #GIG}, unpaid. */
    String placed() {
        return placement.place(CLIENT, new PlaceOrder(GIG.id(), Tier.BASIC, "A menu for a café, in French")).id();
    }

    /** A paid order awaiting the freelancer's acceptance. */
    String paid() {
        String id = placed();
        transitions.confirmPayment(id, "pay-" + id);
        return id;
    }

    /** A paid order the freelancer is working on. */
    String working() {
        String id = paid();
        transitions.accept(FREELANCER, id);
        return id;
    }

    /** A paid order delivered once. */
    String delivered() {
        String id = working();
        transitions.deliver(FREELANCER, id, "done");
        return id;
    }

    Order order(Caller caller, String orderId) {
        return views.get(caller, orderId);
    }

    OrderRequest latest(String orderId, RequestKind kind) {
        return views.latestRequest(ADMIN, orderId, kind);
    }

    /** Moves the clock and fires what fell due, as the deadline poller does. */
    int after(Duration wait) {
        clock.advance(wait);
        return deadlines.fireDue(100);
    }

    /** The topics posted about one order, oldest first. */
    List<String> topicsOf(String orderId) {
        List<String> topics = new ArrayList<>();
        for (Event e : posted) {
            if (orderId.equals(e.getProperty("orderId"))) {
                topics.add(e.getTopic());
            }
        }
        return topics;
    }

    /** The properties of the last event posted on this topic about one order. */
    Event lastPosted(String orderId, String topic) {
        Event last = null;
        for (Event e : posted) {
            if (topic.equals(e.getTopic()) && orderId.equals(e.getProperty("orderId"))) {
                last = e;
            }
        }
        return last;
    }

    long count(String entity) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery("SELECT COUNT(x) FROM " + entity + " x",
                Long.class).getSingleResult());
    }

    @Override
    public void close() {
        jpa.close();
    }
}
