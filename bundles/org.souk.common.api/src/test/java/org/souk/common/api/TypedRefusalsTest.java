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
}
