package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One payment per order, several attempts: a declined card leaves the order open for another card, until
 * the configured number of attempts (3 in the shipped configuration) were declined.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PaymentAttemptsIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Menu design\",\"description\":\"A menu for a cafe\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One page\",\"price\":\"300.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PDF\"]}]}";
    private static final String SUCCESS = "4242424242424242";
    private static final String DECLINED = "4000000000000002";
    private static final String NO_FUNDS = "4000000000009995";
    private static final String PENDING = "4000000000000259";

    @Inject
    private BundleContext bundleContext;

    private String freelancer;
    private String client;

    @Before
    public void users() throws Exception {
        freelancer = token("nadia", "freelancer");
        client = token("youssef", "client");
    }

    @Test
    public void aDeclinedCardLeavesTheOrderOpenAndAnotherCardPaysIt() throws Exception {
        String orderId = placeOrder();
        Reply declined = pay(orderId, DECLINED);
        assertEquals(declined.toString(), 201, declined.status());
        assertEquals("PENDING", declined.at("/status"));
        assertEquals("card declined", declined.at("/failureReason"));
        assertNull(declined.json().get("nextAction").textValue());
        assertEquals(1, declined.json().get("attempts").size());
        assertEquals("DECLINED", declined.at("/attempts/0/status"));
        assertEquals("card declined", declined.at("/attempts/0/failureReason"));
        assertEquals(declined.at("/transactionId"), declined.at("/attempts/0/gatewayReference"));

        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PENDING", order.at("/status"));
        assertEquals("PENDING", order.at("/payment/status"));
        assertTrue(order.toString(), order.json().get("allowedActions").toString().contains("\"PAY\""));
        // The client hears that the card was declined and the order is still open, not that it was cancelled.
        await("the client's notification", () -> inboxHas(client, "PAYMENT_DECLINED", orderId));
        assertTrue(!inboxHas(client, "PAYMENT_FAILED", orderId));

        Reply paid = pay(orderId, SUCCESS);
        assertEquals(paid.toString(), 201, paid.status());
        assertEquals("SUCCESS", paid.at("/status"));
        assertEquals(declined.at("/id"), paid.at("/id")); // the same payment, a new attempt
        assertNull(paid.json().get("failureReason").textValue());
        // A new charge at the gateway, not the first decline replayed.
        assertNotEquals(declined.at("/transactionId"), paid.at("/transactionId"));
        JsonNode attempts = paid.json().get("attempts");
        assertEquals(2, attempts.size());
        assertEquals(1, attempts.get(0).get("number").asInt());
        assertEquals("DECLINED", attempts.get(0).get("status").asText());
        assertEquals(2, attempts.get(1).get("number").asInt());
        assertEquals("SUCCEEDED", attempts.get(1).get("status").asText());
        assertEquals(paid.at("/transactionId"), attempts.get(1).get("gatewayReference").asText());

        Reply processing = http.get("orders/" + orderId, client);
        assertEquals("PROCESSING", processing.at("/status"));
        assertEquals("AWAITING_ACCEPTANCE", processing.at("/stage"));
        assertEquals(2, processing.json().get("payment").get("attempts").size());
        // A paid order is not paid again.
        assertProblem(pay(orderId, SUCCESS), 409, "order-not-pending");
    }

    @Test
    public void threeDeclinedAttemptsFailThePaymentAndCancelTheOrder() throws Exception {
        String orderId = placeOrder();
        assertEquals("PENDING", pay(orderId, DECLINED).at("/status"));
        assertEquals("PENDING", pay(orderId, NO_FUNDS).at("/status"));
        Reply third = pay(orderId, DECLINED);
        assertEquals(third.toString(), "FAILED", third.at("/status"));
        assertEquals(3, third.json().get("attempts").size());
        for (JsonNode attempt : third.json().get("attempts")) {
            assertEquals("DECLINED", attempt.get("status").asText());
        }
        assertEquals("insufficient funds", third.at("/attempts/1/failureReason"));

        Reply order = http.get("orders/" + orderId, client);
        assertEquals("CANCELLED", order.at("/status"));
        assertEquals("PAYMENT_FAILED", order.at("/cancellationReason"));
        await("the client's notification", () -> inboxHas(client, "PAYMENT_FAILED", orderId));
        // No fourth attempt, and the refusal changes nothing.
        assertProblem(pay(orderId, SUCCESS), 409, "order-not-pending");
        assertEquals("FAILED", http.get("orders/" + orderId + "/payment", client).at("/status"));
        assertEquals(3, http.get("orders/" + orderId + "/payment", client).json().get("attempts").size());
    }

    @Test
    public void aSecondPaymentWhileAnAttemptIsUnderWayIsRefused() throws Exception {
        String orderId = placeOrder();
        Reply pending = pay(orderId, PENDING);
        assertEquals("PENDING", pending.at("/status"));
        Reply again = pay(orderId, SUCCESS);
        assertProblem(again, 409, "attempt-in-progress");
        assertTrue(again.toString(), again.at("/detail").contains("under way"));
        Reply payment = http.get("orders/" + orderId + "/payment", client);
        assertEquals(1, payment.json().get("attempts").size());
        assertEquals("PENDING", payment.at("/attempts/0/status"));
        assertEquals(pending.at("/transactionId"), payment.at("/transactionId"));
    }

    @Test
    public void aRepeatedOrLateDeclineIsNotAnotherAttempt() throws Exception {
        String orderId = placeOrder();
        String first = pay(orderId, DECLINED).at("/transactionId");
        // The gateway repeats the decline: recorded, not counted, the client may still pay.
        assertEquals("IGNORED", webhook("evt-repeat-" + orderId, first, "failed").at("/outcome"));
        // Reconciliation leaves a payment that awaits the client alone.
        console("souk:reconcile");
        Reply payment = http.get("orders/" + orderId + "/payment", client);
        assertEquals("PENDING", payment.at("/status"));
        assertEquals(1, payment.json().get("attempts").size());
        assertEquals(2, payment.json().get("transactions").size()); // the initiation and the repeated webhook

        String second = pay(orderId, PENDING).at("/transactionId");
        assertNotEquals(first, second);
        // A decline of the first attempt's charge, delivered late, says nothing of the second.
        assertEquals("REFUSED", webhook("evt-late-" + orderId, first, "failed").at("/outcome"));
        payment = http.get("orders/" + orderId + "/payment", client);
        assertEquals("PENDING", payment.at("/status"));
        assertEquals("PENDING", payment.at("/attempts/1/status"));
        assertEquals(second, payment.at("/transactionId"));

        // The second attempt's own decline counts; the third pays.
        assertEquals("APPLIED", webhook("evt-second-" + orderId, second, "failed").at("/outcome"));
        payment = http.get("orders/" + orderId + "/payment", client);
        assertEquals("PENDING", payment.at("/status"));
        assertEquals("DECLINED", payment.at("/attempts/1/status"));
        Reply paid = pay(orderId, SUCCESS);
        assertEquals(paid.toString(), "SUCCESS", paid.at("/status"));
        assertEquals(3, paid.json().get("attempts").size());
        assertEquals("PROCESSING", http.get("orders/" + orderId, client).at("/status"));
    }

    @Test
    public void anOrderAwaitingANewAttemptStillExpiresWithItsPaymentWindow() throws Exception {
        String orderId = placeOrder();
        assertEquals("PENDING", pay(orderId, DECLINED).at("/status"));
        MovableClock clock = new MovableClock();
        ServiceRegistration<java.time.Clock> registered = bundleContext.registerService(java.time.Clock.class, clock,
                new Hashtable<>(Map.of("service.ranking", 1000)));
        try {
            clock.advance(Duration.ofHours(24).plusMinutes(1));
            console("souk:timers --fire");
            Reply order = http.get("orders/" + orderId, client);
            assertEquals(order.toString(), "CANCELLED", order.at("/status"));
            assertEquals("PAYMENT_EXPIRED", order.at("/cancellationReason"));
            assertEquals("FAILED", order.at("/payment/status"));
            assertEquals("DECLINED", order.at("/payment/attempts/0/status"));
            assertEquals(0, order.json().get("refunds").size());
        } finally {
            registered.unregister();
        }
        assertProblem(pay(orderId, SUCCESS), 409, "order-not-pending");
    }

    private String placeOrder() {
        Reply gig = http.post("gigs", freelancer, GIG);
        assertEquals(gig.toString(), 201, gig.status());
        Reply order = http.post("orders", client, "{\"gigId\":\"" + gig.at("/id") + "\",\"package\":\"BASIC\","
                + "\"requirements\":\"A menu for my cafe\"}");
        assertEquals(order.toString(), 201, order.status());
        return order.at("/id");
    }

    private Reply pay(String orderId, String card) {
        return http.post("orders/" + orderId + "/payment", client,
                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"" + card + "\"}}");
    }

    private Reply webhook(String eventId, String reference, String status) throws Exception {
        byte[] body = ("{\"id\":\"" + eventId + "\",\"reference\":\"" + reference + "\",\"status\":\"" + status + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SANDBOX_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Reply reply = http.postRaw("webhooks/sandbox", body,
                Map.of("X-Sandbox-Signature", HexFormat.of().formatHex(mac.doFinal(body))));
        assertEquals(reply.toString(), 200, reply.status());
        return reply;
    }

    private boolean inboxHas(String token, String type, String orderId) {
        for (JsonNode n : http.get("notifications", token).json().get("items")) {
            if (type.equals(n.get("type").asText()) && orderId.equals(n.get("orderId").asText())) {
                return true;
            }
        }
        return false;
    }
}
