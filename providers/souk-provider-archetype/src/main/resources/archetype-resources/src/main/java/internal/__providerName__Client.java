package ${package}.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.souk.gateway.spi.HttpDeadline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP side of ${providerName}'s API: JSON in and out, the API key as a bearer token, every call bounded
 * by the configured timeouts. It never logs: requests carry the key, so callers log what is safe to say.
 */
final class ${providerName}Client {

    /** Larger answers are not the gateway's; they are not parsed. */
    private static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer; {@code json} is null when the body is not JSON. */
    record Answer(int status, JsonNode json) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final URI baseUrl;
    private final String apiKey;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final HttpClient http;

    ${providerName}Client(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** POSTs a JSON body; the idempotency key makes a retried creation return the first one. */
    Answer post(String path, ObjectNode body, String idempotencyKey) throws IOException, InterruptedException {
        // TODO: ${providerName}'s authentication and idempotency headers.
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + apiKey).header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        return send(request);
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + apiKey).header("Accept", "application/json").GET().build();
        return send(request);
    }

    /**
     * Sends and reads the whole answer within connect + request timeout: a gateway that stalls in the middle
     * of a body must not hold a thread either.
     */
    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpDeadline.send(http, request, connectTimeout.plus(requestTimeout));
        byte[] bytes = response.body();
        JsonNode json;
        try {
            json = bytes == null || bytes.length == 0 || bytes.length > MAX_BODY ? null : JSON.readTree(bytes);
        } catch (IOException notJson) {
            json = null; // an HTML error page from a proxy, say
        }
        return new Answer(response.statusCode(), json);
    }

    @Override
    public String toString() {
        return "${providerName}Client[" + baseUrl + "]"; // never the key
    }
}
