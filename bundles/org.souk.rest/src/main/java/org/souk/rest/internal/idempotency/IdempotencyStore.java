package org.souk.rest.internal.idempotency;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import org.souk.rest.internal.idempotency.IdempotencyRules.Stored;

/**
 * Idempotency keys in the database ({@code rest_idempotency}), so that every node and every restart sees
 * the same keys. A key is claimed by inserting it (the primary key decides a race), completed by an update
 * that stores the answer, and released by deleting it. Each claim carries a lock token, so that a worker
 * whose key was taken over can neither complete nor release it.
 */
final class IdempotencyStore {

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String DONE = "DONE";
    static final int PART_CHARS = 8000;
    /** Derby's and PostgreSQL's SQLState for a unique constraint violated. */
    private static final String DUPLICATE = "23505";
    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;
    private final Clock clock;
    private final long ttlMs;
    private final long lockTimeoutMs;

    IdempotencyStore(DataSource dataSource, Clock clock, Duration ttl, Duration lockTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.clock = Objects.requireNonNull(clock);
        this.ttlMs = ttl.toMillis();
        this.lockTimeoutMs = lockTimeout.toMillis();
    }

    /** A key this request holds, to complete or release. */
    record Claim(String id, String lockToken) {
    }

    /** An answer as it is replayed: status, content type and Location (either may be null), body. */
    record Answer(int status, String contentType, String location, byte[] body) {
    }

    sealed interface Outcome permits Claimed, Replay, Reused, InUse {
    }

    record Claimed(Claim claim) implements Outcome {
    }

    record Replay(Answer answer) implements Outcome {
    }

    record Reused() implements Outcome {
    }

    record InUse() implements Outcome {
    }

    /**
     * Claims the caller's key for a request with this fingerprint ({@link IdempotencyKeys#requestHash}); the
     * target ({@code POST orders}) is kept for whoever reads the table.
     */
    Outcome claim(String callerId, String key, String requestHash, String target) throws SQLException {
        String id = IdempotencyKeys.storageId(callerId, key);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long now = clock.millis();
                String token = UUID.randomUUID().toString();
                if (insert(c, id, callerId, key, requestHash, target, token, now)) {
                    return new Claimed(new Claim(id, token));
                }
                Row row = load(c, id);
                if (row == null) {
                    continue; // deleted since: try to insert again
                }
                switch (IdempotencyRules.decide(row.stored(), requestHash, now, lockTimeoutMs)) {
                    case EXPIRED -> delete(c, id, row.lockToken());
                    case REUSED -> {
                        return new Reused();
                    }
                    case IN_USE -> {
                        return new InUse();
                    }
                    case REPLAY -> {
                        Answer answer = answer(c, id, row);
                        if (answer != null) {
                            return new Replay(answer);
                        }
                    }
                    case TAKE_OVER -> {
                        if (takeOver(c, id, row.lockToken(), token, now)) {
                            return new Claimed(new Claim(id, token));
                        }
                    }
                }
            }
        }
        // The key changed under us at every look: it is busy.
        return new InUse();
    }

    /** Stores the answer of a claimed key; false when the claim was lost (taken over or released). */
    boolean complete(Claim claim, Answer answer) throws SQLException {
        List<String> parts = parts(answer.body());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement ps = c.prepareStatement("UPDATE rest_idempotency SET state = ?, status = ?, "
                        + "content_type = ?, location = ?, body_parts = ? WHERE id = ? AND lock_token = ? AND state = ?")) {
                    ps.setString(1, DONE);
                    ps.setInt(2, answer.status());
                    ps.setString(3, clip(answer.contentType(), 255));
                    ps.setString(4, answer.location() != null && answer.location().length() <= 2048 ? answer.location() : null);
                    ps.setInt(5, parts.size());
                    ps.setString(6, claim.id());
                    ps.setString(7, claim.lockToken());
                    ps.setString(8, IN_PROGRESS);
                    updated = ps.executeUpdate();
                }
                if (updated == 1) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO rest_idempotency_part (id, part, chunk) VALUES (?, ?, ?)")) {
                        for (int i = 0; i < parts.size(); i++) {
                            ps.setString(1, claim.id());
                            ps.setInt(2, i);
                            ps.setString(3, parts.get(i));
                            ps.addBatch();
                        }
                        if (!parts.isEmpty()) {
                            ps.executeBatch();
                        }
                    }
                }
                c.commit();
                return updated == 1;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Forgets a claimed key, so that a retry runs the request again (after a 5xx). */
    void release(Claim claim) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            delete(c, claim.id(), claim.lockToken());
        }
    }

    /** Deletes every key past its lifetime; returns how many. */
    int deleteExpired() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rest_idempotency WHERE expires_ms <= ?")) {
                ps.setLong(1, clock.millis());
                return ps.executeUpdate();
            }
        }
    }

    private boolean insert(Connection c, String id, String callerId, String key, String requestHash, String target,
            String token, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rest_idempotency (id, caller_id, idempotency_key, "
                + "request_hash, target, state, lock_token, locked_ms, created_ms, expires_ms) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, clip(callerId, 128));
            ps.setString(3, key);
            ps.setString(4, requestHash);
            ps.setString(5, clip(target, 1024));
            ps.setString(6, IN_PROGRESS);
            ps.setString(7, token);
            ps.setLong(8, now);
            ps.setLong(9, now);
            ps.setLong(10, now + ttlMs);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (DUPLICATE.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private record Row(Stored stored, String lockToken, int status, String contentType, String location, int bodyParts) {
    }

    private static Row load(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT request_hash, target, state, lock_token, locked_ms, "
                + "expires_ms, status, content_type, location, body_parts FROM rest_idempotency WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Stored stored = new Stored(rs.getString(1), DONE.equals(rs.getString(3)),
                        rs.getLong(5), rs.getLong(6));
                return new Row(stored, rs.getString(4), rs.getInt(7), rs.getString(8), rs.getString(9), rs.getInt(10));
            }
        }
    }

    /** The stored answer of a finished key, or null when its parts are gone (deleted meanwhile). */
    private static Answer answer(Connection c, String id, Row row) throws SQLException {
        StringBuilder body = new StringBuilder();
        int found = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT chunk FROM rest_idempotency_part WHERE id = ? ORDER BY part")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    body.append(rs.getString(1));
                    found++;
                }
            }
        }
        if (found != row.bodyParts()) {
            return null;
        }
        return new Answer(row.status(), row.contentType(), row.location(), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean takeOver(Connection c, String id, String oldToken, String newToken, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rest_idempotency SET lock_token = ?, locked_ms = ? "
                + "WHERE id = ? AND lock_token = ? AND state = ?")) {
            ps.setString(1, newToken);
            ps.setLong(2, now);
            ps.setString(3, id);
            ps.setString(4, oldToken);
            ps.setString(5, IN_PROGRESS);
            return ps.executeUpdate() == 1;
        }
    }

    private static void delete(Connection c, String id, String lockToken) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rest_idempotency WHERE id = ? AND lock_token = ?")) {
            ps.setString(1, id);
            ps.setString(2, lockToken);
            ps.executeUpdate();
        }
    }

    /** A body as text parts of at most {@value #PART_CHARS} characters, never splitting a surrogate pair. */
    static List<String> parts(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + PART_CHARS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            parts.add(text.substring(start, end));
            start = end;
        }
        return parts;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
