package org.souk.rest.internal.openapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.souk.notification.api.Notification;
import org.souk.order.api.OrderChange;
import org.souk.rest.internal.http.BearerTokenFilter;
import org.souk.rest.internal.live.EventsResource;
import org.souk.rest.internal.live.LiveEvents;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.filter.AbstractSpecFilter;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * Completes the generated description at build time (the swagger-maven-plugin applies it; it is not
 * packaged): the problem codes from {@code problems.properties}, the one list of them; the bearer scheme on
 * every operation that {@link BearerTokenFilter} guards, by the filter's own rule, and {@code security: []} on
 * the others; the problems each operation answers, status by status with their codes ({@link ProblemAnswers});
 * the headers of every answer ({@link AnswerHeaders}); {@code Idempotency-Key} on every POST a signed-in
 * caller makes; every field of an answer required ({@link RequiredFields}); and amounts as the API writes
 * them rather than as the Java records hold them.
 */
public class OpenApiBuildFilter extends AbstractSpecFilter {

    static final String CODES = "/org/souk/rest/internal/problem/problems.properties";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String COMPONENT = "#/components/schemas/";
    /** The data of the events that end or reset a stream: why (openapi-base.yaml). */
    private static final String STREAM_NOTICE = "StreamNotice";
    /** The security scheme of openapi-base.yaml. */
    static final String BEARER = "bearer";
    /** The ticket that opens an event stream instead of the bearer token (openapi-base.yaml). */
    static final String EVENT_TICKET = "eventTicket";
    /**
     * The order of the tags, which is the order of the docs page's sections. Swagger lists the tags in the
     * order it meets the resource classes, which moves when a class is renamed or moved; the document keeps
     * this order instead. A tag not listed here comes last.
     */
    static final List<String> TAG_ORDER = List.of("order requests", "disputes", "events", "gigs", "api",
            "notifications", "earnings", "messages", "reviews", "orders", "payment methods", "webhooks", "withdrawals",
            "account", "audit");

    @Override
    public Optional<OpenAPI> filterOpenAPI(OpenAPI openAPI, Map<String, List<String>> params, Map<String, String> cookies,
            Map<String, List<String>> headers) {
        @SuppressWarnings("unchecked")
        Schema<Object> problem = openAPI.getComponents().getSchemas().get("Problem");
        StringSchema code = new StringSchema();
        code.setDescription(((Schema<?>) problem.getProperties().get("code")).getDescription());
        codes().forEach(code::addEnumItem);
        problem.getProperties().put("code", code);

        // Amounts are written by the API's JSON provider, not from the records' fields.
        for (String money : List.of("Money", "SignedMoney")) {
            if (openAPI.getComponents().getSchemas().containsKey(money)) {
                openAPI.getComponents().getSchemas().put(money, new Schema<>().$ref("#/components/schemas/Amount"));
            }
        }

        if (openAPI.getTags() != null) {
            openAPI.getTags().sort(Comparator.comparingInt(tag -> rank(tag.getName())));
        }

        for (Map.Entry<String, PathItem> path : openAPI.getPaths().entrySet()) {
            boolean signedIn = !BearerTokenFilter.isPublic(path.getKey().substring(1));
            for (Map.Entry<PathItem.HttpMethod, Operation> e : path.getValue().readOperationsMap().entrySet()) {
                complete(e.getKey(), e.getValue(), signedIn);
            }
        }
        // An event stream is opened with the bearer token, or with a ticket where EventSource cannot send one.
        PathItem events = openAPI.getPaths().get("/" + EventsResource.PATH);
        if (events != null && events.getGet() != null) {
            events.getGet().setSecurity(List.of(new SecurityRequirement().addList(BEARER),
                    new SecurityRequirement().addList(EVENT_TICKET)));
        }
        RequiredFields.apply(openAPI, describeEvents(openAPI));
        RequiredFields.requireBodies(openAPI);
        return Optional.of(openAPI);
    }

    /**
     * The live events of {@code GET /events}, which a schema of {@code text/event-stream} cannot say: each
     * event's name with the schema of its JSON data, in the operation's {@code x-events}. Returns the schemas.
     */
    private static List<String> describeEvents(OpenAPI openAPI) {
        PathItem events = openAPI.getPaths().get("/" + EventsResource.PATH);
        if (events == null || events.getGet() == null) {
            return List.of();
        }
        @SuppressWarnings("rawtypes")
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        Map<String, Object> byName = new LinkedHashMap<>();
        byName.put(LiveEvents.NOTIFICATION, component(schemas, Notification.class));
        byName.put(LiveEvents.ORDER, component(schemas, OrderChange.class));
        byName.put(LiveEvents.RESET, Map.of("$ref", COMPONENT + STREAM_NOTICE));
        byName.put(LiveEvents.REPLACED, Map.of("$ref", COMPONENT + STREAM_NOTICE));
        events.getGet().addExtension("x-events", byName);
        return List.of(Notification.class.getSimpleName(), OrderChange.class.getSimpleName(), STREAM_NOTICE);
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, String> component(Map<String, Schema> schemas, Class<?> type) {
        ModelConverters.getInstance(true).readAll(new AnnotatedType(type)).forEach(schemas::putIfAbsent);
        return Map.of("$ref", COMPONENT + type.getSimpleName());
    }

    private static int rank(String tag) {
        int rank = TAG_ORDER.indexOf(tag);
        return rank < 0 ? TAG_ORDER.size() : rank;
    }

    private static void complete(PathItem.HttpMethod method, Operation operation, boolean signedIn) {
        // A public operation says so, rather than inheriting a scheme: Swagger UI and generated clients send no token.
        operation.setSecurity(signedIn ? List.of(new SecurityRequirement().addList(BEARER)) : List.of());
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        boolean idempotent = signedIn && method == PathItem.HttpMethod.POST;
        if (idempotent) {
            operation.addParametersItem(new Parameter().$ref("#/components/parameters/IdempotencyKey"));
        }
        ProblemAnswers.complete(method, operation, signedIn);
        operation.getResponses().forEach((status, answer) -> AnswerHeaders.any(status, answer, idempotent));
    }

    /** The codes in the order of problems.properties: its keys. */
    static List<String> codes() {
        List<String> codes = new ArrayList<>();
        try (InputStream in = OpenApiBuildFilter.class.getResourceAsStream(CODES)) {
            if (in == null) {
                throw new IllegalStateException(CODES + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.trim();
                int eq = trimmed.indexOf('=');
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && eq > 0) {
                    codes.add(trimmed.substring(0, eq).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }
}
