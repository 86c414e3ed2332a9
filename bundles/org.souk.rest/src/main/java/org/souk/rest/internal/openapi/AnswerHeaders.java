package org.souk.rest.internal.openapi;

import java.util.Map;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Build time only: the headers Souk sets on its answers, documented where they are answered. They are
 * described once under {@code components/headers} (in openapi-base.yaml) and referenced from each answer.
 */
final class AnswerHeaders {

    static final String REQUEST_ID = "X-Request-Id";
    static final String CONTENT_LANGUAGE = "Content-Language";
    static final String RETRY_AFTER = "Retry-After";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String LOCATION = "Location";
    static final String REPLAYED = "Idempotent-Replayed";
    static final String ETAG = "ETag";
    private static final String COMPONENT = "#/components/headers/";

    private AnswerHeaders() {
    }

    /** Every answer: the request's id. A created resource: where it is. A replayable POST: whether it was replayed. */
    static void any(String status, ApiResponse answer, boolean idempotent) {
        if (answer.getHeaders() != null && answer.getHeaders().containsKey(ETAG)) {
            answer.getHeaders().put(ETAG, new Header().$ref(COMPONENT + ETAG)); // one description, wherever it is declared
        }
        add(answer, REQUEST_ID);
        if (status.equals("201")) {
            add(answer, LOCATION);
        }
        if (idempotent) {
            add(answer, REPLAYED);
        }
    }

    /** A problem: in which language its detail is, and when to retry or how to sign in where that applies. */
    static void problem(int status, ApiResponse answer) {
        add(answer, CONTENT_LANGUAGE);
        if (status == 503 || status == 409) {
            add(answer, RETRY_AFTER);
        }
        if (status == 401) {
            add(answer, WWW_AUTHENTICATE);
        }
        if (status == 402) {
            add(answer, LOCATION); // the payment, to try again with another method
        }
    }

    private static void add(ApiResponse answer, String name) {
        Map<String, Header> headers = answer.getHeaders();
        if (headers == null || !headers.containsKey(name)) {
            answer.addHeaderObject(name, new Header().$ref(COMPONENT + name));
        }
    }
}
