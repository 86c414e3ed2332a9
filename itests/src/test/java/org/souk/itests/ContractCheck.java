package org.souk.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

/**
 * Every answer the tests receive, checked against the API description the node serves
 * ({@code /api/v1/openapi.json}): the status must be documented for the operation, the body must match the
 * documented schema of its media type (so a {@code null} where the document promises a value, a missing
 * required field, a value outside an enum or a problem {@code code} the operation does not list all fail), and
 * each of Souk's own headers that the answer carries must be documented on that response. A mismatch fails
 * the test that received the answer.
 *
 * <p>To see every mismatch of a run at once instead of the first, set {@code SOUK_CONTRACT_COLLECT} to a
 * file: mismatches are appended there and the tests go on.
 */
final class ContractCheck {

    /** The headers Souk sets on purpose: each must be documented where it is answered. */
    static final List<String> DOCUMENTED_HEADERS = List.of("Location", "ETag", "X-Request-Id", "Idempotent-Replayed",
            "Content-Language", "Retry-After", "WWW-Authenticate");
    private static final String API = "/api/v1/";
    private static final String DOCUMENT_IRI = "https://souk.test/api/v1/openapi.json";
    private static final Map<String, ContractCheck> BY_BASE = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Route> routes;
    private final JsonSchemaFactory schemas;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final String collectInto = System.getenv("SOUK_CONTRACT_COLLECT");

    private ContractCheck(ObjectNode document) {
        this.routes = routes(document);
        ObjectNode components = (ObjectNode) document.with("components").with("schemas");
        // Each response schema becomes a component of its own, so that it is reached by a plain pointer.
        int n = 0;
        for (Route route : routes) {
            for (JsonNode operation : route.operations().values()) {
                for (JsonNode response : iterable(operation.path("responses"))) {
                    for (Map.Entry<String, JsonNode> media : entries(response.path("content"))) {
                        if (media.getValue().has("schema")) {
                            String name = "_answer" + (n++);
                            components.set(name, media.getValue().get("schema"));
                            ((ObjectNode) media.getValue()).put("x-check", name);
                        }
                    }
                }
            }
        }
        String text = document.toString();
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_IRI, text))));
    }

    /** The check for the node at {@code base} ({@code http://host:port/api/v1/}), its document read once. */
    static ContractCheck of(HttpClient client, String base) {
        return BY_BASE.computeIfAbsent(base, b -> new ContractCheck(read(client, b + "openapi.json")));
    }

    /** Sends a request to the API and checks its answer against the document before handing it back. */
    static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String uri = request.uri().toString();
        int api = uri.indexOf(API);
        if (api >= 0) {
            String base = uri.substring(0, api + API.length());
            String path = request.uri().getRawPath().substring(URI.create(base).getRawPath().length());
            if (!path.equals("openapi.json")) {
                of(client, base).check(request.method(), path, answer);
            }
        }
        return answer;
    }

    private static ObjectNode read(HttpClient client, String uri) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + r.statusCode());
            }
            return (ObjectNode) JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One path of the document: its template as a pattern, and its operations by lower-case method. */
    private record Route(String template, Pattern pattern, int literals, Map<String, JsonNode> operations) {
    }

    private static List<Route> routes(JsonNode document) {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : entries(document.path("paths"))) {
            String template = path.getKey();
            StringBuilder regex = new StringBuilder();
            int literals = 0;
            for (String segment : template.substring(1).split("/", -1)) {
                regex.append('/');
                if (segment.startsWith("{")) {
                    regex.append("[^/]+");
                } else {
                    regex.append(Pattern.quote(segment));
                    literals++;
                }
            }
            Map<String, JsonNode> operations = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> op : entries(path.getValue())) {
                if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(op.getKey())) {
                    operations.put(op.getKey(), op.getValue());
                }
            }
            routes.add(new Route(template, Pattern.compile(regex.toString()), literals, operations));
        }
        // A literal segment wins over a parameter: /orders/mine before /orders/{id}.
        routes.sort(Comparator.comparingInt(Route::literals).reversed());
        return routes;
    }

    /**
     * Checks one answer. {@code path} is the request's path below the API's base, without its query.
     */
    void check(String method, String path, HttpResponse<String> answer) {
        if (method.equals("OPTIONS")) {
            return; // a CORS preflight: the browser's question, answered by the CORS rules, not an operation
        }
        List<String> mismatches = mismatches(method.toLowerCase(Locale.ROOT), path, answer);
        if (mismatches.isEmpty()) {
            return;
        }
        String report = method + " /" + path + " answered " + answer.statusCode() + ", not as documented:\n  - "
                + String.join("\n  - ", mismatches) + "\n  body: " + abbreviate(answer.body());
        if (collectInto != null) {
            try {
                Files.writeString(Path.of(collectInto), report + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        throw new AssertionError(report);
    }

    private List<String> mismatches(String method, String path, HttpResponse<String> answer) {
        String slashed = "/" + path;
        Route route = routes.stream().filter(r -> r.pattern().matcher(slashed).matches()).findFirst().orElse(null);
        String type = answer.headers().firstValue("Content-Type").orElse("");
        int status = answer.statusCode();
        if (route == null || !route.operations().containsKey(method)) {
            // Nothing is documented there: only a problem saying so is a right answer.
            boolean refused = status == 404 || status == 405;
            List<String> out = new ArrayList<>();
            if (!refused) {
                out.add("no operation " + method.toUpperCase(Locale.ROOT) + " is documented at this path");
            }
            out.addAll(body("#/components/schemas/Problem", type, answer.body()));
            return out;
        }
        JsonNode responses = route.operations().get(method).path("responses");
        String key = String.valueOf(status);
        if (status == 404 && answer.body().contains("\"http_404\"")) {
            // The path is documented but not published on this node (a channel switched off): as for any
            // path with nothing there, the HTTP layer's problem is the right answer.
            return body("#/components/schemas/Problem", type, answer.body());
        }
        JsonNode response = responses.has(key) ? responses.get(key)
                : responses.has(key.charAt(0) + "XX") ? responses.get(key.charAt(0) + "XX") : responses.get("default");
        if (response == null) {
            return List.of("status " + status + " is not documented for " + method.toUpperCase(Locale.ROOT) + " "
                    + route.template() + " (documented: " + fieldNames(responses) + ")");
        }
        List<String> out = new ArrayList<>();
        for (String header : DOCUMENTED_HEADERS) {
            if (answer.headers().firstValue(header).isPresent() && !hasField(response.path("headers"), header)) {
                out.add("header " + header + " is answered but not documented");
            }
        }
        JsonNode content = response.path("content");
        if (answer.body().isEmpty()) {
            return out;
        }
        String media = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
        if (!content.has(media)) {
            out.add("content type " + media + " is not documented (documented: " + fieldNames(content) + ")");
            return out;
        }
        JsonNode schemaName = content.get(media).path("x-check");
        if (!schemaName.isMissingNode() && media.contains("json")) {
            out.addAll(body("#/components/schemas/" + schemaName.asText(), type, answer.body()));
        }
        return out;
    }

    private List<String> body(String pointer, String type, String text) {
        if (!type.contains("json")) {
            return List.of("the answer is " + (type.isEmpty() ? "without a content type" : type) + ", not JSON");
        }
        JsonSchema schema = compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + p)));
        try {
            Set<ValidationMessage> errors = schema.validate(JSON.readTree(text));
            return errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            return List.of("the body is not JSON: " + e.getMessage());
        }
    }

    private static boolean hasField(JsonNode node, String name) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            if (it.next().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        return node::fields;
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
