package org.souk.notification.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.event.Event;
import org.souk.notification.api.NotificationType;
import org.souk.notification.api.OutboxTopics;

/** Decides who hears what of a cause recorded in the outbox: the topic picks the rules. Pure. */
final class Causes {

    private Causes() {
    }

    static List<Draft> drafts(String topic, Map<String, Object> properties) {
        if (OutboxTopics.REFUNDED.equals(topic)) {
            return refunded(properties);
        }
        if (OutboxTopics.EARNINGS_AVAILABLE.equals(topic)) {
            return earningsAvailable(properties);
        }
        Event event;
        try {
            event = new Event(topic, properties);
        } catch (IllegalArgumentException notATopic) {
            return List.of();
        }
        if (topic.startsWith("souk/payment/")) {
            return PaymentEventNotifications.of(event);
        }
        if (topic.startsWith("souk/order/")) {
            return OrderEventNotifications.of(event);
        }
        return List.of();
    }

    private static List<Draft> refunded(Map<String, Object> p) {
        String refundId = text(p, OutboxTopics.REFUND_ID);
        String client = text(p, OutboxTopics.CLIENT_ID);
        if (refundId == null || client == null) {
            return List.of();
        }
        String gig = text(p, OutboxTopics.GIG_TITLE);
        String reason = text(p, OutboxTopics.REASON);
        String amount = text(p, OutboxTopics.AMOUNT);
        return List.of(new Draft(client, NotificationType.REFUND, text(p, OutboxTopics.ORDER_ID), "Refund sent",
                "We refunded " + amount + (gig == null ? "" : " for \"" + gig + "\"")
                        + (reason == null || reason.isBlank() ? "" : ": " + reason) + ".",
                "refund#" + refundId));
    }

    private static List<Draft> earningsAvailable(Map<String, Object> p) {
        String clearanceId = text(p, OutboxTopics.CLEARANCE_ID);
        String freelancer = text(p, OutboxTopics.FREELANCER_ID);
        if (clearanceId == null || freelancer == null) {
            return List.of();
        }
        return List.of(new Draft(freelancer, NotificationType.EARNINGS_AVAILABLE, text(p, OutboxTopics.ORDER_ID),
                "Earnings available", "Your earnings of " + text(p, OutboxTopics.AMOUNT)
                        + " cleared and may now be withdrawn.", "clearance#" + clearanceId));
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
