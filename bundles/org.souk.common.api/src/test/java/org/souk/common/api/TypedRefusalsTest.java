package org.souk.common.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class TypedRefusalsTest {

    @Test
    void refusalsKeepTheirGeneralTypeUnlessGivenOne() {
        assertThat(new ConflictException("x").problemType()).isEqualTo("conflict");
        assertThat(new ConflictException("x", new RuntimeException()).problemType()).isEqualTo("conflict");
        assertThat(new ForbiddenException("x").problemType()).isEqualTo("forbidden");
        assertThat(new NotFoundException("x").problemType()).isEqualTo("not-found");
    }

    @Test
    void aTypedRefusalSaysWhyAndKeepsItsMessageAndCause() {
        RuntimeException race = new RuntimeException("unique key");
        ConflictException lost = ConflictException.typed("already-reviewed", "reviewed already", race);
        assertThat(lost.problemType()).isEqualTo("already-reviewed");
        assertThat(lost).hasMessage("reviewed already").hasCause(race);
        assertThat(ConflictException.typed("order-not-completed", "m").problemType()).isEqualTo("order-not-completed");
        assertThat(ForbiddenException.typed("not-the-client", "m").problemType()).isEqualTo("not-the-client");
        assertThat(NotFoundException.typed("no-review", "m").problemType()).isEqualTo("no-review");
        assertThatNullPointerException().isThrownBy(() -> ConflictException.typed(null, "m"));
    }

    @Test
    void aRefusalCarriesItsKindWhateverItsType() {
        assertThat(new ValidationException("f", "r").kind()).isEqualTo(RefusalKind.INVALID);
        assertThat(new UnauthorizedException("m").kind()).isEqualTo(RefusalKind.UNAUTHORIZED);
        assertThat(ForbiddenException.typed("not-the-client", "m").kind()).isEqualTo(RefusalKind.FORBIDDEN);
        assertThat(NotFoundException.typed("no-review", "m").kind()).isEqualTo(RefusalKind.NOT_FOUND);
        assertThat(ConflictException.typed("not-found", "m").kind()).isEqualTo(RefusalKind.CONFLICT);
        assertThat(new UnavailableException("m").kind()).isEqualTo(RefusalKind.UNAVAILABLE);
        RuntimeException race = new RuntimeException("version");
        ConflictException stale = ConflictException.preconditionFailed("precondition-failed", "changed", race);
        assertThat(stale.kind()).isEqualTo(RefusalKind.PRECONDITION_FAILED);
        assertThat(stale.problemType()).isEqualTo("precondition-failed");
        assertThat(stale).hasMessage("changed").hasCause(race);
    }

    @Test
    void aRefusalThatNamesNoKindIsOfTheGeneralOne() {
        SoukException own = new SoukException("m") {
            private static final long serialVersionUID = 1L;

            @Override
            public String problemType() {
                return "own";
            }
        };
        assertThat(own.kind()).isEqualTo(RefusalKind.REFUSED);
    }
}
