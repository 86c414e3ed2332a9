package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceRegistration;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One payment per order, several attempts: a declined card leaves the order open for another card, until
 * the configured number of attempts (3 in the shipped configuration) were declined.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class PaymentAttemptsIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Menu design\",\"description\":\"A menu for a cafe\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One page\",\"price\":\"300.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PDF\"]}]}";
    private static final String SUCCESS = "4242424242424242";
    private static final String DECLINED = "4000000000000002";
    private static final String NO_FUNDS = "4000000000009995";
    private static final String PENDING = "4000000000000259";


    private String freelancer;
    private String client;

    @Before
    public void users() throws Exception {
        freelancer = token("najat", "freelancer");
        client = token("yassine", "client");
    }

    @Test
    public void aDeclinedCardLeavesTheOrderOpenAndAnotherCardPaysIt() throws Exception {
        String orderId = placeOrder();
        Reply answer = pay(orderId, DECLINED);
        // A decline is a problem a frontend branches on, with the payment as it now stands.
        assertProblem(answer, 402, "payment-declined");
        assertEquals("payment_declined", answer.at("/code"));
        assertEquals("card_declined", answer.at("/declineCode"));
        JsonNode declined = answer.json().get("payment");
        assertEquals("PENDING", declined.at("/status").asText());
        assertEquals("card declined", declined.at("/failureReason").asText());
        assertEquals("card_declined", declined.at("/declineCode").asText());
        assertTrue(declined.get("nextAction").isNull());
        assertEquals(1, declined.get("attempts").size());
        assertEquals("DECLINED", declined.at("/attempts/0/status").asText());
        assertEquals("card declined", declined.at("/attempts/0/failureReason").asText());
        assertEquals("card_declined", declined.at("/attempts/0/declineCode").asText());
        assertEquals(declined.at("/transactionId").asText(), declined.at("/attempts/0/gatewayReference").asText());

        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PENDING", order.at("/status"));
        assertEquals("PENDING", order.at("/payment/status"));
        assertEquals("card_declined", order.at("/payment/declineCode"));
        assertTrue(order.toString(), order.json().get("allowedActions").toString().contains("\"PAY\""));
        // The client hears that the card was declined and the order is still open, not that it was cancelled.
        await("the client's notification", () -> souk.inboxHas(client, "PAYMENT_DECLINED", orderId));
        assertTrue(!souk.inboxHas(client, "PAYMENT_FAILED", orderId));

        Reply paid = pay(orderId, SUCCESS);
        assertEquals(paid.toString(), 201, paid.status());
        assertEquals("SUCCESS", paid.at("/status"));
        assertEquals(declined.at("/id").asText(), paid.at("/id")); // the same payment, a new attempt
        assertNull(paid.json().get("failureReason").textValue());
        assertNull(paid.json().get("declineCode").textValue());
        // A new charge at the gateway, not the first decline replayed.
        assertNotEquals(declined.at("/transactionId").asText(), paid.at("/transactionId"));
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
        assertEquals("PENDING", pay(orderId, DECLINED).at("/payment/status"));
        // The sandbox's insufficient-funds card: its code, over HTTP, for the frontend to say so.
        Reply noFunds = pay(orderId, NO_FUNDS);
        assertProblem(noFunds, 402, "payment-declined");
        assertEquals("insufficient_funds", noFunds.at("/declineCode"));
        assertEquals("PENDING", noFunds.at("/payment/status"));
        assertEquals("insufficient_funds", noFunds.at("/payment/declineCode"));
        assertEquals("insufficient funds", noFunds.at("/payment/failureReason"));
        Reply frenchThird = http.post("orders/" + orderId + "/payment", client,
                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"" + DECLINED + "\"}}",
                Map.of("Accept-Language", "fr-MA"));
        assertProblem(frenchThird, 402, "payment-declined");
        assertTrue(frenchThird.toString(), frenchThird.at("/detail").contains("refusé (card_declined)"));
        JsonNode third = frenchThird.json().get("payment");
        assertEquals(third.toString(), "FAILED", third.at("/status").asText());
        assertEquals("card_declined", third.at("/declineCode").asText());
        assertEquals(3, third.get("attempts").size());
        for (JsonNode attempt : third.get("attempts")) {
            assertEquals("DECLINED", attempt.get("status").asText());
        }
        assertEquals("insufficient funds", third.at("/attempts/1/failureReason").asText());
        assertEquals("insufficient_funds", third.at("/attempts/1/declineCode").asText());
        assertEquals("insufficient_funds", http.get("orders/" + orderId + "/payment", client).at("/attempts/1/declineCode"));

        Reply order = http.get("orders/" + orderId, client);
        assertEquals("CANCELLED", order.at("/status"));
        assertEquals("PAYMENT_FAILED", order.at("/cancellationReason"));
        await("the client's notification", () -> souk.inboxHas(client, "PAYMENT_FAILED", orderId));
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
        String first = pay(orderId, DECLINED).at("/payment/transactionId");
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
        assertEquals("PENDING", pay(orderId, DECLINED).at("/payment/status"));
        MovableClock clock = souk.movableClock();
        try {
            clock.advance(Duration.ofHours(24).plusMinutes(1));
            souk.fireDueDeadlines();
            Reply order = http.get("orders/" + orderId, client);
            assertEquals(order.toString(), "CANCELLED", order.at("/status"));
            assertEquals("PAYMENT_EXPIRED", order.at("/cancellationReason"));
            assertEquals("FAILED", order.at("/payment/status"));
            assertEquals("DECLINED", order.at("/payment/attempts/0/status"));
            assertEquals(0, order.json().get("refunds").size());
        } finally {
            souk.resetClocks();
        }
        assertProblem(pay(orderId, SUCCESS), 409, "order-not-pending");
    }

    @Test
    public void aSignedWebhookAboutNothingSoukTracksIsAcknowledgedAndOnlyABadSignatureRefused() throws Exception {
        // Another event type, and a charge that is no sandbox transaction: 200, ignored, nothing changes.
        assertEquals("IGNORED", webhook("evt-other-type", "sbx_whatever", "refunded").at("/outcome"));
        assertEquals("IGNORED", webhook("evt-foreign", "ch_3MmlLrLkdIwHu7ix0snN0B15", "succeeded").at("/outcome"));
        // A redelivery of an ignored event is a duplicate.
        assertEquals("DUPLICATE", webhook("evt-other-type", "sbx_whatever", "refunded").at("/outcome"));
        byte[] body = "{\"id\":\"evt-forged\",\"reference\":\"sbx_x\",\"status\":\"succeeded\"}"
                .getBytes(StandardCharsets.UTF_8);
        Reply forged = http.postRaw("webhooks/sandbox", body, Map.of("X-Sandbox-Signature", "00".repeat(32)));
        assertEquals(forged.toString(), 401, forged.status());
        // Signed, but no event the sandbox can read: a 400 naming the field, never 200 IGNORED.
        assertField(souk.sandboxWebhook("{not json"), "body");
        assertField(souk.sandboxWebhook("{\"id\":\"evt-no-reference\",\"status\":\"succeeded\"}"), "reference");
        // Not recorded: once readable, the same event id is applied, not a duplicate.
        assertEquals("IGNORED", webhook("evt-no-reference", "sbx_whatever", "refunded").at("/outcome"));
    }

    @Test
    public void aProviderWhoseGatewayRefusesItsKeysShowsItInTheConsole() throws Exception {
        ServiceRegistration<PaymentProvider> registered = bundleContext.registerService(PaymentProvider.class,
                new RefusedKeysProvider(), null);
        try {
            await("the refused keys in souk:providers", () -> {
                try {
                    String providers = console("souk:providers");
                    return providers.contains("badkeys") && providers.contains("INVALID: the gateway refused the keys");
                } catch (Exception e) {
                    return false;
                }
            });
            // Still live: its methods are listed, and the node stays ready.
            assertTrue(http.get("payment-methods", client).text().contains("badkeys.card"));
            assertEquals(200, http.get("health", null).status());
        } finally {
            registered.unregister();
        }
    }

    @Test
    public void providersAreToldTheCallersAddressAndLanguageNotWhatTheBodyClaims() throws Exception {
        java.util.concurrent.atomic.AtomicReference<PaymentRequest> seen = new java.util.concurrent.atomic.AtomicReference<>();
        ServiceRegistration<PaymentProvider> registered = bundleContext.registerService(PaymentProvider.class,
                new RefusedKeysProvider() {
                    @Override
                    public String id() {
                        return "ctxprobe";
                    }

                    @Override
                    public java.util.List<PaymentMethod> methods() {
                        return java.util.List.of(new PaymentMethod("ctxprobe.card", "Card", MethodType.CARD));
                    }

                    @Override
                    public ProviderResult initiate(PaymentRequest request) {
                        seen.set(request);
                        return ProviderResult.pending("ctx-" + request.paymentId(), null);
                    }
                }, null);
        try {
            await("the probe's method", () -> http.get("payment-methods", client).text().contains("ctxprobe.card"));
            String orderId = placeOrder();
            // No proxy is trusted by default: X-Forwarded-For is not believed, the connection's peer is the caller.
            Reply paid = http.post("orders/" + orderId + "/payment", client,
                    "{\"method\":\"ctxprobe.card\",\"details\":{\"customerIp\":\"6.6.6.6\",\"lang\":\"fr\"}}",
                    Map.of("Accept-Language", "ar-MA, fr;q=0.5", "X-Forwarded-For", "7.7.7.7"));
            assertEquals(paid.toString(), 201, paid.status());
            String ip = seen.get().customer().ip();
            assertTrue(ip, java.net.InetAddress.getByName(ip).isLoopbackAddress());
            assertEquals("ar", seen.get().customer().language());
        } finally {
            registered.unregister();
        }
    }

    /** A provider whose gateway refuses its keys. */
    private static class RefusedKeysProvider implements PaymentProvider {
        @Override
        public String id() {
            return "badkeys";
        }

        @Override
        public String displayName() {
            return "Refused keys";
        }

        @Override
        public java.util.List<PaymentMethod> methods() {
            return java.util.List.of(new PaymentMethod("badkeys.card", "Card", MethodType.CARD));
        }

        @Override
        public java.util.Set<String> currencies() {
            return java.util.Set.of("MAD");
        }

        @Override
        public ProviderResult initiate(PaymentRequest request) {
            return ProviderResult.error(null, "keys refused");
        }

        @Override
        public ProviderResult fetch(PaymentLookup lookup) {
            return ProviderResult.unknown("keys refused");
        }

        @Override
        public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
            throw new WebhookRejectedException("keys refused");
        }

        @Override
        public ConfigurationCheck checkConfiguration() {
            return ConfigurationCheck.invalid("the gateway refused the keys");
        }
    }

    private String placeOrder() {
        return souk.placedOrder(client, souk.createGig(freelancer, GIG), "A menu for my cafe");
    }

    private Reply pay(String orderId, String card) {
        return souk.pay(orderId, client, card);
    }

    private Reply webhook(String eventId, String reference, String status) throws Exception {
        Reply reply = souk.sandboxWebhook("{\"id\":\"" + eventId + "\",\"reference\":\"" + reference + "\",\"status\":\""
                + status + "\"}");
        assertEquals(reply.toString(), 200, reply.status());
        return reply;
    }

}
