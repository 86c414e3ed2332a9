package org.souk.rest.internal.problem;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.ws.rs.WebApplicationException;
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
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.SoukJsonProvider;
import org.souk.rest.internal.http.RequestIdFilter;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure into a problem document. Refusals keep their message; unexpected errors are logged
 * once under the request id, which is all the caller sees of them.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsApplicationSelect(SoukApplication.SELECT)
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final int MAX_PATH = 200;

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
        return internal(failure);
    }

    /**
     * An unexpected failure: logged once, with its stack, under the request's id (the one the answer's
     * {@code X-Request-Id} carries), and answered with that id only.
     */
    static Response internal(Throwable failure) {
        String requestId = RequestIdFilter.current();
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        LOG.error("Unexpected failure, request id {}", requestId, failure);
        return Problems.builder(500, "internal", "Internal error",
                "Something went wrong on our side; quote request id " + requestId, null, Map.of("requestId", requestId))
                .build();
    }

    /** A refusal, answered as its kind says; its problem type and message are the caller's to read. */
    private static Response refusal(SoukException e) {
        RefusalAnswer answer = RefusalAnswer.of(e.kind());
        List<FieldError> errors = e instanceof ValidationException v ? v.errors() : null;
        Response.ResponseBuilder problem = Problems.builder(answer.status(), e.problemType(), answer.title(),
                e.getMessage(), errors);
        answer.headers().forEach(problem::header);
        return problem.build();
    }

    /** What the caller is told about JSON it sent that cannot be read: one field and why. */
    record JsonProblem(String type, String title, String detail, FieldError error) {
    }

    private static Response badJson(JsonProcessingException e) {
        JsonProblem problem = jsonProblem(e);
        return Problems.response(400, problem.type(), problem.title(), problem.detail(), List.of(problem.error()));
    }

    /**
     * JSON that cannot be read, named by where it broke: the path of the value being read (the parser's
     * position for a syntax error, Jackson's path for a value of the wrong type), or {@code body} for the
     * whole document.
     */
    static JsonProblem jsonProblem(JsonProcessingException e) {
        StreamReadException read = innermost(e, StreamReadException.class);
        JsonMappingException mapping = find(e, JsonMappingException.class);
        String field = "";
        if (read != null && read.getProcessor() != null) {
            field = path(read.getProcessor().getParsingContext());
        }
        if (field.isEmpty() && mapping != null) {
            field = path(mapping);
        }
        if (field.isEmpty()) {
            field = "body";
        }
        if (read instanceof JsonParseException syntax) {
            String where = syntax.getLocation() == null ? "" : " at line " + syntax.getLocation().getLineNr()
                    + ", column " + syntax.getLocation().getColumnNr();
            String reason = "is not valid JSON" + where + ": " + clip(firstLine(syntax.getOriginalMessage()), 120);
            return new JsonProblem("malformed-json", "Malformed JSON", "The request body is not valid JSON" + where,
                    new FieldError(field, reason));
        }
        String reason = reason(e, read);
        return new JsonProblem("validation", "Invalid request", "Invalid request: " + field + " " + reason,
                new FieldError(field, reason));
    }

    private static String reason(JsonProcessingException e, StreamReadException read) {
        StreamConstraintsException limit = innermost(e, StreamConstraintsException.class);
        if (limit != null) {
            String message = String.valueOf(limit.getOriginalMessage());
            if (message.contains("nesting depth")) {
                return "is nested more than " + SoukJsonProvider.MAX_NESTING_DEPTH + " levels deep";
            }
            if (message.contains("Number value length")) {
                return "is a number of more than " + SoukJsonProvider.MAX_NUMBER_LENGTH + " characters";
            }
            if (message.contains("Name length")) {
                return "has a field name of more than " + SoukJsonProvider.MAX_NAME_LENGTH + " characters";
            }
            return "is larger than this API reads";
        }
        if (read instanceof InputCoercionException) {
            return "is out of range";
        }
        if (find(e, UnrecognizedPropertyException.class) != null) {
            return "is not a known field";
        }
        InvalidFormatException format = find(e, InvalidFormatException.class);
        if (format != null) {
            Class<?> target = format.getTargetType();
            if (target != null && isWholeNumber(target) && format.getValue() instanceof Number) {
                return "must be a whole number";
            }
            return "cannot be read as " + (target == null ? "this type" : target.getSimpleName()) + ": '"
                    + clip(String.valueOf(format.getValue()), 40) + "'";
        }
        MismatchedInputException mismatch = find(e, MismatchedInputException.class);
        if (mismatch != null && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        return "has the wrong type";
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class;
    }

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (isWholeNumber(type)) {
            return "a whole number";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
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
        return clip(sb.toString(), MAX_PATH);
    }

    /** Where the parser stood: {@code packages[0].title}; empty at the top of the document. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", parts);
        return clip(path.startsWith(".") ? path.substring(1) : path, MAX_PATH);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int eol = text.indexOf('\n');
        return eol < 0 ? text : text.substring(0, eol);
    }

    /** At most {@code max} characters of what the caller sent: an error never echoes a large body back. */
    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
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

    private static <T extends Throwable> T innermost(Throwable failure, Class<T> type) {
        T found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                found = type.cast(t);
            }
        }
        return found;
    }

    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
