package org.souk.rest.internal.openapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Build time only: the problems each operation can answer, status by status, each with the list of its
 * {@code code}s. Some follow from what the operation is (signed in, with a body, with a path parameter, a
 * POST that takes an {@code Idempotency-Key}); the rest are the operation's own ({@link OperationProblems}).
 */
final class ProblemAnswers {

    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final String DECLINED = "#/components/schemas/PaymentDeclined";

    private ProblemAnswers() {
    }

    /** The operation's problem responses, replacing what it declared by hand for a problem status. */
    static void complete(PathItem.HttpMethod method, Operation operation, boolean signedIn) {
        Map<Integer, Set<String>> codes = new TreeMap<>();
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.get$ref() == null);
        boolean pathParameter = operation.getParameters() != null
                && operation.getParameters().stream().map(Parameter::getIn).anyMatch("path"::equals);
        add(codes, 500, "internal");
        // a dependency away, or the API starting or a part of it restarting (the guard in front of every path)
        add(codes, 503, "unavailable", "service_unavailable");
        add(codes, 406, "http_406");
        if (signedIn) {
            add(codes, 401, "unauthorized");
        }
        if (body || parameters) {
            add(codes, 400, "validation");
        }
        if (body) {
            add(codes, 400, "malformed_json", "http_400");
            add(codes, 413, "too_large");
            add(codes, 415, "http_415");
        }
        if (pathParameter) {
            add(codes, 404, "not_found");
        }
        if (signedIn && method == PathItem.HttpMethod.POST) {
            add(codes, 422, "idempotency_key_reused");
            add(codes, 409, "idempotency_key_in_use");
        }
        if (signedIn) {
            add(codes, 403, "forbidden"); // a role that may not do it
        }
        if (signedIn && method != PathItem.HttpMethod.GET) {
            add(codes, 409, "conflict");
        }
        OperationProblems.of(operation.getOperationId()).forEach((status, list) -> add(codes, status, list.toArray(String[]::new)));
        ApiResponses responses = operation.getResponses();
        responses.remove("4XX");
        responses.remove("5XX");
        codes.forEach((status, list) -> responses.put(String.valueOf(status), answer(status, list, responses.get(String.valueOf(status)))));
    }

    private static void add(Map<Integer, Set<String>> codes, int status, String... list) {
        codes.computeIfAbsent(status, s -> new LinkedHashSet<>()).addAll(List.of(list));
    }

    private static ApiResponse answer(int status, Set<String> codes, ApiResponse declared) {
        StringSchema code = new StringSchema();
        code.setEnum(new ArrayList<>(codes));
        Schema<?> schema = new Schema<>().allOf(List.of(new Schema<>().$ref(status == 402 ? DECLINED : PROBLEM)));
        schema.setProperties(new TreeMap<>(Map.of("code", code)));
        String description = (declared != null && declared.getDescription() != null
                && !declared.getDescription().equals("default response") ? declared.getDescription() + ". " : "")
                + reason(status) + ": " + String.join(", ", codes.stream().map(c -> "`" + c + "`").toList());
        // An answer the operation declares itself in another type stays beside the problem (health's 503 report).
        Content content = new Content();
        if (declared != null && declared.getContent() != null) {
            declared.getContent().forEach((type, media) -> {
                if (!type.equals(OpenApiBuildFilter.PROBLEM_JSON) && media.getSchema() != null) {
                    content.addMediaType(type, media);
                }
            });
        }
        content.addMediaType(OpenApiBuildFilter.PROBLEM_JSON, new MediaType().schema(schema));
        ApiResponse answer = new ApiResponse().description(description).content(content);
        AnswerHeaders.problem(status, answer);
        return answer;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "No valid bearer token";
            case 402 -> "Payment declined";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Unprocessable";
            case 500 -> "Internal error";
            case 503 -> "Unavailable, retry later";
            default -> "Refused";
        };
    }
}
