package org.souk.rest.internal.problem;

import java.util.Map;

import javax.ws.rs.core.HttpHeaders;

import org.souk.common.api.RefusalKind;

/**
 * How the API answers a refusal of each kind: the HTTP status, the problem's title, and the headers that
 * tell the caller what to do next (authenticate, retry later, open a new connection).
 */
record RefusalAnswer(int status, String title, Map<String, String> headers) {

    static RefusalAnswer of(RefusalKind kind) {
        return switch (kind) {
            case INVALID -> new RefusalAnswer(400, "Invalid request", Map.of());
            case UNAUTHORIZED -> new RefusalAnswer(401, "Unauthorized", Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
            case FORBIDDEN -> new RefusalAnswer(403, "Forbidden", Map.of());
            case NOT_FOUND -> new RefusalAnswer(404, "Not found", Map.of());
            case CONFLICT -> new RefusalAnswer(409, "Conflict", Map.of());
            case PRECONDITION_FAILED -> new RefusalAnswer(412, "Precondition failed", Map.of());
            // The rest of a body too large is not read: the connection cannot carry another request.
            case TOO_LARGE -> new RefusalAnswer(413, "Request body too large", Map.of("Connection", "close"));
            case UNAVAILABLE -> new RefusalAnswer(503, "Unavailable", Map.of(HttpHeaders.RETRY_AFTER, "30"));
            case REFUSED -> new RefusalAnswer(400, "Request refused", Map.of());
        };
    }
}
