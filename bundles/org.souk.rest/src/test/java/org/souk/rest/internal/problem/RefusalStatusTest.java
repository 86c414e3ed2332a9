package org.souk.rest.internal.problem;

import static org.assertj.core.api.Assertions.assertThat;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.SoukException;
import org.souk.common.api.UnauthorizedException;
import org.souk.common.api.UnavailableException;

/** A refusal is answered by its kind: neither its problem type nor its message changes the status. */
class RefusalStatusTest {

    private static Response answer(SoukException refusal) {
        return new ProblemMapper().toResponse(refusal);
    }

    @Test
    void aRefusalWithATypeOfItsOwnKeepsTheStatusOfItsKind() {
        assertThat(answer(ConflictException.typed("already-reviewed", "m")).getStatus()).isEqualTo(409);
        assertThat(answer(ForbiddenException.typed("not-the-client", "m")).getStatus()).isEqualTo(403);
        assertThat(answer(NotFoundException.typed("no-review", "m")).getStatus()).isEqualTo(404);
        assertThat(answer(ConflictException.preconditionFailed("precondition-failed", "m")).getStatus()).isEqualTo(412);
    }

    @Test
    void aTypeNamedLikeAnotherKindDoesNotBorrowItsStatus() {
        // Before kinds, the type string chose the status: a conflict typed "not-found" was answered 404.
        assertThat(answer(ConflictException.typed("not-found", "m")).getStatus()).isEqualTo(409);
        assertThat(answer(NotFoundException.typed("unavailable", "m")).getHeaders()).doesNotContainKey("Retry-After");
    }

    @Test
    void theKindsThatTellTheCallerWhatToDoCarryTheirHeaders() {
        Response unauthorized = answer(new UnauthorizedException("m"));
        assertThat(unauthorized.getStatus()).isEqualTo(401);
        assertThat(unauthorized.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
        Response unavailable = answer(new UnavailableException("m"));
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeaderString("Retry-After")).isEqualTo("30");
    }

    @Test
    void aRefusalThatNamesNoKindIsABadRequest() {
        Response answered = answer(new SoukException("m") {
            private static final long serialVersionUID = 1L;

            @Override
            public String problemType() {
                return "something-else";
            }
        });
        assertThat(answered.getStatus()).isEqualTo(400);
        assertThat(ProblemCodesTest.body(answered)).containsEntry("title", "Request refused")
                .containsEntry("code", "something_else");
    }
}
