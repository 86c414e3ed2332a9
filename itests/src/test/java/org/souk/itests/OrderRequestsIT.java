package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the two sides of a paid order ask of each other, over real HTTP: a mutual cancellation with a
 * partial refund, its automatic acceptance when unanswered, racing answers, and extensions of the due date.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OrderRequestsIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Menu design\",\"description\":\"A menu for your restaurant\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One page\",\"price\":\"250.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PDF\"]}]}";


    private String freelancer;
    private String client;

    @Before
    public void users() throws Exception {
        freelancer = token("fadwa", "freelancer");
        client = token("anas", "client");
        // The requests resource publishes on its own: a refusal of ours, not the container's 404, means it is up.
        await("the requests resource", () -> "urn:souk:problem:not-found".equals(
                http.get("orders/none/cancellation-request", client).at("/type")));
    }

    @Test
    public void bothSidesAgreeToCancelWithAPartialRefund() throws Exception {
        String orderId = paidAndAccepted();
        String path = "orders/" + orderId + "/cancellation-request";

        // Bad requests change nothing.
        assertField(http.post(path, client, "{\"refund\":{\"amount\":\"150.00\"}}"), "reason");
        assertField(http.post(path, client, "{\"reason\":\"x\",\"refund\":{\"amount\":\"300.00\"}}"), "refund.amount");
        assertField(http.post(path, client, "{\"reason\":\"x\",\"refund\":{\"amount\":\"-1\"}}"), "refund.amount");
        assertField(http.post(path, client, "{\"reason\":\"x\",\"refund\":{\"amount\":\"ten\"}}"), "refund.amount");
        assertField(http.post(path, client, "{\"reason\":\"x\",\"refund\":{\"amount\":\"1.234\"}}"), "refund.amount");
        assertField(http.post(path, client, "{\"reason\":\"x\",\"refund\":{\"amount\":\"10\",\"currency\":\"EUR\"}}"), "refund.currency");
        assertProblem(http.post(path, token("samira", "client"), "{\"reason\":\"x\"}"), 404, "not-found");
        assertProblem(http.get(path, client), 404, "no-request");
        Reply untouched = http.get("orders/" + orderId, client);
        assertEquals(0, untouched.json().get("openRequests").size());
        assertNull(untouched.json().get("deadlines").get("CANCELLATION_ANSWER"));

        Reply asked = http.post(path, client, "{\"reason\":\"We found an in-house designer\",\"refund\":{\"amount\":\"150.00\"}}");
        assertEquals(asked.toString(), 201, asked.status());
        assertEquals("OPEN", asked.at("/status"));
        assertEquals("CANCELLATION", asked.at("/kind"));
        assertEquals("150.00", asked.at("/refund/amount"));
        assertEquals("MAD", asked.at("/refund/currency"));
        assertEquals("anas", asked.at("/requestedBy"));
        Instant answerBy = Instant.parse(asked.at("/answerBy"));
        assertTrue(answerBy.isAfter(Instant.now().plus(Duration.ofHours(47))));

        Reply seenByClient = http.get("orders/" + orderId, client);
        assertEquals("PROCESSING", seenByClient.at("/status"));
        assertEquals(asked.at("/id"), seenByClient.at("/openRequests/0/id"));
        assertEquals(answerBy, Instant.parse(seenByClient.at("/deadlines/CANCELLATION_ANSWER")));
        assertEquals("[\"WITHDRAW_CANCELLATION_REQUEST\",\"OPEN_DISPUTE\"]", seenByClient.json().get("allowedActions").toString());
        Reply seenByFreelancer = http.get("orders/" + orderId, freelancer);
        assertEquals("[\"DELIVER\",\"ANSWER_CANCELLATION\",\"REQUEST_EXTENSION\",\"OPEN_DISPUTE\"]",
                seenByFreelancer.json().get("allowedActions").toString());
        await("the freelancer hears of the request", () -> souk.inboxHas(freelancer, "CANCELLATION_REQUEST", orderId));
        String shown = console("souk:order " + orderId);
        assertTrue(shown, shown.contains("Open request CANCELLATION") && shown.contains("150.00 MAD"));

        // One open request at a time; the side that asked does not answer it.
        assertProblem(http.post(path, freelancer, "{\"reason\":\"me too\"}"), 409, "request-already-open");
        assertProblem(http.post(path + "/accept", client, null), 403, "not-your-turn");
        assertProblem(http.post(path + "/decline", client, null), 403, "not-your-turn");
        assertProblem(http.post(path + "/withdraw", freelancer, null), 403, "not-your-turn");

        Reply agreed = http.post(path + "/accept", freelancer, "{\"note\":\"Understood, good luck\"}");
        assertEquals(agreed.toString(), 200, agreed.status());
        assertEquals("CANCELLED", agreed.at("/order/status"));
        assertEquals("MUTUAL_AGREEMENT", agreed.at("/order/cancellationReason"));
        assertEquals("150.00", agreed.at("/refund/amount/amount"));
        assertEquals("SUCCEEDED", agreed.at("/refund/status"));
        JsonNode timeline = agreed.json().get("order").get("timeline");
        assertEquals("fadwa", timeline.get(timeline.size() - 1).get("actor").asText());

        Reply answered = http.get(path, client);
        assertEquals("ACCEPTED", answered.at("/status"));
        assertEquals("fadwa", answered.at("/answeredBy"));
        assertEquals("Understood, good luck", answered.at("/answerNote"));
        assertProblem(http.post(path + "/accept", freelancer, null), 409, "no-open-request");
        Reply order = http.get("orders/" + orderId, client);
        assertEquals(1, order.json().get("refunds").size());
        assertEquals("150.00", order.at("/refunds/0/amount/amount"));
        assertEquals(0, order.json().get("openRequests").size());
        assertNull(order.json().get("deadlines").get("CANCELLATION_ANSWER"));
        // The side that asked hears the answer, and the client the refund once it is paid out.
        await("the client hears of the answer", () -> souk.inboxHas(client, "CANCELLATION_ANSWER", orderId));
        await("the client hears of the refund", () -> souk.inboxHas(client, "REFUND", orderId));

        // An unpaid order is withdrawn by its client, not cancelled by agreement.
        String unpaid = placeOrder(createGig());
        assertProblem(http.post("orders/" + unpaid + "/cancellation-request", client, "{\"reason\":\"x\"}"), 409, "wrong-state");
    }

    @Test
    public void ofRacingAnswersToOneCancellationRequestExactlyOneWins() throws Exception {
        String orderId = paidAndAccepted();
        String path = "orders/" + orderId + "/cancellation-request";
        assertEquals(201, http.post(path, freelancer, "{\"reason\":\"I fell ill\"}").status());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> answers = new ArrayList<>();
        try {
            for (String answer : new String[] {"accept", "decline", "accept", "decline"}) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.post(path + "/" + answer, client, null);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Reply> f : answers) {
                Reply r = f.get();
                if (r.status() == 200) {
                    won++;
                } else {
                    assertEquals(r.toString(), 409, r.status());
                }
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
        Reply order = http.get("orders/" + orderId, client);
        String outcome = http.get(path, client).at("/status");
        if ("ACCEPTED".equals(outcome)) {
            assertEquals("CANCELLED", order.at("/status"));
            assertEquals(1, order.json().get("refunds").size());
            assertEquals("250.00", order.at("/refunds/0/amount/amount"));
        } else {
            assertEquals("DECLINED", outcome);
            assertEquals("PROCESSING", order.at("/status"));
            assertEquals(0, order.json().get("refunds").size());
        }
    }

    @Test
    public void anInsistentClientCannotHoldTheEscrowHostageAfterDelivery() throws Exception {
        String orderId = paidAndAccepted();
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}").at("/stage"));
        String path = "orders/" + orderId + "/cancellation-request";

        // Declined: the same side waits the cooldown before asking again.
        assertEquals(201, http.post(path, client, "{\"reason\":\"Not what I asked for\",\"refund\":{\"amount\":\"100\"}}").status());
        Reply declined = http.post(path + "/decline", freelancer, "{\"note\":\"It matches the brief\"}");
        assertEquals(declined.toString(), "DECLINED", declined.at("/status"));
        assertProblem(http.post(path, client, "{\"reason\":\"Second thoughts\"}"), 409, "request-cooldown");
        assertEquals("[\"REQUEST_REVISION\",\"COMPLETE\",\"OPEN_DISPUTE\"]",
                http.get("orders/" + orderId, client).json().get("allowedActions").toString());
        assertProblem(http.post(path + "/decline", freelancer, "{\"note\":"), 400, "malformed-json");
        Reply still = http.get("orders/" + orderId, client);
        assertEquals("DELIVERED", still.at("/stage"));
        assertNull(still.json().get("deadlines").get("CANCELLATION_ANSWER"));
        Instant autoComplete = Instant.parse(still.at("/deadlines/AUTO_COMPLETE"));

        MovableClock clock = souk.movableClock();
        try {
            // Two days into the three-day review window the client asks again, and the freelancer is silent.
            clock.advance(Duration.ofDays(2));
            Reply asked = http.post(path, client, "{\"reason\":\"The colours are wrong\",\"refund\":{\"amount\":\"200.00\"}}");
            assertEquals(asked.toString(), 201, asked.status());
            Instant answerBy = Instant.parse(asked.at("/answerBy"));
            clock.advance(Duration.ofDays(1).plusMinutes(1));
            souk.fireDueDeadlines();
            Reply waiting = http.get("orders/" + orderId, client);
            assertEquals("the review window ended, but completing would release what the request is about",
                    "DELIVERED", waiting.at("/stage"));
            assertEquals("OPEN", waiting.at("/openRequests/0/status"));
            assertTrue(waiting.toString(), Instant.parse(waiting.at("/deadlines/AUTO_COMPLETE")).isAfter(autoComplete));

            // Unanswered, a partial refund after delivery is no agreement: it expires and the work is paid for.
            clock.advance(Duration.ofDays(1));
            souk.fireDueDeadlines();
            Reply completed = http.get("orders/" + orderId, client);
            assertEquals(completed.toString(), "COMPLETED", completed.at("/status"));
            assertEquals(0, completed.json().get("refunds").size());
            Reply request = http.get(path, freelancer);
            assertEquals("EXPIRED", request.at("/status"));
            assertEquals("system", request.at("/answeredBy"));
            assertTrue(answerBy.isBefore(clock.instant()));
            await("the client hears that the request expired", () -> souk.inboxHas(client, "CANCELLATION_ANSWER", orderId));
            String timers = console("souk:timers -n 500");
            assertTrue(timers, !timers.contains(orderId));
        } finally {
            souk.resetClocks();
        }
    }

    @Test
    public void silenceIsNeverConsentToLoseMoney() throws Exception {
        String orderId = paidAndAccepted();
        String path = "orders/" + orderId + "/cancellation-request";
        // The freelancer asks to cancel keeping the whole total; the client says nothing.
        Reply asked = http.post(path, freelancer, "{\"reason\":\"Let us stop here\",\"refund\":{\"amount\":\"0\"}}");
        assertEquals(asked.toString(), 201, asked.status());
        await("the client is told the refund and what silence does", () -> {
            JsonNode n = souk.notification(client, "CANCELLATION_REQUEST", orderId);
            return n != null && n.get("body").asText().contains("0.00 MAD") && n.get("body").asText().contains("expires");
        });
        // The request's notification cannot be switched off.
        assertField(http.patch("notification-preferences", client,
                "{\"type\":\"cancellation_request\",\"channel\":\"in_app\",\"enabled\":false}"), "enabled");

        MovableClock clock = souk.movableClock();
        try {
            clock.advance(Duration.ofHours(48).plusMinutes(1));
            souk.fireDueDeadlines();
            Reply order = http.get("orders/" + orderId, client);
            assertEquals(order.toString(), "PROCESSING", order.at("/status"));
            assertEquals(0, order.json().get("refunds").size());
            assertEquals("EXPIRED", http.get(path, client).at("/status"));
            await("the freelancer hears that the request expired", () -> souk.inboxHas(freelancer, "CANCELLATION_ANSWER", orderId));
            await("the client hears that the request expired", () -> {
                JsonNode n = souk.notification(client, "CANCELLATION_REQUEST", orderId);
                return n != null && n.get("body").asText().contains("expired");
            });

            // The whole total back is what the client would get anyway: after the cooldown, silence accepts that.
            assertProblem(http.post(path, freelancer, "{\"reason\":\"Full refund then\"}"), 409, "request-cooldown");
            clock.advance(Duration.ofDays(2));
            assertEquals(201, http.post(path, freelancer, "{\"reason\":\"Full refund then\"}").status());
            clock.advance(Duration.ofHours(48).plusMinutes(1));
            souk.fireDueDeadlines();
            Reply cancelled = http.get("orders/" + orderId, client);
            assertEquals(cancelled.toString(), "CANCELLED", cancelled.at("/status"));
            assertEquals("MUTUAL_AGREEMENT", cancelled.at("/cancellationReason"));
            assertEquals("250.00", cancelled.at("/refunds/0/amount/amount"));
            assertEquals("ACCEPTED", http.get(path, freelancer).at("/status"));
            assertEquals("system", http.get(path, freelancer).at("/answeredBy"));
        } finally {
            souk.resetClocks();
        }
    }

    @Test
    public void workDeliveredOnTimeIsNeverCancelledAsLate() throws Exception {
        String orderId = paidAndAccepted(); // three delivery days, one revision
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"v1\"}").at("/stage"));
        MovableClock clock = souk.movableClock();
        try {
            // Past the due date and the grace the client sends the delivery back: in progress again, but not late.
            clock.advance(Duration.ofDays(2).plusHours(23));
            Reply revising = http.post("orders/" + orderId + "/revisions", client, "{\"note\":\"Bigger prices\"}");
            assertEquals(revising.toString(), "IN_PROGRESS", revising.at("/stage"));
            clock.advance(Duration.ofDays(2));
            Reply order = http.get("orders/" + orderId, client);
            assertTrue(order.toString(), !order.json().get("allowedActions").toString().contains("CANCEL_LATE"));
            assertNull(order.json().get("deadlines").get("DUE"));
            Instant revisionDue = Instant.parse(order.at("/deadlines/REVISION_DUE"));
            assertEquals(clock.instant().minus(Duration.ofDays(2)).plus(Duration.ofDays(3)).getEpochSecond(),
                    revisionDue.getEpochSecond(), 5);
            assertProblem(http.post("orders/" + orderId + "/cancel", client, "{\"reason\":\"LATE_DELIVERY\"}"), 409,
                    "window-closed");

            // A revision missed is told to both sides once, and still gives no right to a refund alone.
            clock.advance(Duration.ofDays(1).plusMinutes(1));
            souk.fireDueDeadlines();
            await("the client hears the revision is late", () -> souk.inboxHas(client, "LATE_WARNING", orderId));
            assertProblem(http.post("orders/" + orderId + "/cancel", client, "{\"reason\":\"LATE_DELIVERY\"}"), 409,
                    "window-closed");
            assertEquals("PROCESSING", http.get("orders/" + orderId, client).at("/status"));
            assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"v2\"}").at("/stage"));
            assertEquals("COMPLETED", http.post("orders/" + orderId + "/complete", client, null).at("/status"));
        } finally {
            souk.resetClocks();
        }
    }

    @Test
    public void aDisputeStopsTheTimersUntilAnAdministratorDecides() throws Exception {
        String admin = token("nabila", "admin");
        String orderId = paidAndAccepted();
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}").at("/stage"));
        String path = "orders/" + orderId + "/dispute";

        assertField(http.post(path, client, "{\"outcome\":{\"refund\":{\"amount\":\"200.00\"}}}"), "reason");
        assertField(http.post(path, client, "{\"reason\":\"x\",\"outcome\":{\"refund\":{\"amount\":\"900.00\"}}}"), "refund.amount");
        assertProblem(http.post(path, token("samira", "client"), "{\"reason\":\"x\"}"), 404, "not-found");
        assertProblem(http.get(path, client), 404, "not-found");
        Reply opened = http.post(path, client, "{\"reason\":\"The menu is missing the desserts\","
                + "\"outcome\":{\"refund\":{\"amount\":\"200.00\"}}}");
        assertEquals(opened.toString(), 201, opened.status());
        String disputeId = opened.at("/id");
        assertEquals("OPEN", opened.at("/status"));
        assertEquals("200.00", opened.at("/proposedRefund/amount"));
        assertProblem(http.post(path, freelancer, "{\"reason\":\"me too\"}"), 409, "order-disputed");
        assertEquals(disputeId, http.get(path, freelancer).at("/id"));

        // The order's timers stop; nothing moves it but the client's acceptance or a decision.
        Reply disputed = http.get("orders/" + orderId, client);
        assertEquals(0, disputed.json().get("deadlines").size());
        assertEquals("[\"COMPLETE\"]", disputed.json().get("allowedActions").toString());
        assertEquals("[]", http.get("orders/" + orderId, freelancer).json().get("allowedActions").toString());
        assertProblem(http.post("orders/" + orderId + "/cancellation-request", freelancer, "{\"reason\":\"x\"}"), 409,
                "order-disputed");
        assertEquals(201, http.post("orders/" + orderId + "/messages", freelancer,
                "{\"body\":\"The brief had no desserts; see the first message.\"}").status());
        await("the freelancer hears of the dispute", () -> souk.inboxHas(freelancer, "DISPUTE", orderId));

        // Only administrators list and decide; they see the order, its timeline, the statements and the stake.
        assertProblem(http.get("disputes", client), 403, "forbidden");
        assertProblem(http.post("disputes/" + disputeId + "/resolve", client, "{\"decision\":\"CANCEL\"}"), 403, "forbidden");
        Reply list = http.get("disputes", admin);
        JsonNode mine = null;
        for (JsonNode item : list.json().get("items")) {
            if (disputeId.equals(item.at("/dispute/id").asText())) {
                mine = item;
            }
        }
        assertNotNull(list.toString(), mine);
        assertEquals("250.00", mine.at("/atStake/total/amount").asText());
        assertEquals("200.00", mine.at("/atStake/proposedRefund/amount").asText());
        assertTrue(mine.at("/order/timeline").size() >= 4);
        assertEquals(1, mine.at("/messages").size());
        assertEquals(disputeId, http.get("disputes/" + disputeId, client).at("/dispute/id"));
        assertProblem(http.get("disputes/" + disputeId, token("samira", "client")), 404, "not-found");
        String listed = console("souk:disputes");
        assertTrue(listed, listed.contains(disputeId) && listed.contains(orderId));

        MovableClock clock = souk.movableClock();
        try {
            clock.advance(Duration.ofDays(10));
            souk.fireDueDeadlines();
            assertEquals("DELIVERED", http.get("orders/" + orderId, client).at("/stage"));
            // Unanswered for longer than dispute.attention.after: a warning in the node's health.
            Reply health = http.get("health", null);
            assertEquals(health.toString(), "DEGRADED", health.at("/status"));
            assertTrue(health.toString(), health.toString().contains(disputeId));

            String resolve = "disputes/" + disputeId + "/resolve";
            assertField(http.post(resolve, admin, "{\"decision\":\"MAYBE\",\"note\":\"x\"}"), "decision");
            assertField(http.post(resolve, admin, "{\"decision\":\"CANCEL\",\"note\":\"x\"}"), "refund");
            assertField(http.post(resolve, admin, "{\"decision\":\"CANCEL\",\"refund\":{\"amount\":\"300.00\"},\"note\":\"x\"}"),
                    "refund.amount");
            assertField(http.post(resolve, admin, "{\"decision\":\"CONTINUE\",\"note\":\"x\"}"), "dueAt");
            assertField(http.post(resolve, admin, "{\"decision\":\"COMPLETE\"}"), "note");
            Reply decided = http.post(resolve, admin, "{\"decision\":\"CANCEL\",\"refund\":{\"amount\":\"100.00\"},"
                    + "\"note\":\"Desserts were not in the brief, the layout was\"}");
            assertEquals(decided.toString(), 200, decided.status());
            assertEquals("RESOLVED", decided.at("/dispute/status"));
            assertEquals("nabila", decided.at("/dispute/decidedBy"));
            assertEquals("CANCELLED", decided.at("/order/status"));
            assertEquals("DISPUTE_DECISION", decided.at("/order/cancellationReason"));
            assertEquals("100.00", decided.at("/refund/amount/amount"));
            assertProblem(http.post(resolve, admin, "{\"decision\":\"COMPLETE\",\"note\":\"again\"}"), 409, "dispute-closed");
            await("the client hears the decision", () -> {
                JsonNode n = souk.notification(client, "DISPUTE", orderId);
                return n != null && n.get("body").asText().contains("100.00");
            });
            assertEquals("UP", http.get("health", null).at("/status"));
        } finally {
            souk.resetClocks();
        }

        // The work may continue to a new due date, decided on the console, and then be completed by a decision.
        String other = paidAndAccepted();
        String second = http.post("orders/" + other + "/dispute", freelancer, "{\"reason\":\"The client sends no content\"}").at("/id");
        String continued = console("souk:dispute-resolve --due 2030-01-15 " + second + " continue \"Content by Friday\"");
        assertTrue(continued, continued.contains("CONTINUE"));
        Reply working = http.get("orders/" + other, client);
        assertEquals("IN_PROGRESS", working.at("/stage"));
        assertEquals("2030-01-15T23:59:59Z", working.at("/dueAt"));
        assertEquals("2030-01-15T23:59:59Z", working.at("/deadlines/DUE"));
        assertEquals("DELIVERED", http.post("orders/" + other + "/deliveries", freelancer, "{\"note\":\"done\"}").at("/stage"));
        String third = http.post("orders/" + other + "/dispute", freelancer, "{\"reason\":\"Delivered as agreed\"}").at("/id");
        Reply completed = http.post("disputes/" + third + "/resolve", admin, "{\"decision\":\"COMPLETE\",\"note\":\"Delivered as agreed\"}");
        assertEquals(completed.toString(), "COMPLETED", completed.at("/order/status"));
    }

    @Test
    public void anAcceptedExtensionMovesTheDueDate() throws Exception {
        String orderId = paidAndAccepted();
        String path = "orders/" + orderId + "/extension-request";
        Instant due = Instant.parse(http.get("orders/" + orderId, client).at("/dueAt"));

        assertField(http.post(path, freelancer, "{\"days\":0,\"reason\":\"x\"}"), "days");
        assertField(http.post(path, freelancer, "{\"days\":31,\"reason\":\"x\"}"), "days");
        assertField(http.post(path, freelancer, "{\"reason\":\"x\"}"), "days");
        assertField(http.post(path, freelancer, "{\"days\":2}"), "reason");
        assertProblem(http.post(path, client, "{\"days\":2,\"reason\":\"x\"}"), 403, "not-your-turn");

        Reply asked = http.post(path, freelancer, "{\"days\":2,\"reason\":\"The printer needs the final sizes\"}");
        assertEquals(asked.toString(), 201, asked.status());
        assertEquals(2, asked.json().get("days").asInt());
        assertEquals("[\"REQUEST_CANCELLATION\",\"ANSWER_EXTENSION\",\"OPEN_DISPUTE\"]",
                http.get("orders/" + orderId, client).json().get("allowedActions").toString());
        assertProblem(http.post(path + "/accept", freelancer, null), 403, "not-your-turn");
        await("the client hears of the request", () -> souk.inboxHas(client, "EXTENSION_REQUEST", orderId));

        // As a frontend or curl sends it: no body, no content type.
        Reply extended = http.postEmpty(path + "/accept", client);
        assertEquals(extended.toString(), 200, extended.status());
        assertEquals(due.plus(Duration.ofDays(2)), Instant.parse(extended.at("/dueAt")));
        assertEquals(due.plus(Duration.ofDays(2)), Instant.parse(extended.at("/deadlines/DUE")));
        assertEquals("ACCEPTED", http.get(path, freelancer).at("/status"));

        // Declined: the due date stays. An open request lapses when the work is delivered.
        assertEquals(201, http.post(path, freelancer, "{\"days\":5,\"reason\":\"More time please\"}").status());
        assertEquals("DECLINED", http.post(path + "/decline", client, "{\"note\":\"We open on Monday\"}").at("/status"));
        assertEquals(due.plus(Duration.ofDays(2)), Instant.parse(http.get("orders/" + orderId, client).at("/dueAt")));
        assertEquals(201, http.post(path, freelancer, "{\"days\":1,\"reason\":\"One more day\"}").status());
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}").at("/stage"));
        assertEquals("LAPSED", http.get(path, client).at("/status"));
        assertProblem(http.post(path + "/accept", client, null), 409, "no-open-request");

        // The package's one revision, then no more: the refusal says why.
        String revisions = "orders/" + orderId + "/revisions";
        assertEquals("IN_PROGRESS", http.post(revisions, client, "{\"note\":\"Bigger prices\"}").at("/stage"));
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"v2\"}").at("/stage"));
        assertProblem(http.post(revisions, client, "{\"note\":\"Smaller prices\"}"), 409, "revisions-exhausted");
    }

    @Test
    public void anAdministratorCancelsWithTheRefundTheyDecide() throws Exception {
        String orderId = paidAndAccepted();
        // Only an administrator chooses the refund; too much is refused and changes nothing.
        assertProblem(http.post("orders/" + orderId + "/cancel", client,
                "{\"reason\":\"LATE_DELIVERY\",\"refund\":{\"amount\":\"10\"}}"), 403, "forbidden");
        String refused = souk.consoleError("souk:order-cancel --refund 999 " + orderId + " POLICY_VIOLATION");
        assertTrue(refused, refused.contains("at most"));
        assertEquals("PROCESSING", http.get("orders/" + orderId, client).at("/status"));

        String done = console("souk:order-cancel --refund 100.00 " + orderId + " POLICY_VIOLATION \"copied work\"");
        assertTrue(done, done.contains("CANCELLED") && done.contains("100.00 MAD"));
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("POLICY_VIOLATION", order.at("/cancellationReason"));
        assertEquals("100.00", order.at("/refunds/0/amount/amount"));
        assertEquals("SUCCEEDED", order.at("/refunds/0/status"));

        // Nothing back at all is a decision too: no refund is recorded.
        String other = paidAndAccepted();
        String none = console("souk:order-cancel --refund 0 " + other + " POLICY_VIOLATION");
        assertTrue(none, none.contains("CANCELLED"));
        assertEquals(0, http.get("orders/" + other, client).json().get("refunds").size());
    }

    // ------------------------------------------------------------------------------------------

    private String paidAndAccepted() throws Exception {
        String orderId = placeOrder(createGig());
        souk.paid(orderId, client);
        Reply accepted = http.post("orders/" + orderId + "/accept", freelancer, null);
        assertEquals(accepted.toString(), "IN_PROGRESS", accepted.at("/stage"));
        assertNotNull(accepted.at("/dueAt"));
        return orderId;
    }

    private String createGig() {
        return souk.createGig(freelancer, GIG);
    }

    private String placeOrder(String gigId) {
        return souk.placedOrder(client, gigId, "Our lunch menu");
    }
}
