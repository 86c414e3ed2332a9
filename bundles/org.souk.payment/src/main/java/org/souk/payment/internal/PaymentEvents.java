package org.souk.payment.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.souk.notification.api.NotificationOutbox;
import org.souk.payment.api.PaymentTopics;
import org.souk.persistence.AfterCommit;

/**
 * Tells the platform what happened to a payment (see {@link PaymentTopics}), once the change has committed,
 * and records it in the notification outbox within the change's transaction.
 */
final class PaymentEvents {

    private final EventAdmin events;
    private final AfterCommit afterCommit;
    private final NotificationOutbox outbox;

    PaymentEvents(EventAdmin events, AfterCommit afterCommit) {
        this(events, afterCommit, (topic, properties) -> { });
    }

    PaymentEvents(EventAdmin events, AfterCommit afterCommit, NotificationOutbox outbox) {
        this.events = events;
        this.afterCommit = afterCommit;
        this.outbox = outbox;
    }

    void announce(String topic, PaymentEntity p, String reason) {
        announce(topic, p, reason, Map.of());
    }

    void announce(String topic, PaymentEntity p, String reason, Map<String, Object> more) {
        Map<String, Object> props = new HashMap<>(more);
        props.put(PaymentTopics.PAYMENT_ID, p.id());
        props.put(PaymentTopics.ORDER_ID, p.orderId());
        props.put(PaymentTopics.CLIENT_ID, p.clientId());
        props.put(PaymentTopics.FREELANCER_ID, p.freelancerId());
        props.put(PaymentTopics.AMOUNT, p.amount().toString());
        if (reason != null) {
            props.put(PaymentTopics.REASON, reason);
        }
        Event event = new Event(topic, props);
        outbox.record(topic, props);
        afterCommit.run(() -> events.postEvent(event));
    }
}
