package org.souk.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback stand-in for YouCanPay's v1 API: tokenize answers a token and a transaction id, and the
 * transaction look-up answers whatever status the test set for it, as the real gateway would after the
 * customer paid in the widget.
 */
final class YouCanPayStub implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger tokens = new AtomicInteger();
    /** Transaction id → {order id (Souk's payment id), amount in minor units, status}. */
    final Map<String, String[]> transactions = new ConcurrentHashMap<>();

    YouCanPayStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/tokenize", this::tokenize);
        server.createContext("/api/transactions/", this::transaction);
        // The provider checks its keys when it starts; the stub takes any.
        server.createContext("/api/keys/check", exchange -> reply(exchange, 200, "{\"success\":true}"));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    private void tokenize(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int n = tokens.incrementAndGet();
        String orderId = field(body, "order_id");
        String amount = field(body, "amount");
        transactions.put("tx-" + n, new String[] {orderId, amount, "0"});
        reply(exchange, 200, "{\"transaction_id\":\"tx-" + n + "\",\"token\":{\"id\":\"tok-" + n + "\"}}");
    }

    private void transaction(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/api/transactions/".length());
        String[] t = transactions.get(id);
        if (t == null) {
            reply(exchange, 404, "{\"success\":false,\"message\":\"not found\"}");
            return;
        }
        reply(exchange, 200, "{\"id\":\"" + id + "\",\"status\":" + t[2] + ",\"order_id\":\"" + t[0] + "\",\"amount\":\""
                + t[1] + "\",\"currency\":\"MAD\"}");
    }

    /** The customer paid in the widget: the gateway now says status 1 for the transaction. */
    void markPaid(String transactionId) {
        transactions.get(transactionId)[2] = "1";
    }

    /** The payment failed at the gateway: status -3. */
    void markFailed(String transactionId) {
        transactions.get(transactionId)[2] = "-3";
    }

    private static String field(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
