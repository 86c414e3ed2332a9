package org.souk.order.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.souk.common.api.ConflictException;
import org.souk.common.api.Money;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.RequestStatus;

/**
 * What a mutual cancellation request may do, whoever is silent or insistent. Pure rules, unit-tested without
 * a database. The principle: silence and timers only move an order toward the outcome the silent side would
 * get anyway; anything else needs the other side's yes or an administrator's decision.
 */
final class CancellationRules {

    /** What the other side's silence does to an open cancellation request once its answer window ends. */
    enum OnSilence { ACCEPT, EXPIRE }

    /** How often one side of an order may ask to cancel it. */
    record Limits(Duration cooldown, int maxRequests) {
        static final Limits DEFAULT = new Limits(Duration.ofDays(2), 2);
    }

    /** One earlier cancellation request of the same side of the same order. */
    record Earlier(RequestStatus status, Instant closedAt) {
    }

    private CancellationRules() {
    }

    /**
     * Silence accepts a request only when it gives the silent side at least its default outcome: a
     * freelancer offering the client the whole total back (the client could not get more), or a client
     * asking for the whole total back while nothing was ever delivered (the freelancer's silence then says
     * the work is not being done). Any other request expires unanswered: nothing changes.
     */
    static OnSilence onSilence(boolean askedByClient, Money refund, Money total, boolean everDelivered) {
        boolean whole = refund != null && refund.minor() >= total.minor();
        if (!askedByClient) {
            return whole ? OnSilence.ACCEPT : OnSilence.EXPIRE;
        }
        return whole && !everDelivered ? OnSilence.ACCEPT : OnSilence.EXPIRE;
    }

    /** What the other side's silence will do to this open cancellation request, as the order stands now. */
    static OnSilence onSilence(OrderEntity order, OrderRequestEntity request) {
        return onSilence(request.requestedBy().equals(order.clientId()), request.refund(), order.total(),
                order.deliveredAt() != null);
    }

    /**
     * Refuses a new cancellation request of a side that asked too often: at most {@code maxRequests} per side
     * and order, and after a declined or expired one, not before the cooldown has passed.
     *
     * @throws ConflictException ({@link OrderProblems#REQUEST_LIMIT}, {@link OrderProblems#REQUEST_COOLDOWN})
     */
    static void checkMayAsk(List<Earlier> earlier, Instant now, Limits limits) {
        if (earlier.size() >= limits.maxRequests()) {
            throw ConflictException.typed(OrderProblems.REQUEST_LIMIT, "You made " + earlier.size()
                    + " cancellation request(s) on this order, as many as one side may; open a dispute if you "
                    + "cannot agree");
        }
        Instant again = mayAskAgainAt(earlier, limits);
        if (again != null && now.isBefore(again)) {
            throw ConflictException.typed(OrderProblems.REQUEST_COOLDOWN, "Your last cancellation request on this "
                    + "order was declined or expired; you may ask again from " + again);
        }
    }

    /** Whether a side may ask now, for the actions a frontend shows. */
    static boolean mayAsk(List<Earlier> earlier, Instant now, Limits limits) {
        if (earlier.size() >= limits.maxRequests()) {
            return false;
        }
        Instant again = mayAskAgainAt(earlier, limits);
        return again == null || !now.isBefore(again);
    }

    /** The end of the cooldown after the side's latest declined or expired request, or null if none. */
    private static Instant mayAskAgainAt(List<Earlier> earlier, Limits limits) {
        return earlier.stream()
                .filter(r -> (r.status() == RequestStatus.DECLINED || r.status() == RequestStatus.EXPIRED)
                        && r.closedAt() != null)
                .map(Earlier::closedAt).max(Comparator.naturalOrder())
                .map(closed -> closed.plus(limits.cooldown())).orElse(null);
    }
}
