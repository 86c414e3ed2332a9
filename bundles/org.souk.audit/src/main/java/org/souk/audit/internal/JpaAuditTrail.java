package org.souk.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.common.api.audit.AuditEntry;
import org.souk.common.api.audit.AuditQuery;
import org.souk.common.api.audit.AuditTrail;
import org.souk.persistence.KeysetCursor;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * The audit trail in {@code audit_entry}. Recording joins the JTA transaction of the change being recorded
 * (TransactionType.Required), so both commit or neither does. Lists read one index range newest first, by
 * offset (counted) or after a cursor (not counted), as the order history does.
 */
@Component(service = AuditTrail.class)
public class JpaAuditTrail implements AuditTrail {

    /** Where a page of the trail ends: the last entry's time and id. */
    static final KeysetCursor.Format CURSORS = KeysetCursor.format("a1", why -> switch (why) {
        case EMPTY -> "is empty";
        case TOO_LONG -> "is too long";
        case FOREIGN -> "is not a cursor of the audit trail";
    });

    private final JpaTemplate jpa;
    private final Clock clock;

    @Activate
    public JpaAuditTrail(@Reference(target = "(osgi.unit.name=souk-audit)") JpaTemplate jpa,
            @Reference(target = AuditSchema.TARGET) Schema schema, @Reference PlatformClock clock) {
        this(jpa, (Clock) clock);
    }

    JpaAuditTrail(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public void record(Caller actor, String action, String target, String orderId, String reason, String outcome) {
        AuditEntryEntity entry = new AuditEntryEntity(UUID.randomUUID().toString(), clock.instant(),
                cut(actor.userId(), 128), cut(action, 64), cut(target, 64), cut(orderId, 36), cut(reason, 1000),
                cut(outcome, 500));
        jpa.tx(TransactionType.Required, em -> em.persist(entry));
    }

    @Override
    public Page<AuditEntry> list(AuditQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), Page.MAX_LIMIT));
        KeysetCursor after = query.after() == null ? null : CURSORS.decode(query.after());
        return jpa.txExpr(TransactionType.Supports, em -> {
            List<AuditEntry> read = entries(em, query, after, after == null ? Math.max(0, query.offset()) : 0, limit + 1);
            List<AuditEntry> items = read.subList(0, Math.min(limit, read.size()));
            String next = read.size() > limit ? CURSORS.encode(new KeysetCursor(items.get(limit - 1).at(),
                    items.get(limit - 1).id())) : null;
            if (after != null) {
                return new Page<>(items, 0, limit, Page.UNCOUNTED, next);
            }
            return new Page<>(items, Math.max(0, query.offset()), limit, count(em, query), next);
        });
    }

    /** One range of the index on (order_id | actor, occurred_at DESC, id DESC), or on (occurred_at DESC, id DESC). */
    @SuppressWarnings("unchecked")
    private static List<AuditEntry> entries(EntityManager em, AuditQuery query, KeysetCursor after, int offset, int max) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_entry").append(where(query, params));
        if (after != null) {
            sql.append(params.isEmpty() ? " WHERE " : " AND ")
                    .append("occurred_at <= ? AND (occurred_at < ? OR id < ?)");
            Timestamp at = Timestamp.from(after.at());
            params.add(at);
            params.add(at);
            params.add(after.id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC OFFSET ").append(offset).append(" ROWS FETCH FIRST ")
                .append(max).append(" ROWS ONLY");
        javax.persistence.Query q = em.createNativeQuery(sql.toString(), AuditEntryEntity.class);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return ((List<AuditEntryEntity>) q.getResultList()).stream().map(AuditEntryEntity::toEntry).toList();
    }

    private static long count(EntityManager em, AuditQuery query) {
        List<Object> params = new ArrayList<>();
        javax.persistence.Query q = em.createNativeQuery("SELECT COUNT(*) FROM audit_entry" + where(query, params));
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    private static String where(AuditQuery query, List<Object> params) {
        List<String> terms = new ArrayList<>();
        if (query.orderId() != null) {
            terms.add("order_id = ?");
            params.add(query.orderId());
        }
        if (query.actor() != null) {
            terms.add("actor = ?");
            params.add(query.actor());
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    /** The text cut to what its column holds: an entry must never fail the change it records. */
    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
