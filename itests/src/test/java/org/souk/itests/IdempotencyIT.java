package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Safe retries: POSTs with an Idempotency-Key run once per caller and key, and replay their first answer. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class IdempotencyIT extends SoukTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GIG = "{\"title\":\"Menu design\",\"description\":\"A cafe menu\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One page\",\"price\":\"300.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PDF\"]}]}";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String freelancer;
    private String gigId;

    /** An answer with the headers these tests look at. */
    private record Answer(int status, String text, String location, String replayed, String contentType) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String at(String pointer) {
            JsonNode node = json().at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    @Before
    public void gig() throws Exception {
        base = "http://localhost:" + httpPort() + "/api/v1/";
        freelancer = token("imane", "freelancer");
        Answer gig = post("gigs", freelancer, null, GIG);
        assertEquals(gig.toString(), 201, gig.status());
        gigId = gig.at("/id");
    }

    @Test
    public void placingAnOrderTwiceWithOneKeyMakesOneOrderAndAnswersAlike() throws Exception {
        String client = newClient();
        String key = UUID.randomUUID().toString();
        Answer first = post("orders", client, key, order("A menu"));
        assertEquals(first.toString(), 201, first.status());
        assertNull(first.replayed());
        // The order's own address, under the API's base once.
        assertEquals(base + "orders/" + first.at("/id"), first.location());

        Answer again = post("orders", client, key, order("A menu"));
        assertEquals(again.toString(), 201, again.status());
        assertEquals(first.text(), again.text());
        assertEquals(first.location(), again.location());
        assertTrue(again.contentType(), again.contentType().startsWith("application/json"));
        assertEquals("true", again.replayed());
        assertEquals(1, orderCount(client));
    }

    @Test
    public void payingAgainWithTheKeyAfterALostAnswerReplaysThePayment() throws Exception {
        String client = newClient();
        String orderId = post("orders", client, null, order("pay me")).at("/id");
        String key = UUID.randomUUID().toString();
        Answer paid = post("orders/" + orderId + "/payment", client, key, card("4242424242424242"));
        assertEquals(paid.toString(), 201, paid.status());
        assertEquals("SUCCESS", paid.at("/status"));

        // The answer was lost on the way: the client retries with the same key and gets it, not a 409.
        Answer retried = post("orders/" + orderId + "/payment", client, key, card("4242424242424242"));
        assertEquals(retried.toString(), 201, retried.status());
        assertEquals(paid.text(), retried.text());
        assertEquals(paid.location(), retried.location());
        assertEquals("true", retried.replayed());

        // Without the key the same call is what it always was: the order is paid already.
        Answer unkeyed = post("orders/" + orderId + "/payment", client, null, card("4242424242424242"));
        assertEquals(unkeyed.toString(), 409, unkeyed.status());
        assertEquals("PROCESSING", get("orders/" + orderId, client).at("/status"));
    }

    @Test
    public void refusalsAreReplayedToo() throws Exception {
        String client = newClient();
        String key = UUID.randomUUID().toString();
        Answer missing = post("orders/no-such-order/payment", client, key, card("4242424242424242"));
        assertEquals(missing.toString(), 404, missing.status());
        Answer again = post("orders/no-such-order/payment", client, key, card("4242424242424242"));
        assertEquals(404, again.status());
        assertEquals(missing.text(), again.text());
        assertEquals("true", again.replayed());
    }

    @Test
    public void theKeyWithAnotherBodyOrPathIs422AndChangesNothing() throws Exception {
        String client = newClient();
        String key = UUID.randomUUID().toString();
        assertEquals(201, post("orders", client, key, order("first")).status());

        Answer otherBody = post("orders", client, key, order("second"));
        assertEquals(otherBody.toString(), 422, otherBody.status());
        assertTrue(otherBody.contentType().startsWith("application/problem+json"));
        assertEquals("urn:souk:problem:idempotency-key-reused", otherBody.at("/type"));
        assertNotNull(otherBody.at("/detail"));

        String orderId = post("orders", client, null, order("other")).at("/id");
        Answer otherPath = post("orders/" + orderId + "/payment", client, key, order("first"));
        assertEquals(otherPath.toString(), 422, otherPath.status());
        assertEquals(2, orderCount(client));
        assertNull(get("orders/" + orderId, client).at("/payment/status"));
    }

    @Test
    public void concurrentRequestsWithOneKeyRunOnce() throws Exception {
        String client = newClient();
        String key = UUID.randomUUID().toString();
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Answer> answers = new ArrayList<>();
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Answer> racer = () -> {
                    start.await();
                    return post("orders", client, key, order("race"));
                };
                futures.add(pool.submit(racer));
            }
            start.countDown();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> created = new HashSet<>();
        for (Answer a : answers) {
            if (a.status() == 201) {
                created.add(a.text());
            } else {
                assertEquals(a.toString(), 409, a.status());
                assertEquals("urn:souk:problem:idempotency-key-in-use", a.at("/type"));
            }
        }
        assertEquals(answers.toString(), 1, created.size());
        assertEquals(1, orderCount(client));
        // Once the first is done, a retry replays it.
        Answer after = post("orders", client, key, order("race"));
        assertEquals(created.iterator().next(), after.text());
    }

    @Test
    public void anotherCallersKeyIsTheirOwn() throws Exception {
        String omar = newClient();
        String salma = newClient();
        String key = "shared-key-" + UUID.randomUUID();
        Answer first = post("orders", omar, key, order("same"));
        Answer second = post("orders", salma, key, order("same"));
        assertEquals(201, first.status());
        assertEquals(201, second.status());
        assertNull(second.replayed());
        assertNotEquals(first.at("/id"), second.at("/id"));
        assertEquals(1, orderCount(omar));
        assertEquals(1, orderCount(salma));
    }

    @Test
    public void withoutTheKeyEveryRequestRunsAndABadKeyIs400() throws Exception {
        String client = newClient();
        Answer first = post("orders", client, null, order("twice"));
        Answer second = post("orders", client, null, order("twice"));
        assertEquals(201, first.status());
        assertEquals(201, second.status());
        assertNull(second.replayed());
        assertNotEquals(first.at("/id"), second.at("/id"));

        for (String bad : List.of("k".repeat(256), "")) {
            Answer refused = post("orders", client, bad, order("bad key"));
            assertEquals(bad + ": " + refused, 400, refused.status());
            assertEquals("Idempotency-Key", refused.at("/errors/0/field"));
        }
        assertEquals(2, orderCount(client));
    }

    private String newClient() throws Exception {
        return token("idem-" + UUID.randomUUID().toString().substring(0, 8), "client");
    }

    private String order(String requirements) {
        return "{\"gigId\":\"" + gigId + "\",\"package\":\"BASIC\",\"requirements\":\"" + requirements + "\"}";
    }

    private static String card(String number) {
        return "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"" + number + "\"}}";
    }

    private int orderCount(String token) {
        Answer list = get("orders", token);
        assertEquals(list.toString(), 200, list.status());
        return list.json().get("items").size();
    }

    private Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET());
    }

    private Answer post(String path, String token, String key, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return send(b);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = ContractCheck.send(client, request.build());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null),
                    r.headers().firstValue("Idempotent-Replayed").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
