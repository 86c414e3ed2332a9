package org.souk.rest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.souk.rest.internal.Contexts;
import org.souk.rest.internal.problem.ProblemMapper;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    /** Runs a request through the filter: the id in the log context while it is handled, and the answer's id. */
    private String[] handle(String given) {
        Contexts.Request request = new Contexts.Request();
        if (given != null) {
            request.header("X-Request-Id", given);
        }
        filter.filter(request.context());
        String during = MDC.get("requestId");
        Contexts.Answer answer = new Contexts.Answer();
        filter.filter(request.context(), answer.context());
        assertThat(MDC.get("requestId")).as("removed after the request").isNull();
        return new String[] {during, (String) answer.headers.getFirst("X-Request-Id")};
    }

    @Test
    void theCallersIdIsLoggedAndAnswered() {
        String[] ids = handle("it-123");
        assertThat(ids).containsExactly("it-123", "it-123");
        assertThat(handle(" a.B_9-z ")).containsExactly("a.B_9-z", "a.B_9-z");
    }

    @Test
    void withoutAnIdOrWithAnInsaneOneAFreshUuidIsUsed() {
        for (String given : new String[] {null, "", "has space", "x".repeat(101), "<script>", "é", "a\nb"}) {
            String[] ids = handle(given);
            assertThat(ids[0]).as(String.valueOf(given)).isEqualTo(ids[1]);
            assertThat(UUID.fromString(ids[1]).toString()).isEqualTo(ids[1]);
        }
        assertThat(handle("x".repeat(100))[1]).isEqualTo("x".repeat(100));
        assertThat(handle(null)[1]).isNotEqualTo(handle(null)[1]);
    }

    @Test
    void anUnexpectedFailureIsAnsweredWithTheRequestId() {
        Contexts.Request request = new Contexts.Request().header("X-Request-Id", "boom-42");
        filter.filter(request.context());
        Response response = new ProblemMapper().toResponse(new IllegalStateException("secret internals"));
        assertThat(response.getStatus()).isEqualTo(500);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        assertThat(body).containsEntry("requestId", "boom-42").containsEntry("type", "urn:souk:problem:internal");
        assertThat((String) body.get("detail")).contains("boom-42").doesNotContain("secret");
    }

    @Test
    void outsideARequestA500StillNamesAnId() {
        Response response = new ProblemMapper().toResponse(new IllegalStateException("x"));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) response.getEntity();
        String id = (String) body.get("requestId");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }
}
