package org.souk.provider.paypal.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.gateway.spi.HttpDeadline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A thin client of the PayPal REST API: JSON over the JDK's HTTP client, authorised by an OAuth2 access
 * token obtained with the client credentials. The token is kept until shortly before it expires; an API
 * call answered 401 gets a fresh token and is sent once more. Thread-safe.
 *
 * <p>Neither the client secret nor a token is ever logged or put in an exception message.
 */
final class PayPalApi {

    private static final Logger LOG = LoggerFactory.getLogger(PayPalApi.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    /** PayPal refused the client id and secret: a configuration problem, not a passing one. */
    static final class CredentialsRejected extends Exception {
        private static final long serialVersionUID = 1L;

        CredentialsRejected(String message) {
            super(message);
        }
    }

    /** An HTTP answer: its status, its JSON body (a missing node if it had none or no JSON) and PayPal's debug id. */
    record Reply(int status, JsonNode body, String debugId) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Whether PayPal may not have decided: a server error, a rate limit, a conflict or a request timeout. */
        boolean undecided() {
            return status >= 500 || status == 408 || status == 409 || status == 429;
        }

        /** PayPal's error in one line: name, message and the issues of its details, without the body. */
        String error() {
            StringBuilder s = new StringBuilder();
            append(s, body.path("name").asText(body.path("error").asText("")));
            String message = body.path("message").asText(body.path("error_description").asText(""));
            if (!message.isBlank()) {
                s.append(s.length() > 0 ? ": " : "").append(message);
            }
            for (JsonNode d : body.path("details")) {
                String issue = d.path("issue").asText("");
                String description = d.path("description").asText("");
                s.append(s.length() > 0 ? "; " : "").append(issue);
                if (!description.isBlank()) {
                    s.append(issue.isBlank() ? "" : " ").append('(').append(description).append(')');
                }
            }
            if (s.length() == 0) {
                s.append("HTTP ").append(status);
            }
            return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s.toString();
        }

        /**
         * PayPal's reason for a refusal as a decline code: the first detail's {@code issue} (e.g.
         * {@code INSTRUMENT_DECLINED}, {@code PAYER_ACTION_REQUIRED}), else the error's {@code name}, normalised.
         */
        String declineCode() {
            for (JsonNode d : body.path("details")) {
                String issue = d.path("issue").asText("");
                if (!issue.isBlank()) {
                    return org.souk.gateway.spi.DeclineCodes.normalise(issue);
                }
            }
            String name = body.path("name").asText("");
            return org.souk.gateway.spi.DeclineCodes.normalise(name.isBlank() ? null : name);
        }

        /** Whether one of PayPal's error details has this issue code, e.g. {@code ORDER_ALREADY_CAPTURED}. */
        boolean hasIssue(String issue) {
            for (JsonNode d : body.path("details")) {
                if (issue.equals(d.path("issue").asText())) {
                    return true;
                }
            }
            return false;
        }

        private static void append(StringBuilder s, String text) {
            if (text != null && !text.isBlank()) {
                s.append(text);
            }
        }
    }

    private record Token(String value, Instant refreshAt) {
    }

    private final HttpClient http;
    private final String base;
    private final String basicAuth;
    private final Duration requestTimeout;
    private final Clock clock;
    /**
     * Held by the one thread getting a new token, so that the others wait for it rather than each asking PayPal.
     * A call with a deadline waits for it no longer than its deadline allows.
     */
    private final ReentrantLock tokenLock = new ReentrantLock();
    private final AtomicReference<Token> token = new AtomicReference<>();

    PayPalApi(Settings settings, Clock clock) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.base = settings.baseUrl().toString();
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (settings.clientId() + ":" + settings.clientSecret()).getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = settings.requestTimeout();
        this.clock = clock;
    }

    Reply get(String path) throws IOException, InterruptedException, CredentialsRejected {
        return call("GET", path, null, null, null);
    }

    /** A POST with a JSON body; {@code requestId} becomes {@code PayPal-Request-Id}, which makes it idempotent. */
    Reply post(String path, String json, String requestId) throws IOException, InterruptedException, CredentialsRejected {
        return call("POST", path, json, requestId, null);
    }

    /**
     * A POST that must be over within {@code limit}, every HTTP exchange it takes included (a token, the call,
     * its retry with a fresh token), or fails with {@link HttpTimeoutException}.
     */
    Reply post(String path, String json, String requestId, Duration limit)
            throws IOException, InterruptedException, CredentialsRejected {
        return call("POST", path, json, requestId, System.nanoTime() + limit.toNanos());
    }

    /** {@code deadline} (a {@link System#nanoTime()}) bounds the whole call; null: each exchange gets the request timeout. */
    private Reply call(String method, String path, String json, String requestId, Long deadline)
            throws IOException, InterruptedException, CredentialsRejected {
        Token t = token(deadline);
        Reply reply = send(method, path, json, requestId, t, deadline);
        if (reply.status() == 401) {
            LOG.debug("PayPal refused the access token on {} {}; getting a new one", method, path);
            forget(t);
            reply = send(method, path, json, requestId, token(deadline), deadline);
        }
        return reply;
    }

    /**
     * Sends a request and reads the whole answer. Without a deadline the request timeout applies as the JDK
     * client applies it; with one, the exchange is abandoned once the deadline passes, however far it got.
     */
    private HttpResponse<byte[]> exchange(HttpRequest.Builder b, Long deadline) throws IOException, InterruptedException {
        if (deadline == null) {
            return http.send(b.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        }
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
            throw new HttpTimeoutException("no time left");
        }
        return HttpDeadline.send(http, b.timeout(left).build(), left);
    }

    private Reply send(String method, String path, String json, String requestId, Token t, Long deadline)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + t.value()).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").header("Prefer", "return=representation")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (requestId != null) {
            b.header("PayPal-Request-Id", requestId);
        }
        HttpResponse<byte[]> response = exchange(b, deadline);
        Reply reply = new Reply(response.statusCode(), parse(response.body()),
                response.headers().firstValue("PayPal-Debug-Id").orElse(null));
        if (!reply.ok()) {
            LOG.debug("PayPal {} {} answered {} (debug id {})", method, path, reply.status(), reply.debugId());
        }
        return reply;
    }

    /**
     * The cached token, or a new one if it is about to expire. With a deadline, the wait for another thread
     * getting a token counts against it: past the deadline the call fails with {@link HttpTimeoutException}.
     */
    private Token token(Long deadline) throws IOException, InterruptedException, CredentialsRejected {
        Token t = token.get();
        if (t != null && clock.instant().isBefore(t.refreshAt())) {
            return t;
        }
        if (deadline == null) {
            tokenLock.lockInterruptibly();
        } else if (!tokenLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new HttpTimeoutException("no access token in time: another request is still getting one");
        }
        try {
            t = token.get();
            if (t == null || !clock.instant().isBefore(t.refreshAt())) {
                t = requestToken(deadline);
                token.set(t);
            }
            return t;
        } finally {
            tokenLock.unlock();
        }
    }

    /**
     * Asks PayPal for a fresh access token now, whatever is cached, so that the client credentials are
     * checked against PayPal; the new token is kept.
     */
    void checkCredentials() throws IOException, InterruptedException, CredentialsRejected {
        tokenLock.lockInterruptibly();
        try {
            token.set(requestToken(null));
        } finally {
            tokenLock.unlock();
        }
    }

    private void forget(Token stale) {
        token.compareAndSet(stale, null);
    }

    private Token requestToken(Long deadline) throws IOException, InterruptedException, CredentialsRejected {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/oauth2/token"))
                .header("Authorization", basicAuth).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        HttpResponse<byte[]> response = exchange(request, deadline);
        Reply reply = new Reply(response.statusCode(), parse(response.body()),
                response.headers().firstValue("PayPal-Debug-Id").orElse(null));
        if (reply.status() == 400 || reply.status() == 401 || reply.status() == 403) {
            LOG.warn("PayPal refused the client credentials ({}, {}): check client.id and .client.secret",
                    reply.status(), reply.body().path("error").asText("no error code"));
            throw new CredentialsRejected("PayPal refused the client credentials (" + reply.error() + ")");
        }
        String value = reply.body().path("access_token").asText("");
        if (!reply.ok() || value.isBlank()) {
            throw new IOException("PayPal's token endpoint answered " + reply.status() + " without a token");
        }
        long expiresIn = reply.body().path("expires_in").asLong(0);
        if (expiresIn <= 0) {
            expiresIn = 300; // not said: keep it briefly
        }
        long margin = Math.min(60, expiresIn / 2);
        return new Token(value, clock.instant().plusSeconds(expiresIn - margin));
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** An id as one URL path segment. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A failed call in a few words, for a log line or a message: never the request, which carries a token. */
    static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return "could not connect";
        }
        return e.getClass().getSimpleName();
    }
}
