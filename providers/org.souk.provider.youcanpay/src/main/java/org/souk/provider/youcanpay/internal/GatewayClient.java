package org.souk.provider.youcanpay.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

import org.souk.gateway.spi.HttpDeadline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The HTTP side of YouCanPay's v1 API: JSON in, JSON out, every call bounded by the configured timeouts.
 * It never logs: URLs and bodies carry the private key, so callers log what they can say safely.
 */
final class GatewayClient {

    /** Larger answers are not YouCanPay's; they are not parsed. */
    private static final int MAX_BODY = 1 << 20;

    /** An HTTP answer; {@code json} is null when the body is not JSON. */
    record Answer(int status, JsonNode json) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final Settings settings;
    private final ObjectMapper mapper;
    private final HttpClient http;

    GatewayClient(Settings settings, ObjectMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Answer post(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(settings.baseUrl.resolve(path)).timeout(settings.requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))).build();
        return send(request);
    }

    Answer get(String path, Map<String, String> query) throws IOException, InterruptedException {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> q.add(encode(k) + "=" + encode(v)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl.resolve(path) + q.toString()))
                .timeout(settings.requestTimeout).header("Accept", "application/json").GET().build();
        return send(request);
    }

    /**
     * Sends and reads the whole answer within connect + request timeout: the client's own request timeout
     * stops at the response headers, and a gateway that stalls in the body must not hold a thread either.
     */
    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpDeadline.send(http, request,
                settings.connectTimeout.plus(settings.requestTimeout));
        byte[] bytes = response.body();
        JsonNode json;
        try {
            json = bytes == null || bytes.length == 0 || bytes.length > MAX_BODY ? null : mapper.readTree(bytes);
        } catch (IOException notJson) {
            json = null; // an HTML error page from a proxy, say
        }
        return new Answer(response.statusCode(), json);
    }

    /** A path segment or query value, percent-encoded. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
