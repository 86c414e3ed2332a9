package ${package}.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for ${providerName}'s API on a free loopback port, speaking the protocol the provider
 * speaks: {@code POST payments} (idempotent on the Idempotency-Key header) and {@code GET payments/{id}}.
 * It remembers its payments, lets a test complete one as a customer would, and can stop answering.
 * TODO: when you change the provider's protocol to ${providerName}'s real one, change this stub with it.
 */
final class ${providerName}GatewayStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the stub received it; {@code path} is relative to the API base. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final String apiKey;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();
    private final Map<String, String> byIdempotencyKey = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Released when the stub closes: until then an unresponsive stub holds every request. */
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean unresponsive;
    final List<Received> received = new CopyOnWriteArrayList<>();

    ${providerName}GatewayStub(String apiKey) throws IOException {
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1/";
    }

    /** The customer paid on the hosted page: the payment's record now says paid. */
    void complete(String gatewayId) {
        payments.get(gatewayId).put("status", "paid");
    }

    /** From now on, requests are read and never answered (until the stub closes). */
    void stopAnswering() {
        unresponsive = true;
    }

    /** The gateway's record of a payment, as its API and its webhooks show it. */
    ObjectNode payment(String id) {
        return payments.get(id).deepCopy();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            path = path.startsWith("/v1/") ? path.substring(4) : path;
            Received request = new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes());
            received.add(request);
            if (unresponsive) {
                closed.await();
                return;
            }
            if (!("Bearer " + apiKey).equals(request.header("Authorization"))) {
                answer(exchange, 401, "{\"message\":\"bad API key\"}");
            } else if (request.method().equals("POST") && path.equals("payments")) {
                create(exchange, request);
            } else if (request.method().equals("GET") && path.startsWith("payments/") && payments.containsKey(path.substring(9))) {
                answer(exchange, 200, payments.get(path.substring(9)).toString());
            } else {
                answer(exchange, 404, "{\"message\":\"not found\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void create(HttpExchange exchange, Received request) throws IOException {
        JsonNode body = JSON.readTree(request.body());
        String key = request.header("Idempotency-Key");
        String id = key == null ? null : byIdempotencyKey.get(key);
        if (id == null) {
            id = "pay_" + ids.incrementAndGet();
            ObjectNode payment = JSON.createObjectNode().put("id", id).put("reference", body.path("reference").asText())
                    .put("status", "pending").put("amount", body.path("amount").asLong())
                    .put("currency", body.path("currency").asText())
                    .put("redirect_url", "https://pay.${providerId}.example/checkout/" + id);
            payments.put(id, payment);
            if (key != null) {
                byIdempotencyKey.put(key, id);
            }
        }
        answer(exchange, 201, payments.get(id).toString());
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
