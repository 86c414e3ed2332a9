package org.souk.rest.internal.openapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.souk.rest.internal.http.BearerTokenFilter;

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
 * every operation that {@link BearerTokenFilter} guards, by the filter's own rule; a problem answer on every
 * operation; {@code Idempotency-Key} on every POST a signed-in caller makes; and amounts as the API writes
 * them rather than as the Java records hold them.
 */
public class OpenApiBuildFilter extends AbstractSpecFilter {

    static final String CODES = "/org/souk/rest/internal/problem/problems.properties";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM = "#/components/schemas/Problem";
    /** The security scheme of openapi-base.yaml. */
    static final String BEARER = "bearer";
    /**
     * The order of the tags, which is the order of the docs page's sections. Swagger lists the tags in the
     * order it meets the resource classes, which moves when a class is renamed or moved; the document keeps
     * this order instead. A tag not listed here comes last.
     */
    static final List<String> TAG_ORDER = List.of("order requests", "disputes", "events", "gigs", "api",
            "notifications", "earnings", "messages", "reviews", "orders", "payment methods", "webhooks", "withdrawals",
            "audit");

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
        return Optional.of(openAPI);
    }

    private static int rank(String tag) {
        int rank = TAG_ORDER.indexOf(tag);
        return rank < 0 ? TAG_ORDER.size() : rank;
    }

    private static void complete(PathItem.HttpMethod method, Operation operation, boolean signedIn) {
        if (signedIn) {
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        }
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            responses = new ApiResponses();
            operation.setResponses(responses);
        }
        responses.putIfAbsent("4XX", problem("Refused: the problem's `code` says why (bad input names each field in `errors`)"
                + (signedIn ? "; 401 without a valid bearer token, 404 for what is not yours" : "")));
        responses.putIfAbsent("5XX", problem("Failed on Souk's side (500, quote `requestId`) or a service it needs is"
                + " unavailable (503, retry later)"));
        if (signedIn && method == PathItem.HttpMethod.POST) {
            operation.addParametersItem(new Parameter().$ref("#/components/parameters/IdempotencyKey"));
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
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
