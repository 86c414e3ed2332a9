package org.souk.rest.internal;

import java.util.List;
import java.util.UUID;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.FieldError;
import org.souk.common.api.SoukException;
import org.souk.common.api.ValidationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into a problem document. Refusals keep their message; unexpected errors are logged
 * once with a correlation id, which is all the caller sees of them.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(SoukApplication.SELECT)
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        SoukException refusal = find(failure, SoukException.class);
        if (refusal != null) {
            return refusal(refusal);
        }
        JsonProcessingException json = find(failure, JsonProcessingException.class);
        if (json != null) {
            return badJson(json);
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return Problems.response(status, "http-" + status, Response.Status.fromStatusCode(status) == null
                    ? "Request refused" : Response.Status.fromStatusCode(status).getReasonPhrase(), httpDetail(status), null);
        }
        String correlation = UUID.randomUUID().toString();
        LOG.error("Unexpected failure, correlation id {}", correlation, failure);
        return Problems.response(500, "internal", "Internal error",
                "Something went wrong on our side; quote correlation id " + correlation, null);
    }

    private static Response refusal(SoukException e) {
        List<FieldError> errors = e instanceof ValidationException v ? v.errors() : null;
        return switch (e.problemType()) {
            case "validation" -> Problems.response(400, "validation", "Invalid request", e.getMessage(), errors);
            case "not-found" -> Problems.response(404, "not-found", "Not found", e.getMessage(), null);
            case "conflict" -> Problems.response(409, "conflict", "Conflict", e.getMessage(), null);
            case "forbidden" -> Problems.response(403, "forbidden", "Forbidden", e.getMessage(), null);
            case "unauthorized" -> Problems.builder(401, "unauthorized", "Unauthorized", e.getMessage(), null)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
            case "unavailable" -> Problems.builder(503, "unavailable", "Unavailable", e.getMessage(), null)
                    .header(HttpHeaders.RETRY_AFTER, "30").build();
            default -> Problems.response(400, e.problemType(), "Request refused", e.getMessage(), null);
        };
    }

    private static Response badJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String reason;
            if (e instanceof UnrecognizedPropertyException) {
                reason = "is not a known field";
            } else if (e instanceof InvalidFormatException f) {
                reason = "cannot be read as " + f.getTargetType().getSimpleName() + ": '" + f.getValue() + "'";
            } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
                reason = "must be " + describe(m.getTargetType());
            } else {
                reason = "has the wrong type";
            }
            return Problems.response(400, "validation", "Invalid request", "Invalid request: " + field + " " + reason,
                    List.of(new FieldError(field, reason)));
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return Problems.response(400, "malformed-json", "Malformed JSON", "The request body is not valid JSON" + where,
                null);
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String httpDetail(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this path; the API lives under /api/v1";
            case 405 -> "This path does not take that HTTP method";
            case 406 -> "This API answers in application/json";
            case 415 -> "Send the request body as application/json";
            default -> "The request was refused (HTTP " + status + ")";
        };
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
