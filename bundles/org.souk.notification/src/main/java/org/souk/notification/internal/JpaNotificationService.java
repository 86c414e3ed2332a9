package org.souk.notification.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.notification.api.Notification;
import org.souk.notification.api.NotificationService;
import org.souk.notification.internal.NotificationEntity.Draft;
import org.souk.order.api.OrderTopics;
import org.souk.payment.api.PaymentTopics;
import org.souk.persistence.Conflicts;
import org.souk.persistence.SchemaMigrator;

/** Stores in-app notifications for order transitions and declined payments, and serves each user's inbox. */
@Component(property = {EventConstants.EVENT_TOPIC + "=" + OrderTopics.STATUS_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + OrderTopics.LATE, EventConstants.EVENT_TOPIC + "=" + OrderTopics.REQUEST_CHANGED,
        EventConstants.EVENT_TOPIC + "=" + PaymentTopics.DECLINED})
public class JpaNotificationService implements NotificationService, EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JpaNotificationService.class);

    private static final int MAX_BATCH = 200;

    private final JpaTemplate jpa;
    private final Clock clock = Clock.systemUTC();
    private final Queue<Draft> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    @Activate
    public JpaNotificationService(@Reference(target = "(osgi.unit.name=souk-notification)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource) {
        new SchemaMigrator(dataSource, "notification", JpaNotificationService.class.getClassLoader()).migrate();
        this.jpa = jpa;
    }

    /**
     * Stores the notifications of an event. Events arrive on several delivery threads at once; whoever
     * finds no write under way stores everything queued so far in one transaction (a group commit), the
     * others only queue. No thread of our own, and one commit for many events under load.
     */
    @Override
    public void handleEvent(Event event) {
        List<Draft> drafts = PaymentTopics.DECLINED.equals(event.getTopic()) ? PaymentEventNotifications.of(event)
                : OrderEventNotifications.of(event);
        if (drafts.isEmpty()) {
            return;
        }
        queued.addAll(drafts);
        while (!queued.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                List<Draft> batch = new ArrayList<>();
                for (Draft d; batch.size() < MAX_BATCH && (d = queued.poll()) != null; ) {
                    batch.add(d);
                }
                storeBatch(batch);
            } finally {
                writing.set(false);
            }
        }
    }

    private void storeBatch(List<Draft> drafts) {
        try {
            store(drafts);
        } catch (RuntimeException e) {
            // A redelivered event hits the unique key: store the drafts one by one so the new ones still land.
            for (Draft draft : drafts) {
                try {
                    store(List.of(draft));
                } catch (RuntimeException again) {
                    if (Conflicts.isConflict(again)) {
                        LOG.debug("Notification {} already stored", draft.dedupKey());
                    } else {
                        LOG.error("Could not store notification {} for {}", draft.type(), draft.recipientId(), again);
                    }
                }
            }
        }
    }

    private void store(List<Draft> drafts) {
        jpa.tx(TransactionType.Required, em -> {
            for (Draft draft : drafts) {
                em.persist(new NotificationEntity(UUID.randomUUID().toString(), draft, clock.instant()));
            }
            em.flush();
        });
    }

    @Override
    public Page<Notification> inbox(Caller caller, boolean unreadOnly, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        int from = Math.max(0, offset);
        String where = " WHERE n.recipientId = :me" + (unreadOnly ? " AND n.readAt IS NULL" : "");
        return jpa.txExpr(TransactionType.Supports, em -> {
            List<Notification> items = em.createQuery("SELECT n FROM NotificationEntity n" + where
                    + " ORDER BY n.createdAt DESC, n.id", NotificationEntity.class)
                    .setParameter("me", caller.userId()).setFirstResult(from).setMaxResults(size).getResultList()
                    .stream().map(NotificationEntity::toNotification).toList();
            long total = em.createQuery("SELECT COUNT(n) FROM NotificationEntity n" + where, Long.class)
                    .setParameter("me", caller.userId()).getSingleResult();
            return new Page<>(items, from, size, total);
        });
    }

    @Override
    public long unreadCount(Caller caller) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT COUNT(n) FROM NotificationEntity n WHERE n.recipientId = :me AND n.readAt IS NULL", Long.class)
                .setParameter("me", caller.userId()).getSingleResult());
    }

    @Override
    public int markAllRead(Caller caller) {
        return jpa.txExpr(TransactionType.Required, em -> {
            List<NotificationEntity> unread = em.createQuery(
                    "SELECT n FROM NotificationEntity n WHERE n.recipientId = :me AND n.readAt IS NULL", NotificationEntity.class)
                    .setParameter("me", caller.userId()).getResultList();
            unread.forEach(n -> n.read(clock.instant()));
            return unread.size();
        });
    }

    @Override
    public Notification markRead(Caller caller, String notificationId) {
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                NotificationEntity n = notificationId == null ? null : em.find(NotificationEntity.class, notificationId);
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
}
