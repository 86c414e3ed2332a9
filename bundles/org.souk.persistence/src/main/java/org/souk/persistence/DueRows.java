package org.souk.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManager;

/** Finds the rows of a deadline-like table that fell due: the ids to claim one by one, oldest first. */
public final class DueRows {

    /** At most this many per call, whatever is asked. */
    static final int MAX_BATCH = 500;

    private DueRows() {
    }

    /**
     * The ids of the rows of {@code table} whose {@code state} is PENDING and whose {@code due_at} is not
     * after {@code now}, soonest first. A native query, because the instant converter does not apply to
     * JPQL parameters.
     *
     * @param table a table name of the caller's own schema (never input from outside)
     */
    public static List<String> pendingIds(EntityManager em, String table, Instant now, int limit) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT id FROM " + table + " WHERE state = 'PENDING' AND due_at <= ? ORDER BY due_at")
                .setParameter(1, Timestamp.from(now)).setMaxResults(Math.max(1, Math.min(limit, MAX_BATCH)))
                .getResultList();
        return ids.stream().map(String::valueOf).toList();
    }
}
