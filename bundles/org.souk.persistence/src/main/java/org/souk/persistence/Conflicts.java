package org.souk.persistence;

import java.sql.SQLException;

import javax.persistence.OptimisticLockException;

import org.souk.common.api.ConflictException;
import org.souk.common.api.SoukException;

/** Recognises the failures that mean "someone else changed this first" rather than a bug. */
public final class Conflicts {

    private Conflicts() {
    }

    /**
     * True if the failure, or any of its causes, is an optimistic-lock failure or a unique or
     * foreign-key constraint violation (SQLSTATE class 23), i.e. a lost race.
     */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
            if (t.getClass().getName().endsWith("OptimisticLockException")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a failed transaction should surface as: the refusal that caused it if there is one (transaction
     * templates may wrap it), a {@link ConflictException} with the given message for a lost race, else the
     * failure itself.
     */
    public static RuntimeException translate(RuntimeException failure, String conflictMessage) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SoukException refusal) {
                return refusal;
            }
        }
        return isConflict(failure) ? new ConflictException(conflictMessage, failure) : failure;
    }
}
