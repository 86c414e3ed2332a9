package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/v1/health and souk:health on the running distribution: every check UP once ready; a stopped
 * provider degrades the node but keeps it ready (200); a stopped bundle behind a resource makes it 503; a
 * configuration value that does not fit is refused, shown, and the last valid one stays in force.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class HealthIT extends SoukTestSupport {

    private static final Set<String> VIEWER = Set.of("viewer", "ssh");
    private static final String SANDBOX = "org.souk.provider.sandbox";


    private static JsonNode check(Reply health, String name) {
        for (JsonNode c : health.json().get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    @Test
    public void everyCheckIsUpAndNeedsNoToken() throws Exception {
        Reply health = http.get("health", null);
        assertEquals(health.toString(), 200, health.status());
        assertTrue(health.contentType(), health.contentType().startsWith("application/json"));
        assertEquals(health.toString(), "UP", health.at("/status"));
        for (JsonNode c : health.json().get("checks")) {
            assertEquals(c.toString(), "UP", c.get("status").asText());
        }
        for (String name : new String[] {"database", "rest-resources", "scheduler", "payment-providers",
                "provider:" + SANDBOX, "schema:catalog", "schema:order", "schema:payment", "schema:notification",
                "schema:review", "schema:ledger"}) {
            check(health, name);
        }
        assertTrue(health.toString(), check(health, "payment-providers").get("detail").asText().contains("sandbox"));
        assertTrue(check(health, "database").get("critical").asBoolean());

        // Health covers publishing: once it is 200 every resource answers, not only the first one.
        String client = token("health-client", "client");
        for (String path : new String[] {"gigs", "orders", "notifications", "payment-methods", "earnings"}) {
            Reply reply = http.get(path, client);
            assertTrue(path + ": " + reply, reply.status() != 404 && reply.status() < 500);
        }

        String console = consoleAs(VIEWER, "souk:health");
        assertTrue(console, console.contains("Souk is UP"));
        assertTrue(console, console.contains("schema:order"));
        assertTrue(console, console.contains("provider:" + SANDBOX));
    }

    @Test
    public void aStoppedProviderShowsInTheReportAndTheNodeStaysReady() throws Exception {
        Bundle sandbox = bundle(SANDBOX);
        try {
            sandbox.stop();
            await("the stopped sandbox in the health report", () -> "DOWN".equals(
                    check(http.get("health", null), "provider:" + SANDBOX).get("status").asText()));
            Reply health = http.get("health", null);
            // Orders, reviews and the ledger still work: DEGRADED, and a load balancer keeps the node (200).
            assertEquals(health.toString(), 200, health.status());
            assertEquals(health.toString(), "DEGRADED", health.at("/status"));
            assertTrue(health.toString(), check(health, "provider:" + SANDBOX).get("detail").asText().contains("RESOLVED"));
            assertEquals(health.toString(), "DOWN", check(health, "payment-providers").get("status").asText());
            assertEquals(health.toString(), "UP", check(health, "database").get("status").asText());
            String console = consoleAs(VIEWER, "souk:health");
            assertTrue(console, console.contains("Souk is DEGRADED"));
        } finally {
            sandbox.start();
        }
        await("the sandbox back in the health report", () -> "UP".equals(http.get("health", null).at("/status")));
    }

    @Test
    public void aResourceThatCannotBePublishedMakesTheNodeUnready() throws Exception {
        Bundle reviews = bundle("org.souk.review");
        try {
            reviews.stop();
            await("health to answer 503", () -> http.get("health", null).status() == 503);
            Reply health = http.get("health", null);
            assertEquals(health.toString(), "DOWN", health.at("/status"));
            JsonNode resources = check(health, "rest-resources");
            assertEquals(health.toString(), "DOWN", resources.get("status").asText());
            assertTrue(health.toString(), resources.get("detail").asText().contains("OrderReviewResource"));
        } finally {
            reviews.start();
        }
        await("health to answer 200 again", () -> http.get("health", null).status() == 200);
    }

    @Test
    public void aRefusedConfigurationValueShowsInTheHealthAndTheLastValidOneStays() throws Exception {
        SoukFixtures fixtures = new SoukFixtures(http, this::console, bundleContext);
        String client = token("config-client", "client");
        String gig = fixtures.createGig(token("config-freelancer", "freelancer"), "{\"title\":\"Logo\",\"description\":\"A logo\","
                + "\"packages\":[{\"tier\":\"BASIC\",\"title\":\"One logo\",\"price\":\"100\",\"deliveryDays\":2,"
                + "\"revisions\":1,\"deliverables\":[\"PNG\"]}]}");
        Configuration lifecycle = configurationAdmin.getConfiguration("org.souk.order.lifecycle", null);
        Dictionary<String, Object> shipped = lifecycle.getProperties();
        try {
            setPaymentWindow(lifecycle, "PT2H");
            await("a two-hour payment window", () -> paymentWindowOfANewOrder(client, gig, Duration.ofHours(2)));

            setPaymentWindow(lifecycle, "one day");
            await("the refusal in the health report", () -> "DOWN".equals(
                    check(http.get("health", null), "configuration").get("status").asText()));
            Reply health = http.get("health", null);
            assertEquals(health.toString(), 200, health.status());
            assertEquals(health.toString(), "DEGRADED", health.at("/status"));
            String detail = check(health, "configuration").get("detail").asText();
            assertTrue(detail, detail.contains("org.souk.order.lifecycle: payment.window = 'one day' refused, it is not an "
                    + "ISO-8601 duration"));
            assertTrue(detail, detail.contains("keeping PT2H"));
            String console = consoleAs(VIEWER, "souk:health");
            assertTrue(console, console.contains("payment.window = 'one day' refused"));
            assertTrue("the last valid window stays in force", paymentWindowOfANewOrder(client, gig, Duration.ofHours(2)));

            setPaymentWindow(lifecycle, "PT3H");
            await("a three-hour payment window", () -> paymentWindowOfANewOrder(client, gig, Duration.ofHours(3)));
            assertEquals("UP", check(http.get("health", null), "configuration").get("status").asText());
        } finally {
            if (shipped == null) {
                lifecycle.delete();
            } else {
                lifecycle.update(shipped);
            }
        }
        await("the shipped payment window", () -> paymentWindowOfANewOrder(client, gig, Duration.ofHours(24)));
    }

    private static void setPaymentWindow(Configuration lifecycle, String window) throws Exception {
        Dictionary<String, Object> properties = lifecycle.getProperties() == null ? new Hashtable<>() : lifecycle.getProperties();
        properties.put("payment.window", window);
        lifecycle.update(properties);
    }

    /** Whether an order placed now must be paid within this window. */
    private boolean paymentWindowOfANewOrder(String client, String gig, Duration window) {
        Instant before = Instant.now();
        Reply order = http.post("orders", client, "{\"gigId\":\"" + gig + "\",\"package\":\"BASIC\",\"requirements\":\"Logo\"}");
        Instant after = Instant.now();
        assertEquals(order.toString(), 201, order.status());
        Instant expiry = Instant.parse(order.at("/deadlines/PAYMENT_EXPIRY"));
        return !expiry.isBefore(before.plus(window).minusSeconds(1)) && !expiry.isAfter(after.plus(window).plusSeconds(1));
    }
}
