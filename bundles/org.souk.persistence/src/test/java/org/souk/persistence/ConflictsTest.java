package org.souk.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.NotFoundException;

class ConflictsTest {

    @Test
    void recognisesLostRacesDeepInTheCauseChain() {
        assertThat(Conflicts.isConflict(new RuntimeException(new OptimisticLockException("v")))).isTrue();
        assertThat(Conflicts.isConflict(new PersistenceException(
                new SQLIntegrityConstraintViolationException("dup", "23505")))).isTrue();
    }

    @Test
    void surfacesAWrappedRefusalOrAConflictWithTheGivenMessage() {
        NotFoundException refusal = new NotFoundException("No order x");
        assertThat(Conflicts.translate(new RuntimeException("wrapped", refusal), "raced")).isSameAs(refusal);
        assertThat(Conflicts.translate(new RuntimeException(new OptimisticLockException("v")), "raced"))
                .isInstanceOf(ConflictException.class).hasMessage("raced");
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(Conflicts.translate(bug, "raced")).isSameAs(bug);
    }

    @Test
    void leavesOtherFailuresAlone() {
        assertThat(Conflicts.isConflict(new PersistenceException(new SQLException("disk", "58000")))).isFalse();
        assertThat(Conflicts.isConflict(new IllegalStateException("bug"))).isFalse();
    }
}
