package org.souk.provider.paypal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the parts of the PayPal REST API the provider uses: OAuth2 client credentials,
 * Orders v2 (create, get, capture), Payments v2 refunds and Notifications v1 webhook verification. It checks
 * Basic auth on the token endpoint and Bearer tokens elsewhere, honours {@code PayPal-Request-Id}, records
 * every request, and can be told to fail or to stop answering.
 *
 * <p>Webhook verification works like PayPal's: it takes the exact bytes of {@code webhook_event} out of the
 * verification request and checks an RSA-SHA256 signature of
 * {@code transmission_id|transmission_time|webhook_id|crc32(event bytes)} with the test's public key, unless a
 * verdict is imposed with {@link #verdict(String)}.
 */
final class PayPalStub implements AutoCloseable {

    static final String CLIENT_ID = "AcTestClientId-4711";
    static final String CLIENT_SECRET = "EHtest-client-secret-never-logged-0042";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the stub received it. */
    record Recorded(String method, String path, Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A verification request with the exact bytes PayPal would have computed the CRC32 over. */
    record Verification(JsonNode request, byte[] eventBytes) {
        long crc32() {
            CRC32 crc = new CRC32();
            crc.update(eventBytes);
            return crc.getValue();
        }
    }

    private record Canned(String method, String path, int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Random random = new Random();
    private final PublicKey webhookKey;
    private final String webhookId;

    final AtomicInteger tokensIssued = new AtomicInteger();
    final AtomicInteger ordersCreated = new AtomicInteger();
    final AtomicInteger capturesMade = new AtomicInteger();
    final AtomicInteger refundsMade = new AtomicInteger();
    final List<Recorded> requests = new CopyOnWriteArrayList<>();
    final List<Verification> verifications = new CopyOnWriteArrayList<>();

    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<String, String> orderByRequestId = new ConcurrentHashMap<>();
    private final Map<String, String> captureResponseByRequestId = new ConcurrentHashMap<>();
    private final Map<String, String> refundResponseByRequestId = new ConcurrentHashMap<>();
    private final List<Canned> canned = new CopyOnWriteArrayList<>();

    private volatile long expiresIn = 32_400;
    private volatile boolean unresponsive;
    private volatile boolean rejectAllTokens;
    private volatile boolean staleApproved;
    private volatile String captureStatus = "COMPLETED";
    private volatile String refundStatus = "COMPLETED";
    private volatile String verdict;
    private volatile CountDownLatch verificationGate;
    private volatile long verificationHoldMillis;
    private volatile CountDownLatch tokenGate;
    private volatile long tokenHoldMillis;
    /** Token requests being held right now (see {@link #holdTokens(long)}). */
    final AtomicInteger tokensBeingHeld = new AtomicInteger();
    /** One permit per token request that arrived, for tests that wait for one to be under way. */
    final java.util.concurrent.Semaphore tokenRequestsArrived = new java.util.concurrent.Semaphore(0);
    /** One permit per verification request that arrived, for tests that wait for them to be under way. */
    final java.util.concurrent.Semaphore verificationsArrived = new java.util.concurrent.Semaphore(0);
    /** Minor units refunded so far per capture id. */
    private final Map<String, Long> refundedByCapture = new ConcurrentHashMap<>();

    PayPalStub(PublicKey webhookKey, String webhookId) throws IOException {
        this.webhookKey = webhookKey;
        this.webhookId = webhookId;
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "paypal-stub");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    // ------------------------------------------------------------------ knobs for the tests

    void unresponsive() {
        unresponsive = true;
    }

    void expiresIn(long seconds) {
        expiresIn = seconds;
    }

    /** Forgets every token issued so far, as if they had been revoked: the next API call gets a 401. */
    void revokeTokens() {
        validTokens.clear();
    }

    /** Issues tokens that the API then refuses. */
    void rejectAllTokens() {
        rejectAllTokens = true;
    }

    /** The order look-up keeps saying APPROVED even after a capture, like a lagging replica. */
    void staleApproved() {
        staleApproved = true;
    }

    void captureStatus(String status) {
        captureStatus = status;
    }

    void refundStatus(String status) {
        refundStatus = status;
    }

    /** Imposes the verification verdict (e.g. for PayPal's own fixtures, whose certificate is out of reach). */
    void verdict(String verificationStatus) {
        verdict = verificationStatus;
    }

    /**
     * Verification requests are held until {@link #releaseVerifications()} or for {@code maxMillis}, whichever
     * comes first, and then answered: a PayPal that is slow to verify.
     */
    void holdVerifications(long maxMillis) {
        verificationHoldMillis = maxMillis;
        verificationGate = new CountDownLatch(1);
    }

    void releaseVerifications() {
        CountDownLatch gate = verificationGate;
        if (gate != null) {
            gate.countDown();
        }
    }

    /**
     * Token requests are held until {@link #releaseTokens()} or for {@code maxMillis}, whichever comes first,
     * and then answered: a PayPal that is slow to hand out an access token.
     */
    void holdTokens(long maxMillis) {
        tokenHoldMillis = maxMillis;
        tokenGate = new CountDownLatch(1);
    }

    void releaseTokens() {
        CountDownLatch gate = tokenGate;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** The next request with this method and path (a path ending in '*' is a prefix) gets this answer. */
    void failNext(String method, String path, int status, String body) {
        canned.add(new Canned(method, path, status, body));
    }

    /** The buyer approves the order at PayPal. */
    void approve(String orderId) {
        status(orderId, "APPROVED");
    }

    void status(String orderId, String status) {
        ObjectNode order = orders.get(orderId);
        synchronized (order) {
            order.put("status", status);
        }
    }

    ObjectNode order(String orderId) {
        return orders.get(orderId);
    }

    List<Recorded> requests(String method, String pathPrefix) {
        List<Recorded> out = new ArrayList<>();
        for (Recorded r : requests) {
            if (r.method().equals(method) && r.path().startsWith(pathPrefix)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    // ------------------------------------------------------------------ the API

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            requests.add(new Recorded(method, path, ex.getRequestHeaders(), body));
            if (unresponsive) {
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            for (Canned c : canned) {
                boolean matches = c.method().equals(method) && (c.path().endsWith("*")
                        ? path.startsWith(c.path().substring(0, c.path().length() - 1)) : path.equals(c.path()));
                if (matches && canned.remove(c)) {
                    send(ex, c.status(), c.body());
                    return;
                }
            }
            if (method.equals("POST") && path.equals("/v1/oauth2/token")) {
                token(ex, body);
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
                send(ex, 401, "{\"name\":\"AUTHENTICATION_FAILURE\",\"message\":\"Authentication failed due to invalid authentication credentials or a missing Authorization header.\"}");
                return;
            }
            String[] p = path.split("/");
            if (method.equals("POST") && path.equals("/v2/checkout/orders")) {
                createOrder(ex, body);
            } else if (method.equals("GET") && p.length == 5 && path.startsWith("/v2/checkout/orders/")) {
                getOrder(ex, p[4]);
            } else if (method.equals("POST") && p.length == 6 && path.startsWith("/v2/checkout/orders/") && p[5].equals("capture")) {
                capture(ex, p[4]);
            } else if (method.equals("POST") && p.length == 6 && path.startsWith("/v2/payments/captures/") && p[5].equals("refund")) {
                refund(ex, p[4], body);
            } else if (method.equals("POST") && path.equals("/v1/notifications/verify-webhook-signature")) {
                verify(ex, body);
            } else {
                send(ex, 404, notFound());
            }
        } catch (RuntimeException | GeneralSecurityException e) {
            e.printStackTrace();
            send(ex, 500, "{\"name\":\"INTERNAL_SERVER_ERROR\",\"message\":\"stub failure\"}");
        }
    }

    private void token(HttpExchange ex, byte[] body) throws IOException {
        tokenRequestsArrived.release();
        CountDownLatch gate = tokenGate;
        if (gate != null) {
            tokensBeingHeld.incrementAndGet();
            try {
                gate.await(tokenHoldMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                tokensBeingHeld.decrementAndGet();
            }
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String form = new String(body, StandardCharsets.UTF_8);
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed\"}");
            return;
        }
        if (!form.equals("grant_type=client_credentials")) {
            send(ex, 400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"Grant Type is NULL\"}");
            return;
        }
        String token = "A21AAtest" + tokensIssued.incrementAndGet() + "-" + Long.toHexString(random.nextLong());
        if (!rejectAllTokens) {
            validTokens.add(token);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("scope", "https://uri.paypal.com/services/payments/payment");
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("app_id", "APP-80W284485P519543T");
        answer.put("expires_in", expiresIn);
        answer.put("nonce", "2024-01-01T00:00:00Z" + token.hashCode());
        send(ex, 200, answer.toString());
    }

    private void createOrder(HttpExchange ex, byte[] body) throws IOException {
        String requestId = ex.getRequestHeaders().getFirst("PayPal-Request-Id");
        if (requestId != null && orderByRequestId.containsKey(requestId)) {
            ObjectNode order = orders.get(orderByRequestId.get(requestId));
            synchronized (order) {
                send(ex, 200, order.toString());
            }
            return;
        }
        JsonNode request = JSON.readTree(body);
        JsonNode unit = request.path("purchase_units").path(0);
        JsonNode amount = unit.path("amount");
        if (!"CAPTURE".equals(request.path("intent").asText()) || !amount.path("value").asText().matches("\\d+(\\.\\d{1,2})?")
                || amount.path("currency_code").asText().isEmpty()) {
            send(ex, 400, "{\"name\":\"INVALID_REQUEST\",\"message\":\"Request is not well-formed, syntactically incorrect, or violates schema.\"}");
            return;
        }
        if ("MAD".equals(amount.path("currency_code").asText())) {
            send(ex, 422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"message\":\"The requested action could not be performed, semantically incorrect, or failed business validation.\",\"details\":[{\"field\":\"/purchase_units/@reference_id=='default'/amount/currency_code\",\"issue\":\"CURRENCY_NOT_SUPPORTED\",\"description\":\"Currency code is not currently supported.\"}]}");
            return;
        }
        String id = newId();
        ObjectNode order = JSON.createObjectNode();
        order.put("id", id);
        order.put("intent", "CAPTURE");
        order.put("status", "PAYER_ACTION_REQUIRED");
        ObjectNode u = order.putArray("purchase_units").addObject();
        for (String field : List.of("reference_id", "custom_id", "invoice_id", "description")) {
            if (unit.has(field)) {
                u.set(field, unit.get(field));
            }
        }
        u.set("amount", amount);
        ArrayNode links = order.putArray("links");
        link(links, baseUrl() + "/v2/checkout/orders/" + id, "self", "GET");
        link(links, "https://www.sandbox.paypal.com/checkoutnow?token=" + id, "payer-action", "GET");
        orders.put(id, order);
        if (requestId != null && orderByRequestId.putIfAbsent(requestId, id) != null) {
            orders.remove(id); // a concurrent twin won
            createOrder(ex, body);
            return;
        }
        ordersCreated.incrementAndGet();
        send(ex, 201, order.toString());
    }

    private void getOrder(HttpExchange ex, String id) throws IOException {
        ObjectNode order = orders.get(id);
        if (order == null) {
            send(ex, 404, notFound());
            return;
        }
        synchronized (order) {
            ObjectNode copy = order.deepCopy();
            if (staleApproved && "COMPLETED".equals(copy.path("status").asText())) {
                copy.put("status", "APPROVED");
            }
            send(ex, 200, copy.toString());
        }
    }

    private void capture(HttpExchange ex, String id) throws IOException {
        String requestId = ex.getRequestHeaders().getFirst("PayPal-Request-Id");
        ObjectNode order = orders.get(id);
        if (order == null) {
            send(ex, 404, notFound());
            return;
        }
        synchronized (order) {
            if (requestId != null && captureResponseByRequestId.containsKey(requestId)) {
                send(ex, 201, captureResponseByRequestId.get(requestId));
                return;
            }
            String status = order.path("status").asText();
            if (!"APPROVED".equals(status)) {
                String issue = "COMPLETED".equals(status) ? "ORDER_ALREADY_CAPTURED" : "ORDER_NOT_APPROVED";
                send(ex, 422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"message\":\"The requested action could not be performed, semantically incorrect, or failed business validation.\",\"details\":[{\"issue\":\"" + issue + "\",\"description\":\"" + issue + "\"}]}");
                return;
            }
            JsonNode unit = order.path("purchase_units").path(0);
            ObjectNode capture = JSON.createObjectNode();
            capture.put("id", newId());
            capture.put("status", captureStatus);
            if ("PENDING".equals(captureStatus)) {
                capture.putObject("status_details").put("reason", "PENDING_REVIEW");
            }
            capture.set("amount", unit.path("amount"));
            capture.set("custom_id", unit.path("custom_id"));
            capture.set("invoice_id", unit.path("invoice_id"));
            ((ObjectNode) unit).putObject("payments").putArray("captures").add(capture);
            order.put("status", "COMPLETED");
            capturesMade.incrementAndGet();
            // The capture answer (return=representation) has the captures but not the unit's amount.
            ObjectNode answer = order.deepCopy();
            ((ObjectNode) answer.path("purchase_units").path(0)).remove("amount");
            String text = answer.toString();
            if (requestId != null) {
                captureResponseByRequestId.put(requestId, text);
            }
            send(ex, 201, text);
        }
    }

    private void refund(HttpExchange ex, String captureId, byte[] body) throws IOException {
        String requestId = ex.getRequestHeaders().getFirst("PayPal-Request-Id");
        JsonNode capture = null;
        for (ObjectNode order : orders.values()) {
            for (JsonNode c : order.path("purchase_units").path(0).path("payments").path("captures")) {
                if (captureId.equals(c.path("id").asText())) {
                    capture = c;
                }
            }
        }
        if (capture == null) {
            send(ex, 404, notFound());
            return;
        }
        synchronized (this) {
            if (requestId != null && refundResponseByRequestId.containsKey(requestId)) {
                send(ex, 201, refundResponseByRequestId.get(requestId));
                return;
            }
            JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            // As PayPal does: no amount refunds what is left of the capture; more than is left is refused.
            String currency = capture.path("amount").path("currency_code").asText();
            long captured = minor(capture.path("amount").path("value").asText());
            long refunded = refundedByCapture.getOrDefault(captureId, 0L);
            long left = captured - refunded;
            if (left <= 0) {
                send(ex, 422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"details\":[{\"issue\":\"CAPTURE_FULLY_REFUNDED\","
                        + "\"description\":\"The capture has already been fully refunded.\"}]}");
                return;
            }
            long asked = request.has("amount") ? minor(request.path("amount").path("value").asText()) : left;
            if (request.has("amount") && !currency.equals(request.path("amount").path("currency_code").asText())
                    || asked > left || asked <= 0) {
                send(ex, 422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"details\":[{\"issue\":\"REFUND_AMOUNT_EXCEEDED\","
                        + "\"description\":\"The refund amount must be less than or equal to the capture amount that has not yet been refunded.\"}]}");
                return;
            }
            refundedByCapture.put(captureId, refunded + asked);
            ((ObjectNode) capture).put("status", refunded + asked == captured ? "REFUNDED" : "PARTIALLY_REFUNDED");
            ObjectNode answer = JSON.createObjectNode();
            answer.put("id", newId());
            answer.put("status", refundStatus);
            if ("PENDING".equals(refundStatus)) {
                answer.putObject("status_details").put("reason", "ECHECK");
            }
            answer.putObject("amount").put("currency_code", currency).put("value",
                    java.math.BigDecimal.valueOf(asked, 2).toPlainString());
            refundsMade.incrementAndGet();
            String text = answer.toString();
            if (requestId != null) {
                refundResponseByRequestId.put(requestId, text);
            }
            send(ex, 201, text);
        }
    }

    private void verify(HttpExchange ex, byte[] body) throws IOException, GeneralSecurityException {
        JsonNode request = JSON.readTree(body);
        byte[] event = rawField(body, "webhook_event");
        verifications.add(new Verification(request, event));
        verificationsArrived.release();
        CountDownLatch gate = verificationGate;
        if (gate != null) {
            try {
                gate.await(verificationHoldMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        String answer = verdict;
        if (answer == null) {
            CRC32 crc = new CRC32();
            crc.update(event);
            String signed = request.path("transmission_id").asText() + "|" + request.path("transmission_time").asText()
                    + "|" + request.path("webhook_id").asText() + "|" + crc.getValue();
            boolean ok = webhookId.equals(request.path("webhook_id").asText())
                    && "SHA256withRSA".equals(request.path("auth_algo").asText())
                    && !request.path("cert_url").asText().isEmpty();
            if (ok) {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(webhookKey);
                rsa.update(signed.getBytes(StandardCharsets.UTF_8));
                try {
                    ok = rsa.verify(Base64.getDecoder().decode(request.path("transmission_sig").asText()));
                } catch (IllegalArgumentException | java.security.SignatureException e) {
                    ok = false;
                }
            }
            answer = ok ? "SUCCESS" : "FAILURE";
        }
        send(ex, 200, "{\"verification_status\":\"" + answer + "\"}");
    }

    /** The exact bytes of a top-level field's value in a JSON object. */
    static byte[] rawField(byte[] json, String field) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                int start = (int) parser.currentTokenLocation().getByteOffset();
                if (value.isStructStart()) {
                    parser.skipChildren();
                }
                if (name.equals(field)) {
                    int end = (int) parser.currentLocation().getByteOffset();
                    byte[] out = new byte[end - start];
                    System.arraycopy(json, start, out, 0, out.length);
                    return out;
                }
            }
            throw new IOException("no field " + field);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A PayPal decimal amount (two decimals here) in minor units. */
    private static long minor(String value) {
        return new java.math.BigDecimal(value).movePointRight(2).longValueExact();
    }

    private String newId() {
        String alphabet = "ABCDEFGHJKLMNPRSTUVWXY0123456789";
        StringBuilder s = new StringBuilder();
        synchronized (random) {
            for (int i = 0; i < 17; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return s.toString();
    }

    private static void link(ArrayNode links, String href, String rel, String method) {
        links.addObject().put("href", href).put("rel", rel).put("method", method);
    }

    private static String notFound() {
        return "{\"name\":\"RESOURCE_NOT_FOUND\",\"message\":\"The specified resource does not exist.\",\"details\":[{\"issue\":\"INVALID_RESOURCE_ID\",\"description\":\"Specified resource ID does not exist. Please check the resource ID and try again.\"}]}";
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("PayPal-Debug-Id", "f1e2d3c4b5a69");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }
}
