package org.souk.rest.internal.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.souk.common.api.FieldError;

/** Builds RFC 9457 problem documents: one error shape for the whole API. */
public final class Problems {

    public static final String PROBLEM_JSON = "application/problem+json";
    static final String TYPE_PREFIX = "urn:souk:problem:";

    private Problems() {
    }

    /**
     * The stable, machine-readable code of a problem type, for a frontend to branch on: the type in
     * snake_case ({@code wrong-state} is {@code wrong_state}).
     */
    public static String code(String type) {
        return type.replace('-', '_');
    }

    public static Response response(int status, String type, String title, String detail, List<FieldError> errors) {
        return builder(status, type, title, detail, errors).build();
    }

    public static Response.ResponseBuilder builder(int status, String type, String title, String detail, List<FieldError> errors) {
        return builder(status, type, title, detail, errors, Map.of());
    }

    /** A problem with extension members after the standard ones, such as a 500's {@code requestId}. */
    public static Response.ResponseBuilder builder(int status, String type, String title, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(status, type, title, detail, errors, extensions));
    }

    /** The problem document itself, for what answers outside JAX-RS (a servlet filter). */
    public static Map<String, Object> body(int status, String type, String title, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + type);
        body.put("code", code(type));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null && !errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(extensions);
        return body;
    }
}
