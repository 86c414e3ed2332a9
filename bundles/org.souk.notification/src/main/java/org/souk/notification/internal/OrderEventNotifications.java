package org.souk.notification.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.osgi.service.event.Event;
import org.souk.notification.api.NotificationType;
import org.souk.order.api.OrderTopics;

/** Decides who hears what of an order's transition. Pure: no storage, no OSGi. */
final class OrderEventNotifications {

    /** With a dispute opened: the reason of the side that opened it, for channels' templates ({@code {openerReason}}). */
    static final String OPENER_REASON = "openerReason";
    /** With a dispute decided: the administrator's note, for channels' templates ({@code {adminNote}}). */
    static final String ADMIN_NOTE = "adminNote";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

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
            // Each missed date is told once: the first due date, then each revision's or new due date of its own.
            String late = orderId + "#late/" + event.getProperty(OrderTopics.DEADLINE) + "/" + due;
            if ("REVISION_DUE".equals(event.getProperty(OrderTopics.DEADLINE))) {
                out.add(new Draft(client, NotificationType.LATE_WARNING, orderId, "Revision late: " + gig,
                        "The revision of \"" + gig + "\" was due " + due + " and is not delivered yet. The work was "
                        + "delivered once, so it cannot be cancelled as late; if you cannot agree, open a dispute.",
                        late + "/c"));
                out.add(new Draft(freelancer, NotificationType.LATE_WARNING, orderId, "Revision late: " + gig,
                        "The revision of \"" + gig + "\" was due " + due + ". Deliver it, or the client may open a dispute.",
                        late + "/f"));
                return out;
            }
            out.add(new Draft(client, NotificationType.LATE_WARNING, orderId, "Order late: " + gig,
                    "\"" + gig + "\" was due " + due + " and is not delivered yet. Once the late grace has passed since "
                    + "then you may cancel it for a full refund.", late + "/c"));
            out.add(new Draft(freelancer, NotificationType.LATE_WARNING, orderId, "Order late: " + gig,
                    "\"" + gig + "\" was due " + due + ". Deliver it, or the client may cancel it for a full refund.",
                    late + "/f"));
            return out;
        }
        if (OrderTopics.REQUEST_CHANGED.equals(event.getTopic()) && orderId != null) {
            return request(event, orderId, client, freelancer, gig, actor, reason);
        }
        if (OrderTopics.DISPUTE_CHANGED.equals(event.getTopic()) && orderId != null) {
            return dispute(event, orderId, client, freelancer, gig, actor, reason);
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

    /**
     * A request opened tells the other side, in the platform's words (for a cancellation: the refund it proposes,
     * the answer deadline and what silence does), the asker's reason after, labelled as theirs; an answer tells
     * the side that asked; a withdrawal the other side; an expiry both sides.
     */
    private static List<Draft> request(Event event, String orderId, String client, String freelancer, String gig,
            String actor, String reason) {
        String kind = (String) event.getProperty(OrderTopics.REQUEST_KIND);
        String status = (String) event.getProperty(OrderTopics.REQUEST_STATUS);
        String asker = (String) event.getProperty(OrderTopics.REQUESTED_BY);
        String refund = text(event, OrderTopics.REFUND);
        String key = orderId + "#request/" + event.getProperty(OrderTopics.REQUEST_ID) + "/" + status;
        boolean cancellation = "CANCELLATION".equals(kind);
        NotificationType type = cancellation ? NotificationType.CANCELLATION_REQUEST : NotificationType.EXTENSION_REQUEST;
        NotificationType answerType = cancellation ? NotificationType.CANCELLATION_ANSWER : NotificationType.EXTENSION_ANSWER;
        String what = cancellation ? "cancellation" : "extension";
        String other = client.equals(asker) ? freelancer : client;
        List<Draft> out = new ArrayList<>();
        switch (status == null ? "" : status) {
            case "OPEN" -> out.add(cancellation
                    ? new Draft(other, type, orderId, "Cancellation requested", cancellationAsked(event, gig,
                            client.equals(asker) ? "The client" : "The freelancer", refund, reason), key)
                    : new Draft(other, type, orderId, "More time requested", "The freelancer asks for more days on \""
                            + gig + "\". Accept or decline it." + theirReason(reason), key));
            case "ACCEPTED", "DECLINED" -> {
                String answer = status.toLowerCase(Locale.ROOT);
                String by = "system".equals(actor) ? " automatically, as it was not answered in time" : "";
                String money = cancellation && "ACCEPTED".equals(status) && refund != null
                        ? ": the order is cancelled and " + refund + " goes back to the client" : "";
                out.add(new Draft(asker, answerType, orderId, "Your " + what + " request was " + answer,
                        "Your " + what + " request on \"" + gig + "\" was " + answer + by + money + ".", key));
            }
            case "WITHDRAWN" -> out.add(new Draft(other, type, orderId, "The " + what + " request was withdrawn",
                    "The " + what + " request on \"" + gig + "\" was withdrawn.", key));
            case "EXPIRED" -> {
                out.add(new Draft(asker, answerType, orderId, "Your " + what + " request expired",
                        "Your " + what + " request on \"" + gig + "\" expired: it was not answered in time and the order "
                                + "goes on.", key + suffix(asker, client)));
                out.add(new Draft(other, type, orderId, "The " + what + " request expired",
                        "The " + what + " request on \"" + gig + "\" expired unanswered; the order goes on.",
                        key + suffix(other, client)));
            }
            default -> { }
        }
        return out;
    }

    /** The platform's words on an open cancellation request: what it proposes, by when to answer, what silence does. */
    private static String cancellationAsked(Event event, String gig, String who, String refund, String reason) {
        String answerBy = text(event, OrderTopics.ANSWER_BY);
        String onSilence = text(event, OrderTopics.ON_SILENCE);
        StringBuilder body = new StringBuilder(who).append(" asks to cancel \"").append(gig).append('"');
        if (refund != null) {
            body.append(", with ").append(refund).append(" going back to the client");
        }
        body.append(". Accept or decline it.");
        if (answerBy != null && "ACCEPT".equals(onSilence)) {
            body.append(" If you do not answer by ").append(readable(answerBy)).append(", the request is accepted automatically and ")
                    .append(refund == null ? "the proposed refund" : refund).append(" goes back to the client.");
        } else if (answerBy != null && "EXPIRE".equals(onSilence)) {
            body.append(" If you do not answer by ").append(readable(answerBy))
                    .append(", the request expires and the order goes on as it is.");
        } else if (answerBy != null) {
            body.append(" Answer it by ").append(readable(answerBy)).append('.');
        }
        return body.append(theirReason(reason)).toString();
    }

    /**
     * A dispute opened tells both sides but the one who opened it (the timers stop; statements are order
     * messages); a decided one tells both sides the decision in words and the administrator's note.
     */
    private static List<Draft> dispute(Event event, String orderId, String client, String freelancer, String gig,
            String actor, String reason) {
        String status = text(event, OrderTopics.DISPUTE_STATUS);
        String key = orderId + "#dispute/" + event.getProperty(OrderTopics.DISPUTE_ID) + "/" + status;
        boolean noted = reason != null && !reason.isBlank();
        List<Draft> out = new ArrayList<>();
        if ("OPEN".equals(status)) {
            String who = Objects.equals(client, actor) ? "The client"
                    : Objects.equals(freelancer, actor) ? "The freelancer" : "An administrator";
            String body = who + " opened a dispute on \"" + gig + "\": an administrator will decide it. Until then the "
                    + "order's timers are stopped. You may add your statement as a message on the order."
                    + theirReason(reason);
            for (String recipient : new String[] {client, freelancer}) {
                if (recipient != null && !recipient.equals(actor)) {
                    out.add(new Draft(recipient, NotificationType.DISPUTE, orderId, "Dispute opened: " + gig, body,
                            key + suffix(recipient, client), extra(OPENER_REASON, reason)));
                }
            }
        } else if ("RESOLVED".equals(status)) {
            // Ended by the client accepting the delivery, or decided by an administrator.
            boolean accepted = Objects.equals(client, actor);
            String body = accepted
                    ? "The client accepted the delivery of \"" + gig + "\", which ends the dispute: " + decision(event) + "."
                    : "An administrator decided the dispute on \"" + gig + "\": " + decision(event) + "."
                            + (noted ? " The administrator's note: " + reason : "");
            for (String recipient : new String[] {client, freelancer}) {
                out.add(new Draft(recipient, NotificationType.DISPUTE, orderId, "Dispute decided: " + gig, body,
                        key + suffix(recipient, client), extra(ADMIN_NOTE, reason)));
            }
        }
        return out;
    }

    /** A dispute's decision in words. */
    private static String decision(Event event) {
        String refund = text(event, OrderTopics.REFUND);
        String dueAt = text(event, OrderTopics.DUE_AT);
        return switch (String.valueOf(event.getProperty(OrderTopics.DECISION))) {
            case "COMPLETE" -> "the work is accepted, the order is completed and the freelancer earns it";
            case "CANCEL" -> refund == null ? "the order is cancelled"
                    : "the order is cancelled and " + refund + " goes back to the client";
            case "CONTINUE" -> dueAt == null ? "the work goes on" : "the work goes on, now due " + readable(dueAt);
            default -> "see the order for what changes";
        };
    }

    /** The other person's words, after the platform's and labelled as theirs. */
    private static String theirReason(String reason) {
        return reason == null || reason.isBlank() ? "" : " Their reason: " + reason;
    }

    /** A value of the recipient's own for channels' templates, if there is one. */
    private static Map<String, String> extra(String name, String value) {
        return value == null || value.isBlank() ? Map.of() : Map.of(name, value);
    }

    /** The end of a key that tells the two sides' notifications of one cause apart. */
    private static String suffix(String recipient, String client) {
        return Objects.equals(client, recipient) ? "/c" : "/f";
    }

    /** An ISO-8601 instant as people read it ({@code 2026-03-04 10:00 UTC}); anything else as it is. */
    static String readable(String instant) {
        try {
            return WHEN.format(Instant.parse(instant));
        } catch (DateTimeParseException notAnInstant) {
            return instant;
        }
    }

    private static String text(Event event, String name) {
        Object v = event.getProperty(name);
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }
}
