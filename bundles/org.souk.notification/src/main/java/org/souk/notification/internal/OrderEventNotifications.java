package org.souk.notification.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.event.Event;
import org.souk.notification.api.NotificationType;
import org.souk.order.api.OrderTopics;

/** Decides who hears what of an order's transition. Pure: no storage, no OSGi. */
final class OrderEventNotifications {

    private OrderEventNotifications() {
    }

    static List<Draft> of(Event event) {
        String orderId = (String) event.getProperty(OrderTopics.ORDER_ID);
        String client = (String) event.getProperty(OrderTopics.CLIENT_ID);
        String freelancer = (String) event.getProperty(OrderTopics.FREELANCER_ID);
        String gig = (String) event.getProperty(OrderTopics.GIG_TITLE);
        String from = (String) event.getProperty(OrderTopics.FROM_STATUS);
        String to = (String) event.getProperty(OrderTopics.TO_STATUS);
        String stage = (String) event.getProperty(OrderTopics.TO_STAGE);
        String actor = (String) event.getProperty(OrderTopics.ACTOR);
        String reason = (String) event.getProperty(OrderTopics.REASON);
        String key = orderId + "#" + event.getProperty(OrderTopics.SEQUENCE);
        List<Draft> out = new ArrayList<>();
        if (OrderTopics.LATE.equals(event.getTopic()) && orderId != null) {
            String due = (String) event.getProperty(OrderTopics.DUE_AT);
            out.add(new Draft(client, NotificationType.LATE_WARNING, orderId, "Order late: " + gig,
                    "\"" + gig + "\" was due " + due + " and is not delivered yet. Once a day has passed since then you "
                    + "may cancel it for a full refund.", orderId + "#late/c"));
            out.add(new Draft(freelancer, NotificationType.LATE_WARNING, orderId, "Order late: " + gig,
                    "\"" + gig + "\" was due " + due + ". Deliver it, or the client may cancel it for a full refund.",
                    orderId + "#late/f"));
            return out;
        }
        if (OrderTopics.REQUEST_CHANGED.equals(event.getTopic()) && orderId != null) {
            return request(event, orderId, client, freelancer, gig, actor, reason);
        }
        if (orderId == null || to == null) {
            return out;
        }
        if ("PENDING".equals(from) && "PROCESSING".equals(to)) {
            out.add(new Draft(freelancer, NotificationType.NEW_ORDER, orderId, "New order: " + gig,
                    "A client paid for \"" + gig + "\". Review the requirements and accept the order to start.", key + "/f"));
            out.add(new Draft(client, NotificationType.PAYMENT_CONFIRMED, orderId, "Payment confirmed",
                    "Your payment for \"" + gig + "\" succeeded. The freelancer has been told to begin.", key + "/c"));
        } else if ("PENDING".equals(from) && "CANCELLED".equals(to)) {
            out.add(new Draft(client, NotificationType.PAYMENT_FAILED, orderId, "Payment failed",
                    "Your order for \"" + gig + "\" was cancelled: " + reason, key + "/c"));
        } else if ("DELIVERED".equals(stage)) {
            out.add(new Draft(client, NotificationType.DELIVERY, orderId, "Delivery received",
                    "The freelancer delivered \"" + gig + "\". Accept it or ask for a revision.", key + "/c"));
        } else if ("COMPLETED".equals(to)) {
            out.add(new Draft(freelancer, NotificationType.ORDER_STATUS_CHANGED, orderId, "Order completed",
                    "The client accepted your delivery of \"" + gig + "\".", key + "/f"));
            out.add(new Draft(client, NotificationType.REVIEW_REQUEST, orderId, "How did it go?",
                    "Leave a review of \"" + gig + "\".", key + "/c"));
        } else if (from != null && !from.isEmpty()) {
            String text = "Order for \"" + gig + "\" is now " + (stage == null || stage.isEmpty() ? to : stage) + ": " + reason;
            for (String recipient : new String[] {client, freelancer}) {
                if (!recipient.equals(actor)) {
                    out.add(new Draft(recipient, NotificationType.ORDER_STATUS_CHANGED, orderId, "Order update", text,
                            key + (recipient.equals(client) ? "/c" : "/f")));
                }
            }
        }
        return out;
    }

    /** A request opened tells the other side; an answer tells the side that asked; a withdrawal the other side. */
    private static List<Draft> request(Event event, String orderId, String client, String freelancer, String gig,
            String actor, String reason) {
        String kind = (String) event.getProperty(OrderTopics.REQUEST_KIND);
        String status = (String) event.getProperty(OrderTopics.REQUEST_STATUS);
        String asker = (String) event.getProperty(OrderTopics.REQUESTED_BY);
        String key = orderId + "#request/" + event.getProperty(OrderTopics.REQUEST_ID) + "/" + status;
        boolean cancellation = "CANCELLATION".equals(kind);
        NotificationType type = cancellation ? NotificationType.CANCELLATION_REQUEST : NotificationType.EXTENSION_REQUEST;
        String what = cancellation ? "cancellation" : "extension";
        String other = client.equals(asker) ? freelancer : client;
        List<Draft> out = new ArrayList<>();
        switch (status == null ? "" : status) {
            case "OPEN" -> out.add(new Draft(other, type, orderId, cancellation ? "Cancellation requested" : "More time requested",
                    (cancellation ? "The other side asks to cancel \"" + gig + "\": " + reason
                            + ". Accept or decline it; unanswered, it is accepted automatically."
                            : "The freelancer asks for more days on \"" + gig + "\": " + reason + ". Accept or decline it."),
                    key));
            case "ACCEPTED", "DECLINED" -> {
                String answer = status.toLowerCase(java.util.Locale.ROOT);
                String by = "system".equals(actor) ? " automatically, as it was not answered in time" : "";
                out.add(new Draft(asker, cancellation ? NotificationType.CANCELLATION_ANSWER : NotificationType.EXTENSION_ANSWER, orderId, "Your " + what + " request was " + answer,
                        "Your " + what + " request on \"" + gig + "\" was " + answer + by + ".", key));
            }
            case "WITHDRAWN" -> out.add(new Draft(other, type, orderId, "The " + what + " request was withdrawn",
                    "The " + what + " request on \"" + gig + "\" was withdrawn.", key));
            default -> { }
        }
        return out;
    }
}
