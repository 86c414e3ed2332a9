package org.souk.message.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.Query;
import javax.transaction.TransactionManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.message.api.Message;
import org.souk.message.api.MessageDraft;
import org.souk.message.api.MessageService;
import org.souk.message.api.MessageTopics;
import org.souk.notification.api.NotificationOutbox;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderSummary;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.KeysetCursor;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;

/**
 * Order threads in the {@code order_message} tables; who may write is {@link MessageRules}' decision. A
 * message sent is recorded in the notification outbox in the transaction that stores it, so the other side
 * is told even if the node stops right after, and never of a message that was not stored.
 */
@Component
public class JpaMessageService implements MessageService {

    /** Where a page of a thread ends: the last message's time and id. */
    static final KeysetCursor.Format CURSORS = KeysetCursor.format("m1", why -> "is not a cursor of this thread");

    private final JpaTemplate jpa;
    private final OrderService orders;
    private final EventAdmin events;
    private final AfterCommit afterCommit;
    private final NotificationOutbox outbox;
    private final Clock clock;

    @Activate
    public JpaMessageService(@Reference(target = "(osgi.unit.name=souk-message)") JpaTemplate jpa,
            @Reference(target = MessageSchema.TARGET) Schema schema, @Reference OrderService orders,
            @Reference EventAdmin events, @Reference TransactionManager transactions,
            @Reference NotificationOutbox outbox, @Reference PlatformClock clock) {
        this(jpa, orders, events, new AfterCommit(transactions), outbox, clock);
    }

    JpaMessageService(JpaTemplate jpa, OrderService orders, EventAdmin events, AfterCommit afterCommit,
            NotificationOutbox outbox, Clock clock) {
        this.jpa = jpa;
        this.orders = orders;
        this.events = events;
        this.afterCommit = afterCommit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public Message send(Caller caller, String orderId, MessageDraft draft) {
        MessageRules.checkDraft(draft);
        // Someone with no part in the order does not see it: not found, before anything is written.
        OrderSummary order = orders.summary(caller, orderId);
        String role = MessageRules.authorRole(caller, order);
        String recipient = MessageRules.recipient(role, order);
        return jpa.txExpr(TransactionType.Required, em -> {
            MessageEntity entity = new MessageEntity(UUID.randomUUID().toString(), order.id(), caller.userId(), role,
                    draft.body(), draft.attachments() == null ? List.of() : draft.attachments(), clock.instant());
            em.persist(entity);
            Message message = entity.toMessage();
            Map<String, Object> properties = new HashMap<>();
            properties.put(MessageTopics.ORDER_ID, order.id());
            properties.put(MessageTopics.MESSAGE_ID, message.id());
            properties.put(MessageTopics.AUTHOR_ID, caller.userId());
            properties.put(MessageTopics.RECIPIENT_ID, recipient);
            if (order.gigTitle() != null) {
                properties.put(MessageTopics.GIG_TITLE, order.gigTitle());
            }
            properties.put(MessageTopics.EXCERPT, MessageRules.excerpt(draft.body(), MessageTopics.EXCERPT_LENGTH));
            em.flush();
            outbox.record(MessageTopics.SENT, properties);
            Event sent = new Event(MessageTopics.SENT, properties);
            afterCommit.run(() -> events.postEvent(sent));
            return message;
        });
    }

    @Override
    public Page<Message> thread(Caller caller, String orderId, String after, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        KeysetCursor cursor = after == null ? null : CURSORS.decode(after);
        OrderSummary order = orders.summary(caller, orderId);
        return jpa.txExpr(TransactionType.Supports, em -> {
            // Native SQL: one range of order_message_by_order, with the cursor's time as a SQL TIMESTAMP.
            StringBuilder sql = new StringBuilder("SELECT * FROM order_message WHERE order_id = ?");
            if (cursor != null) {
                sql.append(" AND sent_at <= ? AND (sent_at < ? OR id < ?)");
            }
            sql.append(" ORDER BY sent_at DESC, id DESC FETCH FIRST ").append(size + 1).append(" ROWS ONLY");
            Query q = em.createNativeQuery(sql.toString(), MessageEntity.class).setParameter(1, order.id());
            if (cursor != null) {
                Timestamp at = Timestamp.from(cursor.at());
                q.setParameter(2, at).setParameter(3, at).setParameter(4, cursor.id());
            }
            @SuppressWarnings("unchecked")
            List<MessageEntity> found = q.getResultList();
            List<Message> rows = found.stream().map(MessageEntity::toMessage).toList();
            List<Message> items = rows.subList(0, Math.min(size, rows.size()));
            String next = rows.size() > size ? cursorAfter(items.get(items.size() - 1)) : null;
            return new Page<>(items, 0, size, Page.UNCOUNTED, next);
        });
    }

    private static String cursorAfter(Message last) {
        return CURSORS.encode(new KeysetCursor(last.sentAt(), last.id()));
    }
}
