package org.souk.order.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.souk.catalog.api.Gig;
import org.souk.catalog.api.GigCatalog;
import org.souk.catalog.api.GigPackage;
import org.souk.common.api.Caller;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.PlaceOrder;
import org.souk.order.internal.OrderStateMachine.State;

/**
 * Places orders: checks what the client asks for against the catalog, snapshots the package, and records the
 * order, its first timeline row and its payment deadline in one transaction.
 */
final class PlacementDesk {

    private final JpaTemplate jpa;
    private final GigCatalog catalog;
    private final Clock clock;
    private final Supplier<Deadlines.Windows> windows;
    private final OrderAnnouncements announcements;
    private final OrderViews views;

    PlacementDesk(JpaTemplate jpa, GigCatalog catalog, Clock clock, Supplier<Deadlines.Windows> windows,
            OrderAnnouncements announcements, OrderViews views) {
        this.jpa = jpa;
        this.catalog = catalog;
        this.clock = clock;
        this.windows = windows;
        this.announcements = announcements;
        this.views = views;
    }

    Order place(Caller caller, PlaceOrder request) {
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
        } else if (requirements.length() > OrderNotes.MAX_REQUIREMENTS) {
            errors.add("requirements", "must be at most " + OrderNotes.MAX_REQUIREMENTS + " characters");
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
            List<OrderTimerEntity> timers = new ArrayList<>();
            for (DeadlineKind kind : Deadlines.startedByPlacing()) {
                OrderTimerEntity timer = new OrderTimerEntity(UUID.randomUUID().toString(), order.id(), kind,
                        Deadlines.dueAt(kind, now, windows.get(), null), now);
                em.persist(timer);
                timers.add(timer);
            }
            announcements.statusChanged(order, placed.toEvent());
            // A new order has no requests, and its only deadlines are those just started.
            return views.view(em, caller, order, new OrderRows.Pending(timers, List.of()));
        });
    }
}
