package org.souk.order.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.order.api.OrderChange;
import org.souk.order.api.OrderEvent;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.persistence.KeysetCursor;

/** The lists of orders a caller reads: their history, paged by offset or by keyset, and what changed since a time. */
final class OrderHistory {

    /** Where a page of a history ends: the last order's time placed and id, the keys the list is sorted by. */
    static final KeysetCursor.Format CURSORS = KeysetCursor.format("o1", why -> switch (why) {
        case EMPTY -> "is empty";
        case TOO_LONG -> "is too long";
        case FOREIGN -> "is not a cursor of this list";
    });

    private final JpaTemplate jpa;

    OrderHistory(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    Page<OrderSummary> list(Caller caller, OrderQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), Page.MAX_LIMIT));
        if (query.after() != null) {
            KeysetCursor after = CURSORS.decode(query.after());
            return jpa.txExpr(TransactionType.Supports, em -> {
                List<List<OrderSummary>> sides = new ArrayList<>();
                if (caller.isAdmin()) {
                    sides.add(pageAfter(em, null, null, query, after, limit + 1));
                } else {
                    // One index range per side: an OR of the two would scan either side's whole history.
                    sides.add(pageAfter(em, "client_id", caller.userId(), query, after, limit + 1));
                    sides.add(pageAfter(em, "freelancer_id", caller.userId(), query, after, limit + 1));
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
            if (query.clientId() != null) {
                where.append(" AND o.clientId = :client");
                params.put("client", query.clientId());
            }
            if (query.freelancerId() != null) {
                where.append(" AND o.freelancerId = :freelancer");
                params.put("freelancer", query.freelancerId());
            }
            if (query.gigId() != null) {
                where.append(" AND o.gigId = :gig");
                params.put("gig", query.gigId());
            }
            if (query.since() != null) {
                where.append(" AND o.placedAt >= :since");
                params.put("since", query.since());
            }
            if (query.until() != null) {
                where.append(" AND o.placedAt < :until");
                params.put("until", query.until());
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
                    ? cursorAfter(items.get(items.size() - 1)) : null;
            return new Page<>(items, offset, limit, total, next);
        });
    }

    List<OrderChange> changesSince(Caller caller, Instant after, int limit) {
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
     * The orders right after the cursor, newest first, at most {@code max}: one range of an index on
     * ({@code column}, placed_at DESC, id DESC), or on (client_id | freelancer_id | gig_id | status, ...) for an
     * administrator's filtered list, or on (placed_at DESC, id DESC) for all orders. The range starts at the
     * cursor's time ({@code placed_at <= ?}); the orders of that very instant are cut by id.
     */
    @SuppressWarnings("unchecked")
    private static List<OrderSummary> pageAfter(EntityManager em, String column, String user, OrderQuery query,
            KeysetCursor after, int max) {
        StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE ");
        List<Object> params = new ArrayList<>();
        if (column != null) {
            sql.append(column).append(" = ? AND ");
            params.add(user);
        }
        if (query.status() != null) {
            sql.append("status = ? AND ");
            params.add(query.status().name());
        }
        if (query.clientId() != null) {
            sql.append("client_id = ? AND ");
            params.add(query.clientId());
        }
        if (query.freelancerId() != null) {
            sql.append("freelancer_id = ? AND ");
            params.add(query.freelancerId());
        }
        if (query.gigId() != null) {
            sql.append("gig_id = ? AND ");
            params.add(query.gigId());
        }
        if (query.since() != null) {
            sql.append("placed_at >= ? AND ");
            params.add(Timestamp.from(query.since()));
        }
        if (query.until() != null) {
            sql.append("placed_at < ? AND ");
            params.add(Timestamp.from(query.until()));
        }
        sql.append("placed_at <= ? AND (placed_at < ? OR id < ?) ORDER BY placed_at DESC, id DESC FETCH FIRST ")
                .append(max).append(" ROWS ONLY");
        Timestamp at = Timestamp.from(after.at());
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
        String next = all.size() > limit ? cursorAfter(items.get(items.size() - 1)) : null;
        return new Page<>(items, 0, limit, Page.UNCOUNTED, next);
    }

    static String cursorAfter(OrderSummary last) {
        return CURSORS.encode(new KeysetCursor(last.placedAt(), last.id()));
    }

    /** The order of every history list: time placed, then id, both descending. */
    static final Comparator<OrderSummary> NEWEST_FIRST = Comparator.comparing(OrderSummary::placedAt)
            .thenComparing(OrderSummary::id).reversed();
}
