package org.souk.order.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.souk.notification.api.NotificationOutbox;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Dispute;
import org.souk.order.api.OrderEvent;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderTopics;
import org.souk.order.api.RequestKind;
import org.souk.persistence.AfterCommit;

/**
 * The order's events: each one's notifications recorded in the change's own transaction, and the event posted
 * only once that transaction commits, so that nobody hears of a change that did not happen.
 */
final class OrderAnnouncements {

    private final EventAdmin events;
    private final AfterCommit afterCommit;
    private final Supplier<NotificationOutbox> outbox;

    OrderAnnouncements(EventAdmin events, AfterCommit afterCommit, Supplier<NotificationOutbox> outbox) {
        this.events = events;
        this.afterCommit = afterCommit;
        this.outbox = outbox;
    }

    /** The order moved: a row of its timeline. */
    void statusChanged(OrderEntity order, OrderEvent event) {
        Map<String, Object> props = about(order);
        props.put(OrderTopics.SEQUENCE, event.sequence());
        props.put(OrderTopics.FROM_STATUS, event.fromStatus() == null ? "" : event.fromStatus().name());
        props.put(OrderTopics.TO_STATUS, event.toStatus().name());
        props.put(OrderTopics.TO_STAGE, event.toStage() == null ? "" : event.toStage().name());
        props.put(OrderTopics.ACTOR, event.actor());
        props.put(OrderTopics.REASON, event.reason() == null ? "" : event.reason());
        post(new Event(OrderTopics.STATUS_CHANGED, props));
    }

    /** A request was made or answered: the other side hears of it. */
    void requestChanged(OrderEntity order, OrderRequestEntity request, String actor) {
        OrderRequest r = request.toRequest();
        Map<String, Object> props = about(order);
        props.put(OrderTopics.REQUEST_ID, r.id());
        props.put(OrderTopics.REQUEST_KIND, r.kind().name());
        props.put(OrderTopics.REQUEST_STATUS, r.status().name());
        props.put(OrderTopics.REQUESTED_BY, r.requestedBy());
        props.put(OrderTopics.ACTOR, actor);
        props.put(OrderTopics.REASON, r.reason());
        if (r.refund() != null) {
            props.put(OrderTopics.REFUND, r.refund().toDecimalString() + " " + r.refund().currency());
        }
        if (r.isOpen() && r.kind() == RequestKind.CANCELLATION) {
            props.put(OrderTopics.ANSWER_BY, r.answerBy().toString());
            props.put(OrderTopics.ON_SILENCE, CancellationRules.onSilence(order, request).name());
        }
        post(new Event(OrderTopics.REQUEST_CHANGED, props));
    }

    /** Both sides hear, once, that the work is late: the deadline fires once. */
    void late(OrderEntity order, DeadlineKind kind, Instant dueAt) {
        Map<String, Object> props = about(order);
        props.put(OrderTopics.DUE_AT, dueAt.toString());
        props.put(OrderTopics.DEADLINE, kind.name());
        post(new Event(OrderTopics.LATE, props));
    }

    /** A dispute was opened or decided. */
    void disputeChanged(OrderEntity order, OrderDisputeEntity entity, String actor, String reason) {
        Dispute d = entity.toDispute();
        Map<String, Object> props = about(order);
        props.put(OrderTopics.DISPUTE_ID, d.id());
        props.put(OrderTopics.DISPUTE_STATUS, d.status().name());
        props.put(OrderTopics.ACTOR, actor);
        props.put(OrderTopics.REASON, reason);
        if (d.decision() != null) {
            props.put(OrderTopics.DECISION, d.decision().name());
        }
        if (d.refund() != null) {
            props.put(OrderTopics.REFUND, d.refund().toDecimalString() + " " + d.refund().currency());
        }
        if (d.dueAt() != null) {
            props.put(OrderTopics.DUE_AT, d.dueAt().toString());
        }
        post(new Event(OrderTopics.DISPUTE_CHANGED, props));
    }

    private static Map<String, Object> about(OrderEntity order) {
        Map<String, Object> props = new HashMap<>();
        props.put(OrderTopics.ORDER_ID, order.id());
        props.put(OrderTopics.CLIENT_ID, order.clientId());
        props.put(OrderTopics.FREELANCER_ID, order.freelancerId());
        props.put(OrderTopics.GIG_TITLE, order.gigTitle());
        return props;
    }

    private void post(Event posted) {
        outbox.get().record(posted.getTopic(), properties(posted));
        afterCommit.run(() -> events.postEvent(posted));
    }

    private static Map<String, Object> properties(Event event) {
        Map<String, Object> out = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            if (!EventConstants.EVENT_TOPIC.equals(name)) {
                out.put(name, event.getProperty(name));
            }
        }
        return out;
    }
}
