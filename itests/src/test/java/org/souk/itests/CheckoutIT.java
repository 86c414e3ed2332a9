package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/** The checkout over real HTTP and the administrator's console, in one booted distribution. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class CheckoutIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Logo design\",\"description\":\"A memorable logo\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One concept\",\"price\":\"250.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PNG\"]},"
            + "{\"tier\":\"STANDARD\",\"title\":\"Three concepts\",\"price\":\"600\",\"deliveryDays\":5,\"revisions\":2,\"deliverables\":[\"PNG\",\"SVG\"]},"
            + "{\"tier\":\"PREMIUM\",\"title\":\"Full identity\",\"price\":1500.5,\"currency\":\"MAD\",\"deliveryDays\":10,\"revisions\":5,\"deliverables\":[\"Brand guide\"]}]}";

    private String freelancer;
    private String client;
    private String otherClient;

    @Before
    public void users() throws Exception {
        freelancer = token("fatima", "freelancer");
        client = token("omar", "client");
        otherClient = token("salma", "client");
    }

    @Test
    public void aClientOrdersAPackageAndPaysWithTheSuccessCard() throws Exception {
        String gigId = createGig();
        Reply methods = http.get("payment-methods", client);
        assertEquals(200, methods.status());
        assertEquals("sandbox.card", methods.at("/0/id"));
        assertEquals("sandbox", methods.at("/0/provider"));

        Reply placed = placeOrder(gigId, "STANDARD");
        assertEquals(placed.toString(), 201, placed.status());
        String orderId = placed.at("/id");
        assertEquals("PENDING", placed.at("/status"));
        assertEquals("600.00", placed.at("/total/amount"));
        assertEquals("60000", placed.at("/total/minor"));
        assertEquals("MAD", placed.at("/total/currency"));
        assertEquals("Three concepts", placed.at("/pkg/title"));
        assertNotNull(placed.at("/placedAt"));
        // What each side may do now, and by when: a frontend never re-implements the state machine.
        assertEquals("[\"PAY\",\"WITHDRAW\"]", placed.json().get("allowedActions").toString());
        assertNotNull(placed.at("/deadlines/PAYMENT_EXPIRY"));
        assertEquals("[]", http.get("orders/" + orderId, freelancer).json().get("allowedActions").toString());

        Reply paid = pay(orderId, client, "4242 4242 4242 4242");
        assertEquals(paid.toString(), 201, paid.status());
        assertEquals("SUCCESS", paid.at("/status"));
        assertEquals("60000", paid.at("/amount/minor"));
        assertEquals("sandbox.card", paid.at("/method"));
        assertTrue(paid.at("/transactionId").startsWith("sbx_"));

        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PROCESSING", order.at("/status"));
        assertEquals("AWAITING_ACCEPTANCE", order.at("/stage"));
        assertEquals("SUCCESS", order.at("/payment/status"));
        JsonNode timeline = order.json().get("timeline");
        assertEquals(2, timeline.size());
        assertNull(timeline.get(0).get("fromStatus").textValue());
        assertEquals("PENDING", timeline.get(0).get("toStatus").asText());
        assertEquals("omar", timeline.get(0).get("actor").asText());
        assertEquals("PENDING", timeline.get(1).get("fromStatus").asText());
        assertEquals("PROCESSING", timeline.get(1).get("toStatus").asText());
        assertEquals("system", timeline.get(1).get("actor").asText());
        assertNotNull(timeline.get(1).get("at").asText());

        // Both sides hear about it, the freelancer of a new order, the client of the payment.
        await("the freelancer's notification", () -> souk.inboxHas(freelancer, "NEW_ORDER", orderId));
        await("the client's notification", () -> souk.inboxHas(client, "PAYMENT_CONFIRMED", orderId));
        assertEquals("New order: Logo design", souk.notification(freelancer, "NEW_ORDER", orderId).get("title").asText());

        // The freelancer sees the order too; the list is the caller's, newest first, filterable.
        Reply toAccept = http.get("orders/" + orderId, freelancer);
        assertEquals("[\"ACCEPT\",\"DECLINE\",\"REQUEST_CANCELLATION\"]", toAccept.json().get("allowedActions").toString());
        assertNotNull(toAccept.at("/deadlines/ACCEPTANCE"));
        assertNull(toAccept.json().get("deadlines").get("PAYMENT_EXPIRY"));
        assertEquals("[\"REQUEST_CANCELLATION\"]", order.json().get("allowedActions").toString());
        Reply mine = http.get("orders?status=PROCESSING", client);
        assertEquals(orderId, mine.at("/items/0/id"));
        for (JsonNode item : mine.json().get("items")) {
            assertEquals("PROCESSING", item.get("status").asText());
        }

        // The freelancer works the order to completion.
        assertEquals("IN_PROGRESS", http.post("orders/" + orderId + "/accept", freelancer, null).at("/stage"));
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"v1\"}").at("/stage"));
        assertEquals("IN_PROGRESS", http.post("orders/" + orderId + "/revisions", client, "{\"note\":\"bigger\"}").at("/stage"));
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"v2\"}").at("/stage"));
        Reply done = http.post("orders/" + orderId + "/complete", client, null);
        assertEquals(done.toString(), "COMPLETED", done.at("/status"));
        assertEquals("[\"REVIEW\"]", done.json().get("allowedActions").toString());
        assertEquals("[]", http.get("orders/" + orderId, freelancer).json().get("allowedActions").toString());
        assertEquals(7, done.json().get("timeline").size());
        assertProblem(http.post("orders/" + orderId + "/deliveries", freelancer, "{}"), 409, "wrong-state");
    }

    @Test
    public void aDeclinedCardLeavesThePaymentPendingForAnotherAttempt() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        Reply paid = pay(orderId, client, "4000000000000002");
        assertEquals(paid.toString(), 402, paid.status());
        assertEquals("payment_declined", paid.at("/code"));
        assertEquals("card_declined", paid.at("/declineCode"));
        assertEquals("PENDING", paid.at("/payment/status"));
        assertEquals("card declined", paid.at("/payment/failureReason"));
        assertEquals("DECLINED", paid.at("/payment/attempts/0/status"));
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PENDING", order.at("/status"));
        assertTrue(order.toString(), order.json().get("allowedActions").toString().contains("\"PAY\""));

        // The client gives up: the payment fails with the order, which can no longer be paid.
        Reply withdrawn = http.post("orders/" + orderId + "/cancel", client, "{\"reason\":\"CLIENT_WITHDREW\"}");
        assertEquals(withdrawn.toString(), "CANCELLED", withdrawn.at("/order/status"));
        assertEquals("FAILED", http.get("orders/" + orderId + "/payment", client).at("/status"));
        // A cancelled order cannot be paid, and the refusal changes nothing.
        assertProblem(pay(orderId, client, "4242424242424242"), 409, "order-not-pending");
        assertEquals("FAILED", http.get("orders/" + orderId + "/payment", client).at("/status"));
    }

    @Test
    public void aPendingCardWaitsForASignedWebhook() throws Exception {
        String orderId = placeOrder(createGig(), "PREMIUM").at("/id");
        Reply paid = pay(orderId, client, "4000000000000259");
        assertEquals("PENDING", paid.at("/status"));
        String reference = paid.at("/transactionId");
        assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));

        byte[] body = ("{\"id\":\"evt-" + orderId + "\",\"reference\":\"" + reference + "\",\"status\":\"succeeded\"}")
                .getBytes(StandardCharsets.UTF_8);
        // A forged signature is refused and changes nothing.
        Reply forged = http.postRaw("webhooks/sandbox", body, Map.of("X-Sandbox-Signature", "00".repeat(32)));
        assertProblem(forged, 401, "unauthorized");
        assertProblem(http.postRaw("webhooks/sandbox", body, Map.of()), 401, "unauthorized");
        assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));
        // A webhook for a provider that is not deployed asks the gateway to retry.
        assertProblem(http.postRaw("webhooks/nosuchprovider", body, Map.of()), 503, "unavailable");

        Reply signed = http.postRaw("webhooks/sandbox", body, Map.of("X-Sandbox-Signature", SoukFixtures.sandboxSignature(body)));
        assertEquals(signed.toString(), 200, signed.status());
        assertEquals("APPLIED", signed.at("/outcome"));
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PROCESSING", order.at("/status"));
        assertEquals("SUCCESS", order.at("/payment/status"));
        assertEquals("1500.50", order.at("/payment/amount/amount"));

        Reply again = http.postRaw("webhooks/sandbox", body, Map.of("X-Sandbox-Signature", SoukFixtures.sandboxSignature(body)));
        assertEquals("DUPLICATE", again.at("/outcome"));
        assertEquals(2, http.get("orders/" + orderId, client).json().get("timeline").size());
    }

    @Test
    public void callersSeeAndChangeOnlyWhatIsTheirs() throws Exception {
        String gigId = createGig();
        String orderId = placeOrder(gigId, "BASIC").at("/id");

        assertProblem(http.get("orders", null), 401, "unauthorized");
        assertProblem(http.get("orders", "not.a.jwt"), 401, "unauthorized");
        assertProblem(http.get("orders", Tokens.sign("another-secret-that-is-long-enough-!!", "omar", "client", 600)),
                401, "unauthorized");
        assertProblem(http.get("orders/" + orderId, otherClient), 404, "not-found");
        assertProblem(pay(orderId, otherClient, "4242424242424242"), 404, "not-found");
        assertProblem(pay(orderId, freelancer, "4242424242424242"), 403, "forbidden");
        assertProblem(http.post("gigs", client, GIG), 403, "forbidden");
        assertProblem(http.put("gigs/" + gigId, token("karim", "freelancer"), GIG), 403, "forbidden");
        assertProblem(http.post("orders/" + orderId + "/accept", client, null), 403, "forbidden");
        assertProblem(http.post("orders/" + orderId + "/accept", freelancer, null), 409, "wrong-state");
        assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));
        assertEquals(0, http.get("orders", otherClient).json().get("total").asInt());
    }

    @Test
    public void badInputIsRefusedWithTheFieldAndTheReason() throws Exception {
        String gigId = createGig();
        Reply malformed = http.post("orders", client, "{\"gigId\": ");
        assertProblem(malformed, 400, "malformed-json");

        assertField(http.post("orders", client, "{\"gigId\":\"nope\",\"package\":\"BASIC\",\"requirements\":\"x\"}"), "gigId");
        assertField(http.post("orders", client, "{\"gigId\":\"" + gigId + "\",\"package\":\"GOLD\",\"requirements\":\"x\"}"), "package");
        assertField(http.post("orders", client, "{\"gigId\":\"" + gigId + "\",\"package\":\"BASIC\"}"), "requirements");
        assertField(http.post("orders", client, "{\"gigId\":\"" + gigId + "\",\"pakage\":\"BASIC\"}"), "pakage");
        assertField(http.post("gigs", freelancer, GIG.replace("\"250.00\"", "\"0\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, GIG.replace("\"250.00\"", "\"-5\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, GIG.replace("\"250.00\"", "\"2.505\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, GIG.replace("\"deliveryDays\":3,", "")), "packages[0].deliveryDays");
        assertField(http.post("gigs", freelancer, GIG.replace("\"deliveryDays\":3", "\"deliveryDays\":\"soon\"")),
                "packages[0].deliveryDays");
        assertField(http.post("gigs", freelancer, GIG.replace("\"title\":\"Logo design\",", "")), "title");
        assertField(http.get("orders?status=LOST", client), "status");
        assertField(http.get("orders?limit=1000", client), "limit");
        String orderId = placeOrder(gigId, "BASIC").at("/id");
        assertField(http.post("orders/" + orderId + "/payment", client, "{\"method\":\"bitcoin\"}"), "method");
        assertProblem(http.get("nothing-here", client), 404, "http-404");
        assertField(http.post("orders/" + placeOrder(gigId, "BASIC").at("/id") + "/cancel", client,
                "{\"reason\":\"CLIENT_WITHDREW\",\"note\":\"" + "x".repeat(1200) + "\"}"), "note");
        assertField(http.postRaw("webhooks/sandbox", new byte[300 * 1024], Map.of()), "body");
        assertEquals(1, http.get("orders?status=PENDING&limit=100", client).json().get("items").findValues("id").stream()
                .filter(id -> id.asText().equals(orderId)).count());
        assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));
        assertEquals(404, http.get("orders/" + orderId + "/payment", client).status());
    }

    @Test
    public void editingAGigNeverChangesAPlacedOrder() throws Exception {
        String gigId = createGig();
        String orderId = placeOrder(gigId, "BASIC").at("/id");
        Reply edited = http.put("gigs/" + gigId, freelancer, GIG.replace("\"250.00\"", "\"999.00\"").replace("One concept", "Renamed"));
        assertEquals(edited.toString(), 200, edited.status());
        assertEquals("999.00", edited.at("/packages/0/price/amount"));
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("250.00", order.at("/total/amount"));
        assertEquals("One concept", order.at("/pkg/title"));
        assertEquals("999.00", placeOrder(gigId, "BASIC").at("/total/amount"));
    }

    @Test
    public void concurrentPaymentsOfOneOrderChargeItOnce() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<Reply> attempt = () -> pay(orderId, client, "4242424242424242");
            replies.add(pool.submit(attempt));
        }
        int created = 0;
        int refused = 0;
        for (Future<Reply> r : replies) {
            int status = r.get().status();
            if (status == 201) {
                created++;
            } else if (status == 409) {
                refused++;
            }
        }
        pool.shutdown();
        assertEquals(1, created);
        assertEquals(7, refused);
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PROCESSING", order.at("/status"));
        assertEquals(1, order.json().get("payment").get("transactions").size());
        assertEquals(2, order.json().get("timeline").size());
    }

    @Test
    public void administratorsFollowOrdersAndProvidersFromTheConsole() throws Exception {
        String orderId = placeOrder(createGig(), "STANDARD").at("/id");
        pay(orderId, client, "4242424242424242");

        String providers = console("souk:providers");
        assertTrue(providers, providers.contains("sandbox"));
        assertTrue(providers, providers.contains("sandbox.card"));
        assertTrue(providers, providers.contains("org.souk.provider.sandbox"));

        String processing = console("souk:orders --status PROCESSING --max 100");
        assertTrue(processing, processing.contains(orderId));
        assertTrue(console("souk:orders -s CANCELLED -n 100").contains(" order(s)"));
        assertTrue(!console("souk:orders -s CANCELLED -n 100").contains(orderId));

        String shown = console("souk:order " + orderId);
        assertTrue(shown, shown.contains("PROCESSING / AWAITING_ACCEPTANCE"));
        assertTrue(shown, shown.contains("600.00 MAD"));
        assertTrue(shown, shown.contains("SUCCESS"));
        assertTrue(shown, shown.contains("PROCESSING/AWAITING_ACCEPTANCE"));
        assertTrue(shown, shown.contains("order placed"));

        String withDeadline = console("souk:order " + orderId);
        assertTrue(withDeadline, withDeadline.contains("Deadline     ACCEPTANCE at "));
        String cancelled = console("souk:order-cancel " + orderId + " POLICY_VIOLATION fraud-check");
        assertTrue(cancelled, cancelled.contains("CANCELLED (POLICY_VIOLATION)") && cancelled.contains("SUCCEEDED"));
        assertEquals("SUCCEEDED", http.get("orders/" + orderId, client).at("/refunds/0/status"));
        assertTrue(souk.consoleError("souk:order-cancel " + orderId + " BORED").contains("reason"));

        String minted = token("admin-1", "admin");
        assertEquals(200, http.get("orders/" + orderId, minted).status());
    }

    @Test
    public void reconciliationSettlesAPaymentWhoseWebhookWasLost() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        assertEquals("PENDING", pay(orderId, client, "4000 0000 0000 3063").at("/status"));
        assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));

        String report = console("souk:reconcile");
        assertTrue(report, report.matches("(?s).*[1-9]\\d* succeeded.*"));
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PROCESSING", order.at("/status"));
        assertEquals("SUCCESS", order.at("/payment/status"));
        JsonNode transactions = order.json().get("payment").get("transactions");
        assertEquals("STATUS_CHECK", transactions.get(transactions.size() - 1).get("kind").asText());
        await("the freelancer's notification", () -> souk.inboxHas(freelancer, "NEW_ORDER", orderId));
    }

    @Test
    public void aWebhookThatSaysUnderWayMakesSoukAskTheGatewayAtOnce() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        String reference = pay(orderId, client, "4000 0000 0000 3063").at("/transactionId");
        byte[] body = ("{\"id\":\"evt-acted-" + orderId + "\",\"reference\":\"" + reference + "\",\"status\":\"pending\"}")
                .getBytes(StandardCharsets.UTF_8);
        Reply received = http.postRaw("webhooks/sandbox", body, Map.of("X-Sandbox-Signature", SoukFixtures.sandboxSignature(body)));
        assertEquals(received.toString(), 200, received.status());
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PROCESSING", order.at("/status"));
        JsonNode transactions = order.json().get("payment").get("transactions");
        assertEquals("STATUS_CHECK", transactions.get(transactions.size() - 1).get("kind").asText());
    }

    @Test
    public void aProviderBundleComesAndGoesThroughTheDeployFolder() throws Exception {
        Path bundle = SoukFixtures.shippedBundle("org.souk.provider.sandbox");
        Path deployed = Path.of(System.getProperty("karaf.base"), "deploy", bundle.getFileName().toString());
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        String reference = pay(orderId, client, "4000000000000259").at("/transactionId");
        String paidId = placeOrder(createGig(), "BASIC").at("/id");
        pay(paidId, client, "4242424242424242");
        try {
            for (Bundle b : bundleContext.getBundles()) {
                if (b.getSymbolicName().equals("org.souk.provider.sandbox")) {
                    b.uninstall(); // as bundle:uninstall does, by an administrator
                }
            }
            await("the sandbox methods to disappear", () -> !http.get("payment-methods", client).text().contains("sandbox.card"));
            assertTrue(console("souk:providers"), !console("souk:providers").contains("sandbox.card"));

            // While the provider is away, its pending payment waits and its webhooks ask to be retried.
            byte[] body = ("{\"id\":\"evt-hot-" + orderId + "\",\"reference\":\"" + reference + "\",\"status\":\"succeeded\"}")
                    .getBytes(StandardCharsets.UTF_8);
            assertProblem(http.postRaw("webhooks/sandbox", body, Map.of("X-Sandbox-Signature", SoukFixtures.sandboxSignature(body))), 503, "unavailable");
            assertProblem(pay(placeOrder(createGig(), "BASIC").at("/id"), client, "4242424242424242"), 400, "validation");
            assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));
            // A refund asked for while its provider is away waits as REQUESTED; reconciliation asks again later.
            Reply declined = http.post("orders/" + paidId + "/cancel", freelancer, "{\"reason\":\"FREELANCER_DECLINED\"}");
            assertEquals(declined.toString(), "CANCELLED", declined.at("/order/status"));
            assertEquals("REQUESTED", declined.at("/refund/status"));

            long dropped = System.nanoTime();
            Files.copy(bundle, deployed, StandardCopyOption.REPLACE_EXISTING);
            await("the sandbox methods to appear", () -> http.get("payment-methods", client).text().contains("sandbox.card"));
            long appearedMillis = (System.nanoTime() - dropped) / 1_000_000;
            // A figure to read in the test output, not an assertion: timing belongs to measurements.
            System.out.println("Provider visible " + appearedMillis + " ms after its bundle was dropped into deploy/");
            assertTrue(console("souk:providers").contains("sandbox.card"));

            Reply retried = http.postRaw("webhooks/sandbox", body, Map.of("X-Sandbox-Signature", SoukFixtures.sandboxSignature(body)));
            assertEquals(retried.toString(), "APPLIED", retried.at("/outcome"));
            assertEquals("PROCESSING", http.get("orders/" + orderId, client).at("/status"));

            console("souk:reconcile");
            // The redeployed sandbox kept no record of the capture, so it refuses: an administrator takes over.
            assertEquals("FAILED", http.get("orders/" + paidId, client).at("/refunds/0/status"));
            String refundId = http.get("orders/" + paidId, client).at("/refunds/0/id");
            assertTrue(console("souk:refunds -s FAILED").contains(refundId));
            assertTrue(console("souk:refund-complete " + refundId + " card-credit-7").contains("SUCCEEDED"));

            long removed = System.nanoTime();
            Files.delete(deployed);
            await("the sandbox methods to disappear again", () -> !http.get("payment-methods", client).text().contains("sandbox.card"));
            System.out.println("Provider gone " + (System.nanoTime() - removed) / 1_000_000 + " ms after its bundle was deleted");
        } finally {
            Files.copy(bundle, deployed, StandardCopyOption.REPLACE_EXISTING);
            await("the sandbox to be back for the other tests", () -> http.get("payment-methods", client).text().contains("sandbox.card"));
        }
    }

    /** What docs/providers.md's "Add a payment provider" promises: generate, build, drop the jar and the .cfg into deploy/. */
    @Test
    public void aProviderGeneratedFromTheArchetypeIsHotDeployedWithItsSampleConfiguration() throws Exception {
        Path project = Path.of(System.getProperty(GENERATED_PROVIDER));
        Path jar = project.resolve("target/org.souk.provider.acme-1.0.0-SNAPSHOT.jar");
        Path cfg = project.resolve("org.souk.provider.acme-default.cfg");
        assertTrue("the provider archetype's integration test generates and builds " + jar, Files.isRegularFile(jar));
        assertTrue("the generated provider's sample configuration " + cfg, Files.isRegularFile(cfg));
        assertTrue(!http.get("payment-methods", client).text().contains("acme.hosted"));
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Files.copy(cfg, deploy.resolve(cfg.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(jar, deploy.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        try {
            await("the generated provider's method", () -> http.get("payment-methods", client).text().contains("acme.hosted"));
            JsonNode method = null;
            for (JsonNode m : http.get("payment-methods", client).json()) {
                if (m.path("id").asText().equals("acme.hosted")) {
                    method = m;
                }
            }
            assertNotNull(method);
            assertEquals("acme", method.path("provider").asText());
            assertEquals("CARD", method.path("type").asText());
            assertEquals("MAD", method.path("currencies").path(0).asText());
            String providers = console("souk:providers");
            assertTrue(providers, providers.contains("acme.hosted") && providers.contains("org.souk.provider.acme"));
        } finally {
            Files.deleteIfExists(deploy.resolve(jar.getFileName()));
            Files.deleteIfExists(deploy.resolve(cfg.getFileName()));
        }
        await("the generated provider to go", () -> !http.get("payment-methods", client).text().contains("acme.hosted"));
    }

    @Test
    public void aNewProviderIsDeployedIntoTheRunningServerWithItsConfiguration() throws Exception {
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path bundle = SoukFixtures.shippedBundle("org.souk.provider.banktransfer");
        String secret = "bank-statement-import-secret";
        Files.writeString(deploy.resolve("org.souk.provider.banktransfer.cfg"),
                "account = MA64 0118 1000 0000 1234 5678 9012\nbeneficiary = Souk Escrow SARL\n.webhook.secret = " + secret + "\n");
        Path deployed = deploy.resolve(bundle.getFileName());
        // Checkouts keep running while the provider comes and goes: none may fail.
        String gigId = createGig();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger checkouts = new java.util.concurrent.atomic.AtomicInteger();
        Thread shoppers = new Thread(() -> {
            while (running.get()) {
                Reply placed = placeOrder(gigId, "BASIC");
                Reply paid = placed.status() == 201 ? pay(placed.at("/id"), client, "4242424242424242") : placed;
                if (paid.status() != 201 || !"SUCCESS".equals(paid.at("/status"))) {
                    failures.add(paid.toString());
                }
                checkouts.incrementAndGet();
            }
        }, "shoppers");
        shoppers.start();
        Files.copy(bundle, deployed, StandardCopyOption.REPLACE_EXISTING);
        try {
            await("the bank transfer method", () -> http.get("payment-methods", client).text().contains("banktransfer.manual"));
            assertTrue(console("souk:providers").contains("org.souk.provider.banktransfer"));

            String orderId = placeOrder(createGig(), "BASIC").at("/id");
            Reply paid = http.post("orders/" + orderId + "/payment", client, "{\"method\":\"banktransfer.manual\"}");
            assertEquals(paid.toString(), "PENDING", paid.at("/status"));
            assertEquals("display_code", paid.at("/nextAction/type"));
            String reference = paid.at("/nextAction/data/reference");
            assertEquals(paid.at("/transactionId"), reference);

            byte[] wrongAmount = ("{\"id\":\"st-1-" + orderId + "\",\"reference\":\"" + reference
                    + "\",\"status\":\"received\",\"amount\":\"1.00\",\"currency\":\"MAD\"}").getBytes(StandardCharsets.UTF_8);
            Reply refused = http.postRaw("webhooks/banktransfer", wrongAmount, Map.of("X-Souk-Signature", SoukFixtures.hmacHex(secret, wrongAmount)));
            assertEquals(refused.toString(), "REFUSED", refused.at("/outcome"));
            assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));

            // A signed line the statement import got wrong is bad input naming the field, never acknowledged.
            byte[] noAmount = ("{\"id\":\"st-0-" + orderId + "\",\"reference\":\"" + reference
                    + "\",\"status\":\"received\",\"currency\":\"MAD\"}").getBytes(StandardCharsets.UTF_8);
            Reply malformed = http.postRaw("webhooks/banktransfer", noAmount, Map.of("X-Souk-Signature", SoukFixtures.hmacHex(secret, noAmount)));
            assertField(malformed, "amount");
            assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));

            byte[] received = ("{\"id\":\"st-2-" + orderId + "\",\"reference\":\"" + reference
                    + "\",\"status\":\"received\",\"amount\":\"250.00\",\"currency\":\"MAD\"}").getBytes(StandardCharsets.UTF_8);
            Reply applied = http.postRaw("webhooks/banktransfer", received, Map.of("X-Souk-Signature", SoukFixtures.hmacHex(secret, received)));
            assertEquals(applied.toString(), "APPLIED", applied.at("/outcome"));
            assertEquals("PROCESSING", http.get("orders/" + orderId, client).at("/status"));
        } finally {
            Files.deleteIfExists(deployed);
            Files.deleteIfExists(deploy.resolve("org.souk.provider.banktransfer.cfg"));
        }
        await("the bank transfer method to go", () -> !http.get("payment-methods", client).text().contains("banktransfer.manual"));
        running.set(false);
        shoppers.join(30_000);
        assertTrue("checkouts failed while a provider came and went: " + failures, failures.isEmpty());
        assertTrue(checkouts.get() > 0);
    }

    @Test
    public void aYouCanPayCardPaymentSettlesByItsSignedWebhookAfterTheGatewayConfirmsIt() throws Exception {
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path bundle = SoukFixtures.shippedBundle("org.souk.provider.youcanpay");
        Path deployed = deploy.resolve(bundle.getFileName());
        Path config = deploy.resolve("org.souk.provider.youcanpay-it.cfg");
        String privateKey = "pri_sandbox_itest_0123456789";
        try (YouCanPayStub gateway = new YouCanPayStub()) {
            Files.writeString(config, ".private.key = " + privateKey + "\npublic.key = pub_sandbox_itest\nsandbox = true\n"
                    + "base.url = " + gateway.baseUrl() + "\n");
            Files.copy(bundle, deployed, StandardCopyOption.REPLACE_EXISTING);
            await("the YouCanPay methods", () -> http.get("payment-methods", client).text().contains("youcanpay.card"));
            assertTrue(http.get("payment-methods", client).text().contains("youcanpay.cashplus"));

            String orderId = placeOrder(createGig(), "BASIC").at("/id");
            Reply paid = http.post("orders/" + orderId + "/payment", client, "{\"method\":\"youcanpay.card\"}");
            assertEquals(paid.toString(), "PENDING", paid.at("/status"));
            assertEquals("widget", paid.at("/nextAction/type"));
            assertTrue(paid.at("/nextAction/url"), paid.at("/nextAction/url").startsWith("https://youcanpay.com/sandbox/payment-form/tok-"));
            String transaction = paid.at("/transactionId");
            assertEquals("25000", gateway.transactions.get(transaction)[1]);

            String paymentId = paid.at("/id");
            byte[] event = ("{\"id\":\"evt-" + orderId + "\",\"event_name\":\"transaction.paid\",\"sandbox\":true,"
                    + "\"payload\":{\"transaction\":{\"id\":\"" + transaction + "\",\"status\":1,\"order_id\":\"" + paymentId
                    + "\",\"amount\":\"25000\",\"currency\":\"MAD\"}}}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> signature = Map.of("X-Youcanpay-Signature", SoukFixtures.hmacHex(privateKey, event));
            assertProblem(http.postRaw("webhooks/youcanpay", event, Map.of("X-Youcanpay-Signature", SoukFixtures.hmacHex("another-key", event))),
                    401, "unauthorized");

            // The event says paid, but the gateway's own record does not yet: nothing is settled, retry later.
            assertProblem(http.postRaw("webhooks/youcanpay", event, signature), 503, "unavailable");
            assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));

            gateway.markPaid(transaction);
            Reply applied = http.postRaw("webhooks/youcanpay", event, signature);
            assertEquals(applied.toString(), "APPLIED", applied.at("/outcome"));
            Reply order = http.get("orders/" + orderId, client);
            assertEquals("PROCESSING", order.at("/status"));
            assertEquals("SUCCESS", order.at("/payment/status"));
            assertEquals("DUPLICATE", http.postRaw("webhooks/youcanpay", event, signature).at("/outcome"));

            // YouCanPay has no refund API: cancelling the paid order leaves a MANUAL refund, never a done one.
            String admin = token("ops-1", "admin");
            Reply cancelled = http.post("orders/" + orderId + "/cancel", admin, "{\"reason\":\"POLICY_VIOLATION\",\"note\":\"fraud\"}");
            assertEquals(cancelled.toString(), "CANCELLED", cancelled.at("/order/status"));
            assertEquals("MANUAL", cancelled.at("/refund/status"));
            String refundId = cancelled.at("/refund/id");
            String manual = console("souk:refunds");
            assertTrue(manual, manual.contains(refundId));
            String done = console("souk:refund-complete " + refundId + " bank-transfer-42");
            assertTrue(done, done.contains("SUCCEEDED"));
            assertEquals("SUCCEEDED", http.get("orders/" + orderId, client).at("/refunds/0/status"));
            assertTrue(!console("souk:refunds").contains(refundId));

            // The card is declined, the client withdraws the order (its payment fails with it), then the gateway
            // takes the money after all (the customer retried on the same token): the charge is refunded, once,
            // and an administrator sees it.
            String lateId = placeOrder(createGig(), "BASIC").at("/id");
            Reply late = http.post("orders/" + lateId + "/payment", client, "{\"method\":\"youcanpay.card\"}");
            String lateTransaction = late.at("/transactionId");
            gateway.markFailed(lateTransaction);
            Map<String, byte[]> events = new java.util.HashMap<>();
            for (String kind : List.of("failed", "paid", "paid-again")) {
                events.put(kind, ("{\"id\":\"evt-" + kind + "-" + lateId + "\",\"event_name\":\"transaction." + kind.replace("-again", "")
                        + "\",\"sandbox\":true,\"payload\":{\"transaction\":{\"id\":\"" + lateTransaction + "\",\"order_id\":\""
                        + late.at("/id") + "\",\"amount\":\"25000\",\"currency\":\"MAD\"}}}").getBytes(StandardCharsets.UTF_8));
            }
            Reply failed = http.postRaw("webhooks/youcanpay", events.get("failed"),
                    Map.of("X-Youcanpay-Signature", SoukFixtures.hmacHex(privateKey, events.get("failed"))));
            assertEquals(failed.toString(), "APPLIED", failed.at("/outcome"));
            Reply declinedOrder = http.get("orders/" + lateId, client);
            assertEquals(declinedOrder.toString(), "PENDING", declinedOrder.at("/status"));
            assertEquals("DECLINED", declinedOrder.at("/payment/attempts/0/status"));
            Reply withdrawn = http.post("orders/" + lateId + "/cancel", client, "{\"reason\":\"CLIENT_WITHDREW\"}");
            assertEquals(withdrawn.toString(), "CANCELLED", withdrawn.at("/order/status"));
            assertEquals(0, http.get("orders/" + lateId, client).json().get("refunds").size());

            gateway.markPaid(lateTransaction);
            Reply tookIt = http.postRaw("webhooks/youcanpay", events.get("paid"),
                    Map.of("X-Youcanpay-Signature", SoukFixtures.hmacHex(privateKey, events.get("paid"))));
            assertEquals(tookIt.toString(), "APPLIED", tookIt.at("/outcome"));
            http.postRaw("webhooks/youcanpay", events.get("paid-again"),
                    Map.of("X-Youcanpay-Signature", SoukFixtures.hmacHex(privateKey, events.get("paid-again"))));
            Reply lateOrder = http.get("orders/" + lateId, client);
            assertEquals("CANCELLED", lateOrder.at("/status"));
            assertEquals("FAILED", lateOrder.at("/payment/status"));
            assertEquals(lateOrder.toString(), 1, lateOrder.json().get("refunds").size());
            assertEquals("MANUAL", lateOrder.at("/refunds/0/status"));
            assertEquals("250.00", lateOrder.at("/refunds/0/amount/amount"));
            assertTrue(lateOrder.at("/refunds/0/reason").contains("after it had failed"));
            assertTrue(console("souk:refunds").contains(lateOrder.at("/refunds/0/id")));
            // Until it is given back, the ledger holds the charge as owed to the client, in the order's suspense.
            assertEquals("[\"STRAY_CHARGE\"]", postingKinds(lateId));
            console("souk:refund-complete " + lateOrder.at("/refunds/0/id") + " bank-transfer-43");
            assertEquals("[\"STRAY_CHARGE\",\"STRAY_CHARGE_RETURNED\"]", postingKinds(lateId));
        } finally {
            Files.deleteIfExists(deployed);
            Files.deleteIfExists(config);
        }
        await("the YouCanPay methods to go", () -> !http.get("payment-methods", client).text().contains("youcanpay.card"));
    }

    @Test
    public void twoYouCanPayAccountsAreLiveAtOnceAndEachPaymentStaysWithTheAccountThatTookIt() throws Exception {
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Path bundle = SoukFixtures.shippedBundle("org.souk.provider.youcanpay");
        Path deployed = deploy.resolve(bundle.getFileName());
        Path first = deploy.resolve("org.souk.provider.youcanpay-main.cfg");
        Path second = deploy.resolve("org.souk.provider.youcanpay-mad2.cfg");
        Path twin = deploy.resolve("org.souk.provider.youcanpay-twin.cfg");
        String firstKey = "pri_sandbox_first_0123456789";
        String secondKey = "pri_sandbox_second_0123456789";
        try (YouCanPayStub one = new YouCanPayStub(); YouCanPayStub two = new YouCanPayStub()) {
            Files.writeString(first, ".private.key = " + firstKey + "\npublic.key = pub_sandbox_first\nsandbox = true\n"
                    + "base.url = " + one.baseUrl() + "\n");
            Files.writeString(second, "account = mad2\n.private.key = " + secondKey + "\npublic.key = pub_sandbox_second\n"
                    + "sandbox = true\nbase.url = " + two.baseUrl() + "\n");
            Files.copy(bundle, deployed, StandardCopyOption.REPLACE_EXISTING);
            await("both accounts' methods", () -> {
                String methods = http.get("payment-methods", client).text();
                return methods.contains("\"youcanpay.card\"") && methods.contains("\"youcanpay-mad2.card\"");
            });
            assertTrue(http.get("payment-methods", client).text().contains("\"youcanpay-mad2.cashplus\""));

            // A third configuration without an account claims the first one's id too: neither is used (no one can
            // tell which account a payment of 'youcanpay' belongs to), both are shown refused, until one is left.
            Files.writeString(twin, ".private.key = pri_sandbox_twin_0123456789\nsandbox = true\nbase.url = "
                    + one.baseUrl() + "\n");
            await("the duplicate refused", () -> providersListing().contains("refused"));
            String listed = providersListing();
            assertTrue(listed, listed.contains("youcanpay-mad2.card") && listed.contains("INVALID: refused"));
            String duringConflict = http.get("payment-methods", client).text();
            assertTrue(duringConflict, !duringConflict.contains("\"youcanpay.card\"")
                    && duringConflict.contains("\"youcanpay-mad2.card\""));
            Files.deleteIfExists(twin);
            await("the duplicate gone", () -> !providersListing().contains("refused"));
            await("the first account's methods back", () -> http.get("payment-methods", client).text()
                    .contains("\"youcanpay.card\""));

            // Each stub numbers its transactions from tx-1: a look-up sent to the wrong account finds another payment.
            String firstOrder = placeOrder(createGig(), "BASIC").at("/id");
            Reply viaFirst = http.post("orders/" + firstOrder + "/payment", client, "{\"method\":\"youcanpay.card\"}");
            assertEquals(viaFirst.toString(), "tx-1", viaFirst.at("/transactionId"));
            String orderId = placeOrder(createGig(), "BASIC").at("/id");
            Reply paid = http.post("orders/" + orderId + "/payment", client, "{\"method\":\"youcanpay-mad2.card\"}");
            assertEquals(paid.toString(), "PENDING", paid.at("/status"));
            assertEquals("tx-1", paid.at("/transactionId"));
            assertEquals(paid.at("/id"), two.transactions.get("tx-1")[0]);
            assertEquals(viaFirst.at("/id"), one.transactions.get("tx-1")[0]);
            one.markPaid("tx-1");

            byte[] event = ("{\"id\":\"evt-" + orderId + "\",\"event_name\":\"transaction.paid\",\"sandbox\":true,"
                    + "\"payload\":{\"transaction\":{\"id\":\"tx-1\",\"status\":1,\"order_id\":\"" + paid.at("/id")
                    + "\",\"amount\":\"25000\",\"currency\":\"MAD\"}}}").getBytes(StandardCharsets.UTF_8);
            Map<String, String> signedBySecond = Map.of("X-Youcanpay-Signature", SoukFixtures.hmacHex(secondKey, event));
            assertProblem(http.postRaw("webhooks/youcanpay-mad2", event, Map.of("X-Youcanpay-Signature", SoukFixtures.hmacHex(firstKey, event))),
                    401, "unauthorized");
            assertProblem(http.postRaw("webhooks/youcanpay", event, signedBySecond), 401, "unauthorized");
            // The first account says tx-1 is paid, the second does not yet: nothing is settled.
            assertProblem(http.postRaw("webhooks/youcanpay-mad2", event, signedBySecond), 503, "unavailable");
            assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));

            two.markPaid("tx-1");
            Reply applied = http.postRaw("webhooks/youcanpay-mad2", event, signedBySecond);
            assertEquals(applied.toString(), "APPLIED", applied.at("/outcome"));
            Reply order = http.get("orders/" + orderId, client);
            assertEquals("PROCESSING", order.at("/status"));
            assertEquals("SUCCESS", order.at("/payment/status"));

            // Reconciliation asks each pending payment's own account: tx-2 exists at the second gateway only.
            String laterOrder = placeOrder(createGig(), "BASIC").at("/id");
            Reply later = http.post("orders/" + laterOrder + "/payment", client, "{\"method\":\"youcanpay-mad2.card\"}");
            assertEquals(later.toString(), "tx-2", later.at("/transactionId"));
            assertEquals(null, one.transactions.get("tx-2"));
            two.markPaid("tx-2");
            console("souk:reconcile");
            assertEquals("SUCCESS", http.get("orders/" + laterOrder, client).at("/payment/status"));

            // The refund is asked of the account that took the payment (YouCanPay has no refund API: it says so).
            String admin = token("ops-1", "admin");
            Reply cancelled = http.post("orders/" + orderId + "/cancel", admin,
                    "{\"reason\":\"POLICY_VIOLATION\",\"note\":\"fraud\"}");
            assertEquals(cancelled.toString(), "MANUAL", cancelled.at("/refund/status"));
            Reply refunded = http.get("orders/" + orderId, admin);
            assertTrue(refunded.toString(), refunded.at("/refunds/0/message").contains("YouCanPay (mad2)"));
        } finally {
            Files.deleteIfExists(deployed);
            Files.deleteIfExists(twin);
            Files.deleteIfExists(second);
            Files.deleteIfExists(first);
        }
        try {
            await("the YouCanPay methods to go", () -> !http.get("payment-methods", client).text().contains("youcanpay"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + http.get("payment-methods", client).text() + "\n"
                    + providersListing() + "\n" + console("bundle:list -s | grep -i youcanpay") + "\n"
                    + console("config:list '(service.factoryPid=org.souk.provider.youcanpay)'"), e);
        }
    }

    /** {@code souk:providers}, or nothing while the console cannot answer. */
    private String providersListing() {
        try {
            return console("souk:providers");
        } catch (Exception notNow) {
            return "";
        }
    }

    @Test
    public void cancellingAPaidOrderRefundsItAndAnUnpaidOneNeedsNoRefund() throws Exception {
        String gigId = createGig();
        String paidId = placeOrder(gigId, "STANDARD").at("/id");
        pay(paidId, client, "4242424242424242");
        // The client cannot withdraw a paid order; the freelancer may decline it before accepting.
        assertProblem(http.post("orders/" + paidId + "/cancel", client, "{\"reason\":\"CLIENT_WITHDREW\"}"), 409, "wrong-state");
        assertProblem(http.post("orders/" + paidId + "/cancel", client, "{\"reason\":\"POLICY_VIOLATION\"}"), 403, "forbidden");
        assertField(http.post("orders/" + paidId + "/cancel", freelancer, "{\"reason\":\"BORED\"}"), "reason");
        assertEquals("PROCESSING", http.get("orders/" + paidId, client).at("/status"));

        Reply declined = http.post("orders/" + paidId + "/cancel", freelancer, "{\"reason\":\"FREELANCER_DECLINED\",\"note\":\"fully booked\"}");
        assertEquals(declined.toString(), "CANCELLED", declined.at("/order/status"));
        assertEquals("FREELANCER_DECLINED", declined.at("/order/cancellationReason"));
        assertEquals("SUCCEEDED", declined.at("/refund/status"));
        assertEquals("600.00", declined.at("/refund/amount/amount"));
        assertProblem(http.post("orders/" + paidId + "/cancel", freelancer, "{\"reason\":\"FREELANCER_DECLINED\"}"), 409, "wrong-state");
        Reply order = http.get("orders/" + paidId, client);
        assertEquals(1, order.json().get("refunds").size());
        assertEquals("SUCCEEDED", order.at("/refunds/0/status"));

        String unpaidId = placeOrder(gigId, "BASIC").at("/id");
        Reply withdrawn = http.post("orders/" + unpaidId + "/cancel", client, "{\"reason\":\"CLIENT_WITHDREW\"}");
        assertEquals(withdrawn.toString(), "CANCELLED", withdrawn.at("/order/status"));
        assertNull(withdrawn.at("/refund"));

        // A payment under way does not pin the order: the gateway is asked once more, then it fails.
        String pendingId = placeOrder(gigId, "BASIC").at("/id");
        pay(pendingId, client, "4000000000000259");
        Reply withdrawnPending = http.post("orders/" + pendingId + "/cancel", client, "{\"reason\":\"CLIENT_WITHDREW\"}");
        assertEquals(withdrawnPending.toString(), "CANCELLED", withdrawnPending.at("/order/status"));
        assertEquals("CLIENT_WITHDREW", withdrawnPending.at("/order/cancellationReason"));
        Reply pendingOrder = http.get("orders/" + pendingId, client);
        assertEquals("FAILED", pendingOrder.at("/payment/status"));
        assertEquals(0, pendingOrder.json().get("refunds").size());
        // A payment the gateway settled meanwhile is found by that look-up: the client cannot withdraw a paid order.
        String settledId = placeOrder(gigId, "BASIC").at("/id");
        pay(settledId, client, "4000000000003063");
        assertProblem(http.post("orders/" + settledId + "/cancel", client, "{\"reason\":\"CLIENT_WITHDREW\"}"), 409, "wrong-state");
        assertEquals("PROCESSING", http.get("orders/" + settledId, client).at("/status"));
    }

    @Test
    public void lateWorkWarnsBothSidesAndAfterTheGraceTheClientMayCancelAlone() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id"); // 3 delivery days
        pay(orderId, client, "4242424242424242");
        Reply accepted = http.post("orders/" + orderId + "/accept", freelancer, null);
        assertEquals(accepted.at("/dueAt"), accepted.at("/deadlines/DUE"));
        assertProblem(http.post("orders/" + orderId + "/cancel", client, "{\"reason\":\"LATE_DELIVERY\"}"), 409, "window-closed");

        MovableClock clock = souk.movableClock();
        try {
            clock.advance(java.time.Duration.ofDays(3).plusMinutes(1));
            souk.fireDueDeadlines();
            await("the client's late warning", () -> souk.inboxHas(client, "LATE_WARNING", orderId));
            await("the freelancer's late warning", () -> souk.inboxHas(freelancer, "LATE_WARNING", orderId));
            // Late, but within the grace: not yet the client's alone to cancel.
            assertEquals("[\"REQUEST_CANCELLATION\",\"OPEN_DISPUTE\"]", http.get("orders/" + orderId, client).json().get("allowedActions").toString());
            assertProblem(http.post("orders/" + orderId + "/cancel", client, "{\"reason\":\"LATE_DELIVERY\"}"), 409, "window-closed");

            clock.advance(java.time.Duration.ofHours(24));
            assertEquals("[\"CANCEL_LATE\",\"REQUEST_CANCELLATION\",\"OPEN_DISPUTE\"]", http.get("orders/" + orderId, client).json().get("allowedActions").toString());
            Reply cancelled = http.post("orders/" + orderId + "/cancel", client, "{\"reason\":\"LATE_DELIVERY\"}");
            assertEquals(cancelled.toString(), "CANCELLED", cancelled.at("/order/status"));
            assertEquals("LATE_DELIVERY", cancelled.at("/order/cancellationReason"));
            assertEquals("SUCCEEDED", cancelled.at("/refund/status"));
            assertEquals("250.00", cancelled.at("/refund/amount/amount"));
        } finally {
            souk.resetClocks();
        }
        long warnings = 0;
        for (JsonNode n : http.get("notifications", client).json().get("items")) {
            if ("LATE_WARNING".equals(n.get("type").asText()) && orderId.equals(n.get("orderId").asText())) {
                warnings++;
            }
        }
        assertEquals(1, warnings);
    }

    @Test
    public void unpaidAndUnacceptedOrdersEndWhenTheirWindowsDo() throws Exception {
        String gigId = createGig();
        String unpaidId = placeOrder(gigId, "BASIC").at("/id");
        String pendingId = placeOrder(gigId, "BASIC").at("/id");
        String reference = pay(pendingId, client, "4000000000000259").at("/transactionId");
        String paidId = placeOrder(gigId, "STANDARD").at("/id");
        pay(paidId, client, "4242424242424242");
        String timers = console("souk:timers -n 500");
        assertTrue(timers, timers.contains(unpaidId) && timers.contains("PAYMENT_EXPIRY"));
        assertTrue(timers, timers.contains(paidId) && timers.contains("ACCEPTANCE"));

        MovableClock clock = souk.movableClock();
        try {
            clock.advance(java.time.Duration.ofHours(24).plusMinutes(1));
            souk.fireDueDeadlines();
            Reply unpaid = http.get("orders/" + unpaidId, client);
            assertEquals(unpaid.toString(), "CANCELLED", unpaid.at("/status"));
            assertEquals("PAYMENT_EXPIRED", unpaid.at("/cancellationReason"));
            JsonNode timeline = unpaid.json().get("timeline");
            assertEquals("system", timeline.get(timeline.size() - 1).get("actor").asText());
            Reply pending = http.get("orders/" + pendingId, client);
            assertEquals("PAYMENT_EXPIRED", pending.at("/cancellationReason"));
            assertEquals("FAILED", pending.at("/payment/status"));
            assertEquals("PROCESSING", http.get("orders/" + paidId, client).at("/status"));

            // The customer completes the payment after all: the money goes straight back.
            byte[] late = ("{\"id\":\"evt-late-" + pendingId + "\",\"reference\":\"" + reference + "\",\"status\":\"succeeded\"}")
                    .getBytes(StandardCharsets.UTF_8);
            Reply lateSuccess = http.postRaw("webhooks/sandbox", late, Map.of("X-Sandbox-Signature", SoukFixtures.sandboxSignature(late)));
            assertEquals(lateSuccess.toString(), "APPLIED", lateSuccess.at("/outcome"));
            Reply refunded = http.get("orders/" + pendingId, client);
            assertEquals(refunded.toString(), 1, refunded.json().get("refunds").size());
            assertEquals("SUCCEEDED", refunded.at("/refunds/0/status"));
            assertEquals("250.00", refunded.at("/refunds/0/amount/amount"));

            // Two days without the freelancer's acceptance: declined, refunded in full.
            clock.advance(java.time.Duration.ofHours(24));
            souk.fireDueDeadlines();
            Reply declined = http.get("orders/" + paidId, client);
            assertEquals(declined.toString(), "CANCELLED", declined.at("/status"));
            assertEquals("FREELANCER_DECLINED", declined.at("/cancellationReason"));
            assertEquals("SUCCEEDED", declined.at("/refunds/0/status"));
            assertEquals("600.00", declined.at("/refunds/0/amount/amount"));
            String after = console("souk:timers -n 500");
            assertTrue(after, !after.contains(unpaidId) && !after.contains(paidId) && !after.contains(pendingId));
        } finally {
            souk.resetClocks();
        }
    }

    @Test
    public void paymentDetailsAreCheckedBeforeAnythingIsRecorded() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        assertField(http.post("orders/" + orderId + "/payment", client, "{\"method\":\"sandbox.card\"}"),
                "details.cardNumber");
        assertField(http.post("orders/" + orderId + "/payment", client,
                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":null}}"), "details.cardNumber");
        assertField(http.post("orders/" + orderId + "/payment", client,
                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"" + "4".repeat(2000) + "\"}}"),
                "details.cardNumber");
        // Nothing was recorded: no payment, the order still open, and a good card pays it.
        assertEquals(404, http.get("orders/" + orderId + "/payment", client).status());
        assertEquals("PENDING", http.get("orders/" + orderId, client).at("/status"));
        assertEquals("SUCCESS", pay(orderId, client, "4242424242424242").at("/status"));
    }

    @Test
    public void sandboxPaymentsAreMarkedAsTestPayments() throws Exception {
        Reply methods = http.get("payment-methods", client);
        assertEquals(methods.toString(), "true", methods.at("/0/test"));
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        assertEquals("true", pay(orderId, client, "4242424242424242").at("/test"));
        assertEquals("true", http.get("orders/" + orderId, client).at("/payment/test"));
        assertTrue(console("souk:providers").contains("TEST"));
        assertTrue(console("souk:order " + orderId).contains("TEST"));
    }

    @Test
    public void aRefundThatSucceededIsNeverCompletedByHand() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        pay(orderId, client, "4242424242424242");
        Reply declined = http.post("orders/" + orderId + "/cancel", freelancer, "{\"reason\":\"FREELANCER_DECLINED\"}");
        assertEquals(declined.toString(), "SUCCEEDED", declined.at("/refund/status"));
        String refundId = declined.at("/refund/id");
        String message = declined.at("/refund/message");
        String refused = souk.consoleError("souk:refund-complete " + refundId + " paid-twice");
        assertTrue(refused, refused.contains("SUCCEEDED"));
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("SUCCEEDED", order.at("/refunds/0/status"));
        assertEquals(message, order.at("/refunds/0/message"));
    }

    @Test
    public void aRefundTheGatewayLeavesPendingIsAskedAgainWithTheSameKeyAndNeverDoneByHand() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        assertEquals("SUCCESS", pay(orderId, client, "4000 0000 0000 5126").at("/status"));
        Reply declined = http.post("orders/" + orderId + "/cancel", freelancer, "{\"reason\":\"FREELANCER_DECLINED\"}");
        assertEquals(declined.toString(), "PENDING", declined.at("/refund/status"));
        String refundId = declined.at("/refund/id");

        // The gateway may still pay it out: completing it by hand would pay twice.
        assertTrue(souk.consoleError("souk:refund-complete " + refundId + " by-hand").contains("PENDING"));
        // Reconciliation asks again only once its backoff has passed.
        console("souk:reconcile");
        Reply waiting = http.get("orders/" + orderId, client);
        assertEquals("PENDING", waiting.at("/refunds/0/status"));
        assertEquals("1", waiting.at("/refunds/0/attempts"));
        assertNotNull(waiting.at("/refunds/0/nextAttemptAt"));

        // An administrator asks now; the same idempotency key, so the gateway answers for the same refund.
        String retried = console("souk:refund-retry " + refundId);
        assertTrue(retried, retried.contains("SUCCEEDED"));
        Reply done = http.get("orders/" + orderId, client);
        assertEquals("SUCCEEDED", done.at("/refunds/0/status"));
        assertEquals("2", done.at("/refunds/0/attempts"));
        assertEquals("sbx_refund_" + refundId, done.at("/refunds/0/gatewayReference"));
        assertEquals(1, done.json().get("refunds").size());
        assertTrue(souk.consoleError("souk:refund-retry " + refundId).contains("SUCCEEDED"));
    }

    @Test
    public void aDeliveryTheClientLeavesUnansweredCompletesWhenTheReviewWindowEnds() throws Exception {
        String orderId = placeOrder(createGig(), "BASIC").at("/id");
        pay(orderId, client, "4242424242424242");
        http.post("orders/" + orderId + "/accept", freelancer, null);
        http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"v1\"}");
        assertTrue(deadlinesListed(orderId).contains("AUTO_COMPLETE"));
        // A revision request ends the window; the next delivery opens a new one.
        http.post("orders/" + orderId + "/revisions", client, "{\"note\":\"bigger\"}");
        assertTrue(!deadlinesListed(orderId).contains("AUTO_COMPLETE"));
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"v2\"}").at("/stage"));
        String timers = console("souk:timers -n 500");
        assertTrue(timers, timers.contains(orderId) && timers.contains("AUTO_COMPLETE"));

        MovableClock clock = souk.movableClock();
        try {
            souk.fireDueDeadlines();
            assertEquals("DELIVERED", http.get("orders/" + orderId, client).at("/stage"));

            clock.advance(java.time.Duration.ofDays(3).plusMinutes(1));
            // Two nodes polling at once: the deadline fires once.
            ExecutorService pollers = Executors.newFixedThreadPool(2);
            List<Future<String>> polls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                polls.add(pollers.submit(() -> console("souk:timers --fire")));
            }
            for (Future<String> poll : polls) {
                poll.get();
            }
            pollers.shutdown();
            Reply order = http.get("orders/" + orderId, client);
            assertEquals(order.toString(), "COMPLETED", order.at("/status"));
            JsonNode timeline = order.json().get("timeline");
            JsonNode last = timeline.get(timeline.size() - 1);
            assertEquals("system", last.get("actor").asText());
            assertTrue(last.get("reason").asText().contains("review window"));
            long completions = 0;
            for (JsonNode event : timeline) {
                if ("COMPLETED".equals(event.get("toStatus").asText())) {
                    completions++;
                }
            }
            assertEquals(1, completions);
            assertTrue(!console("souk:timers -n 500").contains(orderId));
        } finally {
            souk.resetClocks();
        }
    }

    // ------------------------------------------------------------------------------------------

    /** The kinds of the order's ledger postings, oldest first. */
    private String postingKinds(String orderId) {
        List<String> kinds = new java.util.ArrayList<>();
        for (JsonNode posting : http.get("orders/" + orderId + "/ledger", client).json().get("postings")) {
            kinds.add("\"" + posting.get("kind").asText() + "\"");
        }
        return kinds.toString().replace(", ", ",");
    }

    /** The kinds of deadline souk:timers lists for one order. */
    private String deadlinesListed(String orderId) throws Exception {
        StringBuilder kinds = new StringBuilder();
        for (String line : console("souk:timers -n 500").split("\\R")) {
            if (line.contains(orderId)) {
                kinds.append(line.substring(line.lastIndexOf('|') + 1).trim()).append(' ');
            }
        }
        return kinds.toString();
    }

    private String createGig() {
        return souk.createGig(freelancer, GIG);
    }

    private Reply placeOrder(String gigId, String tier) {
        return souk.placeOrder(client, gigId, tier, "A logo for my cafe");
    }

    private Reply pay(String orderId, String token, String card) {
        return souk.pay(orderId, token, card);
    }

}
