package org.souk.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small JSON-over-HTTP client for the tests: real requests to the running distribution. Every answer is
 * checked against the API description the node serves ({@link ContractCheck}).
 */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port + "/api/v1/";
    }

    /** A response: status, content type and the body parsed as JSON (null if empty or not JSON). */
    public record Reply(int status, String contentType, String text, JsonNode json) {
        public String at(String pointer) {
            JsonNode node = json.at(pointer);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /**
     * True once every resource of the API is published: the whiteboard adds them one by one as their
     * services come up, so one answering path does not mean all do.
     */
    public boolean ready(String token) {
        // Not checked against the description: while the node starts, what answers is not the API yet.
        for (String path : new String[] {"gigs", "orders", "notifications", "payment-methods"}) {
            if (poll(path, token).status() != 200) {
                return false;
            }
        }
        return poll("payment-methods", token).text().contains("sandbox.card");
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    /**
     * A GET polled while the node starts, or restarts or reconfigures a part of it, when what answers may not
     * be the API yet: not checked against the description.
     */
    public Reply poll(String path, String token) {
        return unchecked(request(path, token).GET());
    }

    public Reply post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON POST with headers of the caller's own ({@code Accept-Language}, {@code X-Forwarded-For} …). */
    public Reply post(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return send(b);
    }

    /** A POST with no body and no content type, as {@code curl -X POST} sends it. */
    public Reply postEmpty(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply patch(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply postRaw(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = request(path, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder request) {
        return send(request, true);
    }

    private Reply unchecked(HttpRequest.Builder request) {
        return send(request, false);
    }

    private Reply send(HttpRequest.Builder request, boolean checked) {
        try {
            HttpResponse<String> r = checked ? ContractCheck.send(client, request.build())
                    : client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (!r.body().isEmpty() && type.contains("json")) {
                json = JSON.readTree(r.body());
            }
            return new Reply(r.statusCode(), type, r.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
