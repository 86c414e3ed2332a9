package org.souk.itests;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What integration tests do on their way to what they check: a gig, an order placed and paid with the
 * sandbox, a notification looked up, a console command that must fail, a signed sandbox webhook, a clock
 * moved forward. One instance per test: the clocks it moved are put back when the test ends, so tests that
 * share a container never see each other's time.
 */
final class SoukFixtures {

    /** The sandbox's card that always succeeds. */
    static final String SUCCESS_CARD = "4242424242424242";

    private static final Pattern FIRED = Pattern.compile("(\\d+) deadline\\(s\\) fired");

    /** The administrator's console, as {@link SoukTestSupport#console(String)} runs it. */
    @FunctionalInterface
    interface Console {
        String run(String command) throws Exception;
    }

    private final Http http;
    private final Console console;
    private final BundleContext bundleContext;
    private final List<ServiceRegistration<Clock>> clocks = new ArrayList<>();

    SoukFixtures(Http http, Console console, BundleContext bundleContext) {
        this.http = http;
        this.console = console;
        this.bundleContext = bundleContext;
    }

    /** A gig the freelancer creates from this JSON; its id. */
    String createGig(String freelancer, String gig) {
        Reply created = http.post("gigs", freelancer, gig);
        assertEquals(created.toString(), 201, created.status());
        return created.at("/id");
    }

    /** The client's order of one package of the gig, as the API answered it (placed or refused). */
    Reply placeOrder(String client, String gigId, String tier, String requirements) {
        return http.post("orders", client, "{\"gigId\":\"" + gigId + "\",\"package\":\"" + tier
                + "\",\"requirements\":\"" + requirements + "\"}");
    }

    /** The client's order of the gig's BASIC package, which must be placed; its id. */
    String placedOrder(String client, String gigId, String requirements) {
        Reply order = placeOrder(client, gigId, "BASIC", requirements);
        assertEquals(order.toString(), 201, order.status());
        return order.at("/id");
    }

    /** A payment of the order with a sandbox card, as the API answered it. */
    Reply pay(String orderId, String client, String card) {
        return http.post("orders/" + orderId + "/payment", client,
                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"" + card + "\"}}");
    }

    /** A payment with the success card, which must succeed. */
    void paid(String orderId, String client) {
        Reply paid = pay(orderId, client, SUCCESS_CARD);
        assertEquals(paid.toString(), "SUCCESS", paid.at("/status"));
    }

    /** The newest notification of this type about the order in the token's inbox, or null. */
    JsonNode notification(String token, String type, String orderId) {
        for (JsonNode n : http.get("notifications?limit=100", token).json().get("items")) {
            if (type.equals(n.get("type").asText()) && orderId.equals(n.get("orderId").asText())) {
                return n;
            }
        }
        return null;
    }

    boolean inboxHas(String token, String type, String orderId) {
        return notification(token, type, orderId) != null;
    }

    /** Runs a console command that must fail, and returns what it said. */
    String consoleError(String command) {
        String output;
        try {
            output = console.run(command);
        } catch (Exception e) {
            StringBuilder said = new StringBuilder();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                said.append(cause.getMessage()).append('\n');
            }
            return said.toString();
        }
        throw new AssertionError("expected '" + command + "' to fail, it printed: " + output);
    }

    /** A sandbox webhook with this exact body, correctly signed, whatever it answers. */
    Reply sandboxWebhook(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.postRaw("webhooks/sandbox", bytes, Map.of("X-Sandbox-Signature", sandboxSignature(bytes)));
    }

    /** The signature the sandbox expects on a webhook body (the test containers' webhook secret). */
    static String sandboxSignature(byte[] body) {
        return hmacHex(SoukTestSupport.SANDBOX_WEBHOOK_SECRET, body);
    }

    /** HMAC-SHA256 of the body, in lower-case hex, as the gateways sign their webhooks. */
    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle as the distribution ships it, in its system repository. */
    static Path shippedBundle(String symbolicName) throws Exception {
        Path dir = Path.of(System.getProperty("karaf.home"), "system", "org", "souk", symbolicName);
        try (var versions = Files.list(dir)) {
            Path version = versions.findFirst().orElseThrow();
            try (var jars = Files.list(version)) {
                return jars.filter(p -> p.toString().endsWith(".jar")).findFirst().orElseThrow();
            }
        }
    }

    /**
     * A clock that every Souk component follows from now on (it outranks the system clock), at the system's time
     * until the test moves it; it is withdrawn when the test ends, or earlier by {@link #resetClocks()}.
     */
    MovableClock movableClock() {
        MovableClock clock = new MovableClock();
        clocks.add(bundleContext.registerService(Clock.class, clock, new Hashtable<>(Map.of("service.ranking", 1000))));
        return clock;
    }

    /** Withdraws the clocks this test registered: time is the system's again. */
    void resetClocks() {
        for (ServiceRegistration<Clock> clock : clocks) {
            try {
                clock.unregister();
            } catch (IllegalStateException alreadyGone) {
                // withdrawn by the test itself
            }
        }
        clocks.clear();
    }

    /**
     * Fires every order deadline due now, as the poller would over its next polls: one souk:timers --fire
     * fires a batch, and deadlines of other tests' orders in the same container may be due too.
     */
    String fireDueDeadlines() throws Exception {
        StringBuilder said = new StringBuilder();
        for (int batch = 0; batch < 20; batch++) {
            String output = console.run("souk:timers --fire");
            said.append(output);
            Matcher fired = FIRED.matcher(output);
            if (!fired.find() || Integer.parseInt(fired.group(1)) < 500) {
                break;
            }
        }
        return said.toString();
    }
}
