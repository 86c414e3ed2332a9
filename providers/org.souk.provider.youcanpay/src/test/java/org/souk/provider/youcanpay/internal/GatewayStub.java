package org.souk.provider.youcanpay.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for YouCanPay's API on a free loopback port: each route ("POST tokenize",
 * "GET transactions/abc") answers what the test scripted, and every request is kept for inspection.
 */
final class GatewayStub implements AutoCloseable {

    static final String PREFIX = "/sandbox/api/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the stub received it; {@code path} is relative to the API base. */
    record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What the stub does for one route; it may look at the request. */
    @FunctionalInterface
    interface Reply {
        void answer(HttpExchange exchange, Received request) throws IOException, InterruptedException;
    }

    static Reply reply(int status, byte[] body) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    static Reply reply(int status, String body) {
        return reply(status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Says nothing for a while, then answers. */
    static Reply slow(long millis, Reply then) {
        return (exchange, request) -> {
            Thread.sleep(millis);
            then.answer(exchange, request);
        };
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    GatewayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX;
    }

    GatewayStub on(String methodAndPath, Reply reply) {
        routes.put(methodAndPath, reply);
        return this;
    }

    List<Received> received(String method, String path) {
        return received.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String raw = exchange.getRequestURI().getRawPath();
            String path = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : raw;
            byte[] body = exchange.getRequestBody().readAllBytes();
            Received request = new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body);
            received.add(request);
            Reply reply = routes.getOrDefault(exchange.getRequestMethod() + " " + path,
                    reply(404, "{\"success\":false,\"message\":\"Not found\"}"));
            reply.answer(exchange, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
