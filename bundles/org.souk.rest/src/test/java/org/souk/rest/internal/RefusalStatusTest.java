package org.souk.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.UnavailableException;

class RefusalStatusTest {

    @Test
    void aRefusalWithATypeOfItsOwnKeepsTheStatusOfItsKind() {
        assertThat(ProblemMapper.status(ConflictException.typed("already-reviewed", "m"))).isEqualTo(409);
        assertThat(ProblemMapper.status(ForbiddenException.typed("not-the-client", "m"))).isEqualTo(403);
        assertThat(ProblemMapper.status(NotFoundException.typed("no-review", "m"))).isEqualTo(404);
    }

    @Test
    void anUnknownKindIsABadRequest() {
        assertThat(ProblemMapper.status(new UnavailableException("m") {
            private static final long serialVersionUID = 1L;

            @Override
            public String problemType() {
                return "something-else";
            }
        })).isEqualTo(400);
    }
}
