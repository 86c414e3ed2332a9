package org.souk.notification.internal;

import java.util.List;

import org.osgi.service.event.Event;
import org.souk.notification.api.NotificationType;
import org.souk.payment.api.PaymentTopics;

/** Decides who hears what of a declined attempt to pay: the client, told the order is still open. Pure. */
final class PaymentEventNotifications {

    private PaymentEventNotifications() {
    }

    static List<Draft> of(Event event) {
        String paymentId = (String) event.getProperty(PaymentTopics.PAYMENT_ID);
        String orderId = (String) event.getProperty(PaymentTopics.ORDER_ID);
        String client = (String) event.getProperty(PaymentTopics.CLIENT_ID);
        Object attempt = event.getProperty(PaymentTopics.ATTEMPT);
        Object left = event.getProperty(PaymentTopics.ATTEMPTS_LEFT);
        if (!PaymentTopics.DECLINED.equals(event.getTopic()) || paymentId == null || orderId == null || client == null
                || attempt == null) {
            return List.of();
        }
        String reason = (String) event.getProperty(PaymentTopics.REASON);
        String body = "Your payment of " + event.getProperty(PaymentTopics.AMOUNT) + " was declined"
                + (reason == null || reason.isBlank() ? "" : ": " + reason) + ". The order is still open: you may pay "
                + "again with another card or method" + (left == null ? "" : " (" + left + " attempt"
                + ("1".equals(String.valueOf(left)) ? "" : "s") + " left)") + ".";
        return List.of(new Draft(client, NotificationType.PAYMENT_DECLINED, orderId, "Payment declined, you may try again",
                body, paymentId + "#declined/" + attempt));
    }
}
