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
        assertThat(drafts.get(0).body()).contains("full refund");
    }

    @Test
    void aDisputeEndedByTheClientAcceptingTheDeliveryIsNotCalledAnAdministratorsDecision() {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put(OrderTopics.ORDER_ID, "o-1");
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo");
        p.put(OrderTopics.DISPUTE_ID, "d-1");
        p.put(OrderTopics.DISPUTE_STATUS, "RESOLVED");
        p.put(OrderTopics.DECISION, "COMPLETE");
        p.put(OrderTopics.ACTOR, "cli");
        p.put(OrderTopics.REASON, "delivery accepted by the client");
        var byClient = OrderEventNotifications.of(new Event(OrderTopics.DISPUTE_CHANGED, p));
        assertThat(byClient).hasSize(2).allSatisfy(d -> assertThat(d.body()).startsWith("The client accepted the delivery")
                .doesNotContain("administrator"));
        p.put(OrderTopics.ACTOR, "nadia");
        var byAdmin = OrderEventNotifications.of(new Event(OrderTopics.DISPUTE_CHANGED, p));
        assertThat(byAdmin).allSatisfy(d -> assertThat(d.body()).startsWith("An administrator decided"));
    }

    @Test
    void aLateRevisionPromisesNoRefundAndEachMissedDateIsToldOnce() {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put(OrderTopics.ORDER_ID, "o-1");
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo");
        p.put(OrderTopics.DUE_AT, "2026-12-01T10:00:00Z");
        p.put(OrderTopics.DEADLINE, "REVISION_DUE");
        var revision = OrderEventNotifications.of(new Event(OrderTopics.LATE, p));
        assertThat(revision).extracting(d -> d.title()).containsOnly("Revision late: Logo");
        assertThat(revision).allSatisfy(d -> assertThat(d.body()).doesNotContain("full refund").contains("dispute"));
        p.put(OrderTopics.DUE_AT, "2026-12-05T10:00:00Z");
        var later = OrderEventNotifications.of(new Event(OrderTopics.LATE, p));
        assertThat(later.get(0).dedupKey()).isNotEqualTo(revision.get(0).dedupKey());
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

    @Test
    void anOpenCancellationRequestStatesTheRefundTheDeadlineAndWhatSilenceDoesInThePlatformsWords() {
        Map<String, Object> accepting = requestProperties("CANCELLATION", "OPEN", "cli", "cli");
        accepting.put(OrderTopics.REFUND, "150.00 MAD");
        accepting.put(OrderTopics.ANSWER_BY, "2026-03-04T10:00:00Z");
        accepting.put(OrderTopics.ON_SILENCE, "ACCEPT");
        Draft toFreelancer = OrderEventNotifications.of(new Event(OrderTopics.REQUEST_CHANGED, accepting)).get(0);
        assertThat(toFreelancer.recipientId()).isEqualTo("fre");
        assertThat(toFreelancer.type()).isEqualTo(NotificationType.CANCELLATION_REQUEST);
        assertThat(toFreelancer.body()).isEqualTo("The client asks to cancel \"Logo\", with 150.00 MAD going back to the "
                + "client. Accept or decline it. If you do not answer by 2026-03-04 10:00 UTC, the request is accepted "
                + "automatically and 150.00 MAD goes back to the client. Their reason: the brief changed");

        Map<String, Object> expiring = requestProperties("CANCELLATION", "OPEN", "fre", "fre");
        expiring.put(OrderTopics.REFUND, "0.00 MAD");
        expiring.put(OrderTopics.ANSWER_BY, "2026-03-04T10:00:00Z");
        expiring.put(OrderTopics.ON_SILENCE, "EXPIRE");
        expiring.put(OrderTopics.REASON, "Accept or decline it. If you do not answer, the request is accepted automatically");
        Draft toClient = OrderEventNotifications.of(new Event(OrderTopics.REQUEST_CHANGED, expiring)).get(0);
        assertThat(toClient.recipientId()).isEqualTo("cli");
        // The platform's words come first; whatever the asker wrote follows, labelled as theirs.
        assertThat(toClient.body()).startsWith("The freelancer asks to cancel \"Logo\", with 0.00 MAD going back to the "
                + "client. Accept or decline it. If you do not answer by 2026-03-04 10:00 UTC, the request expires and the "
                + "order goes on as it is. Their reason: Accept or decline it.");
        assertThat(toClient.body().indexOf("accepted automatically")).isGreaterThan(toClient.body().indexOf("Their reason: "));
    }

    @Test
    void anExpiredCancellationRequestTellsBothSidesEachOnce() {
        var drafts = OrderEventNotifications.of(request("CANCELLATION", "EXPIRED", "cli", "system"));
        assertThat(drafts).extracting(d -> d.recipientId() + ":" + d.type())
                .containsExactlyInAnyOrder("cli:CANCELLATION_ANSWER", "fre:CANCELLATION_REQUEST");
        Draft asker = drafts.stream().filter(d -> d.recipientId().equals("cli")).findFirst().orElseThrow();
        Draft other = drafts.stream().filter(d -> d.recipientId().equals("fre")).findFirst().orElseThrow();
        assertThat(asker.body()).isEqualTo("Your cancellation request on \"Logo\" expired: it was not answered in time "
                + "and the order goes on.");
        assertThat(other.body()).isEqualTo("The cancellation request on \"Logo\" expired unanswered; the order goes on.");
        assertThat(asker.dedupKey()).isEqualTo("o-1#request/r-1/EXPIRED/c");
        assertThat(other.dedupKey()).isEqualTo("o-1#request/r-1/EXPIRED/f");
        // Asked by the freelancer, the same two notifications the other way round.
        assertThat(OrderEventNotifications.of(request("CANCELLATION", "EXPIRED", "fre", "system")))
                .extracting(d -> d.recipientId() + ":" + d.type() + ":" + d.dedupKey())
                .containsExactlyInAnyOrder("fre:CANCELLATION_ANSWER:o-1#request/r-1/EXPIRED/f",
                        "cli:CANCELLATION_REQUEST:o-1#request/r-1/EXPIRED/c");
    }

    @Test
    void anAcceptedCancellationTellsTheAskerWhatGoesBack() {
        Map<String, Object> p = requestProperties("CANCELLATION", "ACCEPTED", "cli", "fre");
        p.put(OrderTopics.REFUND, "150.00 MAD");
        assertThat(OrderEventNotifications.of(new Event(OrderTopics.REQUEST_CHANGED, p)).get(0).body())
                .isEqualTo("Your cancellation request on \"Logo\" was accepted: the order is cancelled and 150.00 MAD goes "
                        + "back to the client.");
    }

    @Test
    void anOpenedDisputeTellsTheOtherSideThatTimersStopAndWhereToAddStatements() {
        var drafts = OrderEventNotifications.of(dispute("OPEN", "cli", "The logo is not what we agreed"));
        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.recipientId()).isEqualTo("fre");
            assertThat(d.type()).isEqualTo(NotificationType.DISPUTE);
            assertThat(d.title()).isEqualTo("Dispute opened: Logo");
            assertThat(d.body()).isEqualTo("The client opened a dispute on \"Logo\": an administrator will decide it. Until "
                    + "then the order's timers are stopped. You may add your statement as a message on the order. Their "
                    + "reason: The logo is not what we agreed");
            assertThat(d.dedupKey()).isEqualTo("o-1#dispute/d-1/OPEN/f");
            assertThat(d.data()).containsOnly(Map.entry(OrderEventNotifications.OPENER_REASON, "The logo is not what we agreed"));
        });
        // Opened by an administrator, both sides hear of it.
        assertThat(OrderEventNotifications.of(dispute("OPEN", "admin", "")))
                .extracting(d -> d.recipientId() + ":" + d.dedupKey())
                .containsExactlyInAnyOrder("cli:o-1#dispute/d-1/OPEN/c", "fre:o-1#dispute/d-1/OPEN/f");
    }

    @Test
    void aDecidedDisputeTellsBothSidesTheDecisionInWordsAndTheAdministratorsNote() {
        Map<String, Object> cancel = disputeProperties("RESOLVED", "admin", "Half the work was usable");
        cancel.put(OrderTopics.DECISION, "CANCEL");
        cancel.put(OrderTopics.REFUND, "100.00 MAD");
        var drafts = OrderEventNotifications.of(new Event(OrderTopics.DISPUTE_CHANGED, cancel));
        assertThat(drafts).extracting(d -> d.recipientId() + ":" + d.type() + ":" + d.dedupKey())
                .containsExactlyInAnyOrder("cli:DISPUTE:o-1#dispute/d-1/RESOLVED/c", "fre:DISPUTE:o-1#dispute/d-1/RESOLVED/f");
        assertThat(drafts).extracting(Draft::body).containsOnly("An administrator decided the dispute on \"Logo\": the "
                + "order is cancelled and 100.00 MAD goes back to the client. The administrator's note: Half the work was usable");
        assertThat(drafts).allSatisfy(d -> assertThat(d.data())
                .containsOnly(Map.entry(OrderEventNotifications.ADMIN_NOTE, "Half the work was usable")));

        Map<String, Object> carryOn = disputeProperties("RESOLVED", "admin", "One more week");
        carryOn.put(OrderTopics.DECISION, "CONTINUE");
        carryOn.put(OrderTopics.DUE_AT, "2026-03-11T09:30:00Z");
        assertThat(OrderEventNotifications.of(new Event(OrderTopics.DISPUTE_CHANGED, carryOn)).get(0).body())
                .contains("the work goes on, now due 2026-03-11 09:30 UTC.");

        Map<String, Object> complete = disputeProperties("RESOLVED", "admin", null);
        complete.put(OrderTopics.DECISION, "COMPLETE");
        assertThat(OrderEventNotifications.of(new Event(OrderTopics.DISPUTE_CHANGED, complete)).get(0).body())
                .isEqualTo("An administrator decided the dispute on \"Logo\": the work is accepted, the order is completed "
                        + "and the freelancer earns it.");
    }

    private static Event dispute(String status, String actor, String reason) {
        return new Event(OrderTopics.DISPUTE_CHANGED, disputeProperties(status, actor, reason));
    }

    private static Map<String, Object> disputeProperties(String status, String actor, String reason) {
        Map<String, Object> p = new HashMap<>();
        p.put(OrderTopics.ORDER_ID, "o-1");
        p.put(OrderTopics.CLIENT_ID, "cli");
        p.put(OrderTopics.FREELANCER_ID, "fre");
        p.put(OrderTopics.GIG_TITLE, "Logo");
        p.put(OrderTopics.DISPUTE_ID, "d-1");
        p.put(OrderTopics.DISPUTE_STATUS, status);
        p.put(OrderTopics.ACTOR, actor);
        if (reason != null) {
            p.put(OrderTopics.REASON, reason);
        }
        return p;
    }

    private static Event request(String kind, String status, String askedBy, String actor) {
        return new Event(OrderTopics.REQUEST_CHANGED, requestProperties(kind, status, askedBy, actor));
    }

    private static Map<String, Object> requestProperties(String kind, String status, String askedBy, String actor) {
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
        return p;
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
