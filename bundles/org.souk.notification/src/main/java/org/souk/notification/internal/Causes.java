package org.souk.notification.internal;

import java.util.List;
import java.util.Map;

import org.osgi.service.event.Event;
import org.souk.message.api.MessageTopics;
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
        if (MessageTopics.SENT.equals(topic)) {
            return messageSent(properties);
        }
        if (OutboxTopics.EMAIL_CHANGE_REQUESTED.equals(topic)) {
            return emailChangeRequested(properties);
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

    /**
     * A new address waits for its confirmation: the link goes to the new address, a notice to the old one (if
     * the user had one), both by email only. The notice carries no token.
     */
    private static List<Draft> emailChangeRequested(Map<String, Object> p) {
        String changeId = text(p, OutboxTopics.CHANGE_ID);
        String user = text(p, OutboxTopics.USER_ID);
        String newEmail = text(p, OutboxTopics.NEW_EMAIL);
        String token = text(p, OutboxTopics.TOKEN);
        if (changeId == null || user == null || newEmail == null || token == null) {
            return List.of();
        }
        String expiresAt = text(p, OutboxTopics.EXPIRES_AT);
        List<Draft> drafts = new java.util.ArrayList<>();
        drafts.add(new Draft(user, NotificationType.EMAIL_CHANGE_CONFIRMATION, null, "Confirm your new email address",
                "To receive Souk's emails at this address, confirm the change with the token " + token
                        + " (POST /api/v1/me/email-confirmation)" + (expiresAt == null ? "" : " before " + expiresAt)
                        + ". If it was not you, ignore this email: nothing changes.",
                "email-change#" + changeId + "#confirm", Map.of(Draft.ADDRESS, newEmail)));
        String oldEmail = text(p, OutboxTopics.OLD_EMAIL);
        if (oldEmail != null && !oldEmail.isBlank()) {
            drafts.add(new Draft(user, NotificationType.EMAIL_CHANGE_NOTICE, null, "A change of your email address was asked",
                    "A change of your Souk email address to " + text(p, OutboxTopics.NEW_EMAIL_MASKED)
                            + " was asked. If it was not you, do not confirm anything, and secure your account.",
                    "email-change#" + changeId + "#notice", Map.of(Draft.ADDRESS, oldEmail, OutboxTopics.TOKEN, "",
                            OutboxTopics.NEW_EMAIL, "")));
        }
        return drafts;
    }

    /** A message tells the other side of the order: the gig in the title, the start of the text as the body. */
    private static List<Draft> messageSent(Map<String, Object> p) {
        String messageId = text(p, MessageTopics.MESSAGE_ID);
        String recipient = text(p, MessageTopics.RECIPIENT_ID);
        if (messageId == null || recipient == null || recipient.equals(text(p, MessageTopics.AUTHOR_ID))) {
            return List.of();
        }
        String gig = text(p, MessageTopics.GIG_TITLE);
        String excerpt = text(p, MessageTopics.EXCERPT);
        return List.of(new Draft(recipient, NotificationType.MESSAGE, text(p, MessageTopics.ORDER_ID),
                gig == null ? "New message on your order" : "New message on \"" + gig + "\"",
                excerpt == null ? "" : start(excerpt, MessageTopics.EXCERPT_LENGTH), "message#" + messageId));
    }

    /** At most {@code max} characters, never half of one. */
    private static String start(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
