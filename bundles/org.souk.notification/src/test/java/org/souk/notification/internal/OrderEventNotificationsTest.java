package org.souk.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.souk.notification.api.NotificationType;
import org.souk.order.api.OrderTopics;

class OrderEventNotificationsTest {

    @Test
    void aPaidOrderTellsTheFreelancerToStartAndTheClientThatPaymentWentThrough() {
        var drafts = OrderEventNotifications.of(event(2, "PENDING", "PROCESSING", "AWAITING_ACCEPTANCE", "system"));
        assertThat(drafts).extracting(d -> d.recipientId() + ":" + d.type())
                .containsExactly("fre:" + NotificationType.NEW_ORDER, "cli:" + NotificationType.PAYMENT_CONFIRMED);
        assertThat(drafts.get(0).title()).isEqualTo("New order: Logo design");
    }

    @Test
    void aLateOrderWarnsBothSidesOnceEach() {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put(OrderTopics.ORDER_ID, "o-1");
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo");
        p.put(OrderTopics.DUE_AT, "2026-12-01T10:00:00Z");
        var drafts = OrderEventNotifications.of(new Event(OrderTopics.LATE, p));
        assertThat(drafts).extracting(d -> d.recipientId() + ":" + d.type())
                .containsExactlyInAnyOrder("cli:LATE_WARNING", "fre:LATE_WARNING");
        assertThat(drafts).extracting(d -> d.title()).containsOnly("Order late: Logo");
    }

    @Test
    void aRequestTellsTheOtherSideAndItsAnswerTellsTheSideThatAsked() {
        var opened = OrderEventNotifications.of(request("CANCELLATION", "OPEN", "cli", "cli"));
        assertThat(opened).extracting(d -> d.recipientId() + ":" + d.type()).containsExactly("fre:CANCELLATION_REQUEST");
        var accepted = OrderEventNotifications.of(request("CANCELLATION", "ACCEPTED", "cli", "system"));
        assertThat(accepted).extracting(d -> d.recipientId() + ":" + d.type()).containsExactly("cli:CANCELLATION_ANSWER");
        assertThat(accepted.get(0).body()).contains("automatically");
        var declined = OrderEventNotifications.of(request("EXTENSION", "DECLINED", "fre", "cli"));
        assertThat(declined).extracting(d -> d.recipientId() + ":" + d.type()).containsExactly("fre:EXTENSION_ANSWER");
        assertThat(OrderEventNotifications.of(request("EXTENSION", "LAPSED", "fre", "fre"))).isEmpty();
        // Each step of one request is its own notification, and a redelivery is the same one.
        assertThat(opened.get(0).dedupKey()).isNotEqualTo(accepted.get(0).dedupKey());
        assertThat(OrderEventNotifications.of(request("CANCELLATION", "OPEN", "cli", "cli")).get(0).dedupKey())
                .isEqualTo(opened.get(0).dedupKey());
    }

    private static Event request(String kind, String status, String askedBy, String actor) {
        Map<String, Object> p = new HashMap<>();
        p.put(OrderTopics.ORDER_ID, "o-1");
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo");
        p.put(OrderTopics.REQUEST_ID, "r-1");
        p.put(OrderTopics.REQUEST_KIND, kind);
        p.put(OrderTopics.REQUEST_STATUS, status);
        p.put(OrderTopics.REQUESTED_BY, askedBy);
        p.put(OrderTopics.ACTOR, actor);
        p.put(OrderTopics.REASON, "the brief changed");
        return new Event(OrderTopics.REQUEST_CHANGED, p);
    }

    @Test
    void placingAnOrderNotifiesNobody() {
        assertThat(OrderEventNotifications.of(event(1, "", "PENDING", "", "cli"))).isEmpty();
    }

    @Test
    void aTransitionIsAnnouncedToTheOtherPartyOnceEach() {
        var accepted = OrderEventNotifications.of(event(3, "PROCESSING", "PROCESSING", "IN_PROGRESS", "fre"));
        assertThat(accepted).extracting(d -> d.recipientId()).containsExactly("cli");
        var again = OrderEventNotifications.of(event(5, "PROCESSING", "PROCESSING", "IN_PROGRESS", "cli"));
        assertThat(again.get(0).dedupKey()).isNotEqualTo(accepted.get(0).dedupKey());
    }

    @Test
    void aFailedPaymentTellsTheClient() {
        var drafts = OrderEventNotifications.of(event(2, "PENDING", "CANCELLED", "", "system"));
        assertThat(drafts).extracting(d -> d.type()).containsExactly(NotificationType.PAYMENT_FAILED);
    }

    private static Event event(int seq, String from, String to, String stage, String actor) {
        Map<String, Object> p = new HashMap<>();
        p.put(OrderTopics.ORDER_ID, "o-1");
        p.put(OrderTopics.SEQUENCE, seq);
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo design");
        p.put(OrderTopics.FROM_STATUS, from);
        p.put(OrderTopics.TO_STATUS, to);
        p.put(OrderTopics.TO_STAGE, stage);
        p.put(OrderTopics.ACTOR, actor);
        p.put(OrderTopics.REASON, "because");
        return new Event(OrderTopics.STATUS_CHANGED, p);
    }
}
