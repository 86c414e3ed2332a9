package org.souk.notification.inapp.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.notification.api.Notification;
import org.souk.notification.api.NotificationService;
import org.souk.persistence.Conflicts;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/** Each user's inbox: what the in-app channel stored, newest first. */
@Component
public class JpaInbox implements NotificationService {

    private final JpaTemplate jpa;
    private final Clock clock;

    @Activate
    public JpaInbox(@Reference(target = "(osgi.unit.name=souk-notification-inapp)") JpaTemplate jpa,
            @Reference(target = InboxEntity.SCHEMA) Schema notificationSchema, @Reference PlatformClock clock) {
        this(jpa, clock);
    }

    JpaInbox(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    @Override
    public Page<Notification> inbox(Caller caller, boolean unreadOnly, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        int from = Math.max(0, offset);
        String where = " WHERE n.recipientId = :me" + (unreadOnly ? " AND n.readAt IS NULL" : "");
        return jpa.txExpr(TransactionType.Supports, em -> {
            List<Notification> items = em.createQuery("SELECT n FROM InboxEntity n" + where
                    + " ORDER BY n.createdAt DESC, n.id", InboxEntity.class)
                    .setParameter("me", caller.userId()).setFirstResult(from).setMaxResults(size).getResultList()
                    .stream().map(InboxEntity::toNotification).toList();
            long total = em.createQuery("SELECT COUNT(n) FROM InboxEntity n" + where, Long.class)
                    .setParameter("me", caller.userId()).getSingleResult();
            return new Page<>(items, from, size, total);
        });
    }

    @Override
    public List<Notification> since(Caller caller, Instant after, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        return jpa.txExpr(TransactionType.Supports, em -> {
            // Native SQL: the cutoff as a SQL TIMESTAMP, one range of the recipient's rows by time.
            @SuppressWarnings("unchecked")
            List<InboxEntity> rows = em.createNativeQuery("SELECT * FROM notification WHERE recipient_id = ? AND created_at > ?"
                    + " ORDER BY created_at, id FETCH FIRST " + size + " ROWS ONLY", InboxEntity.class)
                    .setParameter(1, caller.userId()).setParameter(2, Timestamp.from(after)).getResultList();
            return rows.stream().map(InboxEntity::toNotification).toList();
        });
    }

    @Override
    public long unreadCount(Caller caller) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT COUNT(n) FROM InboxEntity n WHERE n.recipientId = :me AND n.readAt IS NULL", Long.class)
                .setParameter("me", caller.userId()).getSingleResult());
    }

    @Override
    public Notification markRead(Caller caller, String notificationId) {
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                InboxEntity n = notificationId == null ? null : em.find(InboxEntity.class, notificationId);
                if (n == null || !n.recipientId().equals(caller.userId())) {
                    throw new NotFoundException("No notification " + notificationId);
                }
                n.read(clock.instant());
                return n.toNotification();
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The notification changed at the same time; retry");
        }
    }

    @Override
    public int markAllRead(Caller caller) {
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                List<InboxEntity> unread = em.createQuery(
                        "SELECT n FROM InboxEntity n WHERE n.recipientId = :me AND n.readAt IS NULL", InboxEntity.class)
                        .setParameter("me", caller.userId()).getResultList();
                unread.forEach(n -> n.read(clock.instant()));
                return unread.size();
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "Notifications changed at the same time; retry");
        }
    }
}
