package org.souk.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.souk.notification.api.NotificationType;
import org.souk.payment.api.PaymentTopics;

class PaymentEventNotificationsTest {

    private static Event declined(int attempt, int left) {
        Map<String, Object> p = new HashMap<>();
        p.put(PaymentTopics.PAYMENT_ID, "p-1");
        p.put(PaymentTopics.ORDER_ID, "o-1");
        p.put(PaymentTopics.CLIENT_ID, "cli");
        p.put(PaymentTopics.FREELANCER_ID, "fre");
        p.put(PaymentTopics.AMOUNT, "250.00 MAD");
        p.put(PaymentTopics.REASON, "card declined");
        p.put(PaymentTopics.ATTEMPT, attempt);
        p.put(PaymentTopics.ATTEMPTS_LEFT, left);
        return new Event(PaymentTopics.DECLINED, p);
    }

    @Test
    void aDeclinedAttemptTellsTheClientThatTheOrderIsStillOpen() {
        var drafts = PaymentEventNotifications.of(declined(1, 2));
        assertThat(drafts).hasSize(1);
        var draft = drafts.get(0);
        assertThat(draft.recipientId()).isEqualTo("cli");
        assertThat(draft.type()).isEqualTo(NotificationType.PAYMENT_DECLINED);
        assertThat(draft.orderId()).isEqualTo("o-1");
        assertThat(draft.body()).contains("card declined").contains("pay again").contains("2 attempts left");
    }

    @Test
    void eachAttemptIsToldOnceHoweverOftenItsEventArrives() {
        assertThat(PaymentEventNotifications.of(declined(1, 2)).get(0).dedupKey())
                .isEqualTo(PaymentEventNotifications.of(declined(1, 2)).get(0).dedupKey())
                .isNotEqualTo(PaymentEventNotifications.of(declined(2, 1)).get(0).dedupKey());
        assertThat(PaymentEventNotifications.of(declined(2, 1)).get(0).body()).contains("1 attempt left");
    }

    @Test
    void otherPaymentEventsTellNobody() {
        assertThat(PaymentEventNotifications.of(new Event(PaymentTopics.FAILED, Map.of(PaymentTopics.PAYMENT_ID, "p-1"))))
                .isEmpty();
    }
}
