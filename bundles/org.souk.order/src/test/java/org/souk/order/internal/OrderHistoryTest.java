package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.souk.order.internal.OrdersOnDerby.ADMIN;
import static org.souk.order.internal.OrdersOnDerby.CLIENT;
import static org.souk.order.internal.OrdersOnDerby.FREELANCER;
import static org.souk.order.internal.OrdersOnDerby.STRANGER;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.order.api.OrderChange;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.order.api.PlaceOrder;

/** History lists on Derby: newest first, by offset or by cursor, each caller seeing only their own orders. */
class OrderHistoryTest {

    private final OrdersOnDerby orders = new OrdersOnDerby();

    @AfterEach
    void close() {
        orders.close();
    }

    private String place(Caller client) {
        return orders.placement.place(client, new PlaceOrder("gig-1", Tier.BASIC, "A menu")).id();
    }

    /** Walks the caller's history by cursor, {@code limit} at a time. */
    private List<String> walk(Caller caller, OrderStatus status, int limit) {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            Page<OrderSummary> page = orders.history.list(caller, new OrderQuery(status, 0, limit, after));
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            page.items().forEach(o -> seen.add(o.id()));
            after = page.next();
        } while (after != null);
        return seen;
    }

    @Test
    void cursorsWalkTheWholeHistoryNewestFirstAndOffsetStillPages() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.clock.advance(Duration.ofMinutes(1));
            mine.add(place(CLIENT));
            if (i == 2) {
                mine.add(place(CLIENT)); // two orders of the same instant, cut by id
            }
        }
        orders.clock.advance(Duration.ofMinutes(1)); // the newest, whatever the ids of its instant
        String theirs = place(STRANGER);
        orders.transitions.confirmPayment(mine.get(0), "pay-1");

        List<String> clientWalk = walk(CLIENT, null, 2);
        assertThat(clientWalk).hasSize(6).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(mine)
                .doesNotContain(theirs);
        assertThat(clientWalk.get(clientWalk.size() - 1)).isEqualTo(mine.get(0));
        assertThat(walk(FREELANCER, null, 4)).hasSize(7).startsWith(theirs);
        assertThat(walk(ADMIN, null, 3)).hasSize(7);
        assertThat(walk(CLIENT, OrderStatus.PROCESSING, 2)).containsExactly(mine.get(0));

        Page<OrderSummary> first = orders.history.list(CLIENT, new OrderQuery(null, 0, 4));
        assertThat(first.total()).isEqualTo(6);
        assertThat(first.items()).extracting(OrderSummary::id).containsExactlyElementsOf(clientWalk.subList(0, 4));
        assertThat(first.next()).isNotNull();
        Page<OrderSummary> second = orders.history.list(CLIENT, new OrderQuery(null, 4, 4));
        assertThat(second.items()).extracting(OrderSummary::id).containsExactlyElementsOf(clientWalk.subList(4, 6));
        assertThat(second.next()).isNull();
        assertThat(orders.history.list(STRANGER, new OrderQuery(OrderStatus.PROCESSING, 0, 10)).total()).isZero();
    }

    @Test
    void filtersNarrowTheListTogetherByOffsetAndByCursorAndNeverWidenWhatACallerSees() {
        orders.clock.advance(Duration.ofMinutes(1));
        String early = place(CLIENT);
        orders.clock.advance(Duration.ofMinutes(1));
        Instant middle = orders.clock.instant();
        String theirs = place(STRANGER);
        orders.clock.advance(Duration.ofMinutes(1));
        String late = place(CLIENT);
        orders.transitions.confirmPayment(late, "pay-1");

        assertThat(ids(ADMIN, filtered(null, CLIENT.userId(), null, null, null, null))).containsExactly(late, early);
        assertThat(ids(ADMIN, filtered(null, null, FREELANCER.userId(), "gig-1", null, null)))
                .containsExactly(late, theirs, early);
        assertThat(ids(ADMIN, filtered(null, null, null, "gig-none", null, null))).isEmpty();
        assertThat(ids(ADMIN, filtered(null, null, null, null, middle, null))).containsExactly(late, theirs);
        assertThat(ids(ADMIN, filtered(null, null, null, null, null, middle))).containsExactly(early);
        assertThat(ids(ADMIN, filtered(OrderStatus.PENDING, CLIENT.userId(), null, null, null, null)))
                .containsExactly(early);
        assertThat(ids(ADMIN, filtered(null, CLIENT.userId(), null, null, middle, middle.plusSeconds(1)))).isEmpty();
        // A client asking for someone else's orders gets none of them: the filter narrows their own list.
        assertThat(ids(CLIENT, filtered(null, STRANGER.userId(), null, null, null, null))).isEmpty();
        assertThat(ids(STRANGER, filtered(null, null, FREELANCER.userId(), null, null, null))).containsExactly(theirs);
    }

    private static OrderQuery filtered(OrderStatus status, String client, String freelancer, String gig, Instant since,
            Instant until) {
        return new OrderQuery(status, 0, 1, null, client, freelancer, gig, since, until);
    }

    /** The ids the query lists, walked by cursor one at a time, checked against the same list by offset. */
    private List<String> ids(Caller caller, OrderQuery query) {
        List<String> byCursor = new ArrayList<>();
        String after = null;
        do {
            Page<OrderSummary> page = orders.history.list(caller, new OrderQuery(query.status(), 0, 1, after,
                    query.clientId(), query.freelancerId(), query.gigId(), query.since(), query.until()));
            page.items().forEach(o -> byCursor.add(o.id()));
            after = page.next();
        } while (after != null);
        Page<OrderSummary> byOffset = orders.history.list(caller, new OrderQuery(query.status(), 0, 100, null,
                query.clientId(), query.freelancerId(), query.gigId(), query.since(), query.until()));
        assertThat(byOffset.items()).extracting(OrderSummary::id).containsExactlyElementsOf(byCursor);
        assertThat(byOffset.total()).isEqualTo(byCursor.size());
        return byCursor;
    }

    @Test
    void changesSinceListTheCallersTimelineRowsAfterAnInstantOldestFirst() {
        String id = orders.placed();
        Instant before = orders.clock.instant();
        orders.clock.advance(Duration.ofMinutes(1));
        orders.transitions.confirmPayment(id, "pay-1");
        orders.clock.advance(Duration.ofMinutes(1));
        orders.transitions.accept(FREELANCER, id);
        orders.clock.advance(Duration.ofMinutes(1));
        String theirs = place(STRANGER);

        List<OrderChange> changes = orders.history.changesSince(CLIENT, before, 10);
        assertThat(changes).extracting(c -> c.event().toStage().name())
                .containsExactly("AWAITING_ACCEPTANCE", "IN_PROGRESS");
        assertThat(changes).allSatisfy(c -> assertThat(c.orderId()).isEqualTo(id));
        // The freelancer of both orders sees both, oldest first; a limit cuts the newest.
        assertThat(orders.history.changesSince(FREELANCER, before, 10)).extracting(OrderChange::orderId)
                .containsExactly(id, id, theirs);
        assertThat(orders.history.changesSince(CLIENT, before, 1)).hasSize(1);
        assertThat(orders.history.changesSince(STRANGER, before, 10)).extracting(OrderChange::orderId)
                .containsExactly(theirs);
    }
}
