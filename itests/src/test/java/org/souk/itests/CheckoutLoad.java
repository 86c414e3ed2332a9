package org.souk.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checkouts from a few client threads over real HTTP, back to back, for as long as it runs: each places an
 * order and pays it with the sandbox's card. Every answer is sorted: a 2xx, a 503 problem with
 * {@code Retry-After} (the API told the caller to come back), no answer at all (the node is down), or
 * anything else, which is what a caller must never get.
 */
final class CheckoutLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT = 20;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;
    private final String gigId;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, AtomicInteger> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Queue<String> wrong = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wrongCount = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Queue<String> orders = new ConcurrentLinkedQueue<>();

    CheckoutLoad(int port, String clientToken, String gigId) {
        this.base = "http://localhost:" + port + "/api/v1/";
        this.token = clientToken;
        this.gigId = gigId;
    }

    void start(int clients) {
        running.set(true);
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::checkouts, "checkout-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    /** How many answers of each kind: {@code "order 201"}, {@code "pay 503"}. */
    Map<String, Integer> answers() {
        Map<String, Integer> copy = new TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    int count(String step, int status) {
        AtomicInteger n = answers.get(step + " " + status);
        return n == null ? 0 : n.get();
    }

    /** Answers that were neither 2xx nor a 503 with Retry-After. */
    int wrongAnswers() {
        return wrongCount.get();
    }

    /** The first of them, for the failure message. */
    List<String> someWrongAnswers() {
        return List.copyOf(wrong);
    }

    int unanswered() {
        return unanswered.get();
    }

    List<String> orders() {
        return List.copyOf(orders);
    }

    private void checkouts() {
        while (running.get()) {
            JsonNode order = call("order", "orders", "{\"gigId\":\"" + gigId + "\",\"package\":\"BASIC\",\"requirements\":\"Load\"}");
            if (order != null && order.hasNonNull("id")) {
                String id = order.get("id").asText();
                orders.add(id);
                call("pay", "orders/" + id + "/payment", "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\""
                        + SoukFixtures.SUCCESS_CARD + "\"}}");
            }
        }
    }

    /** One POST, its answer sorted; the body when it was a 2xx. */
    private JsonNode call(String step, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r;
        try {
            r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            unanswered.incrementAndGet();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            return null;
        }
        answers.computeIfAbsent(step + " " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
        String type = r.headers().firstValue("Content-Type").orElse("");
        boolean ok = r.statusCode() / 100 == 2 || (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()
                && type.startsWith("application/problem+json"));
        if (!ok) {
            if (wrongCount.incrementAndGet() <= KEPT) {
                wrong.add(step + " " + r.statusCode() + " " + type + " " + r.body().substring(0, Math.min(200, r.body().length())));
            }
            return null;
        }
        try {
            return r.statusCode() / 100 == 2 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
    }
}
