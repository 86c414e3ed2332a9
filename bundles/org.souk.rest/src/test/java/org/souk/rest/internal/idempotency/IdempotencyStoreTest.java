package org.souk.rest.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.souk.persistence.testing.MovableClock;
import org.souk.rest.internal.RestSchema;
import org.souk.rest.internal.idempotency.IdempotencyStore.Answer;
import org.souk.rest.internal.idempotency.IdempotencyStore.Claimed;
import org.souk.rest.internal.idempotency.IdempotencyStore.InUse;
import org.souk.rest.internal.idempotency.IdempotencyStore.Outcome;
import org.souk.rest.internal.idempotency.IdempotencyStore.Replay;
import org.souk.rest.internal.idempotency.IdempotencyStore.Reused;

/** The key store against a real (embedded Derby) database, migrated by the bundle's own script. */
class IdempotencyStoreTest {

    private static final Duration TTL = Duration.ofHours(24);
    private static final Duration LOCK = Duration.ofMinutes(5);
    private static final String PLACE = "POST orders";

    @TempDir
    Path dir;

    private EmbeddedDataSource db;
    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private IdempotencyStore store;

    @BeforeEach
    void database() {
        db = new EmbeddedDataSource();
        db.setDatabaseName(dir.resolve("db").toString());
        db.setCreateDatabase("create");
        new RestSchema(db);
        store = new IdempotencyStore(db, clock, TTL, LOCK);
    }

    private static String hash(String target, String body) {
        return IdempotencyKeys.requestHash(target, body.getBytes(StandardCharsets.UTF_8));
    }

    private Outcome claim(String caller, String key, String body) throws Exception {
        return store.claim(caller, key, hash(PLACE, body), PLACE);
    }

    private static Answer created(String body) {
        return new Answer(201, "application/json", "http://localhost/api/v1/orders/o1", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFirstAnswerIsReplayedToTheSameRequest() throws Exception {
        Outcome first = claim("omar", "k1", "{\"a\":1}");
        assertThat(first).isInstanceOf(Claimed.class);
        assertThat(store.complete(((Claimed) first).claim(), created("{\"id\":\"o1\"}"))).isTrue();

        Outcome again = claim("omar", "k1", "{\"a\":1}");
        assertThat(again).isInstanceOfSatisfying(Replay.class, r -> {
            assertThat(r.answer().status()).isEqualTo(201);
            assertThat(r.answer().contentType()).isEqualTo("application/json");
            assertThat(r.answer().location()).isEqualTo("http://localhost/api/v1/orders/o1");
            assertThat(new String(r.answer().body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"o1\"}");
        });
        // A new store (another node, or after a restart) sees it too.
        assertThat(new IdempotencyStore(db, clock, TTL, LOCK).claim("omar", "k1", hash(PLACE, "{\"a\":1}"), PLACE))
                .isInstanceOf(Replay.class);
    }

    @Test
    void anAnswerWithoutBodyIsReplayedWithoutBody() throws Exception {
        Claimed first = (Claimed) claim("omar", "empty", "");
        store.complete(first.claim(), new Answer(204, null, null, new byte[0]));
        assertThat(claim("omar", "empty", "")).isInstanceOfSatisfying(Replay.class, r -> {
            assertThat(r.answer().status()).isEqualTo(204);
            assertThat(r.answer().body()).isEmpty();
            assertThat(r.answer().location()).isNull();
        });
    }

    @Test
    void aLargeAnswerComesBackWholeAcrossItsParts() throws Exception {
        // Multi-byte characters and a surrogate pair on a part boundary.
        String body = "{\"note\":\"" + "é".repeat(IdempotencyStore.PART_CHARS - 10) + "\uD83D\uDE00" + "x".repeat(20_000) + "\"}";
        Claimed first = (Claimed) claim("omar", "big", "{}");
        store.complete(first.claim(), created(body));
        Replay replay = (Replay) claim("omar", "big", "{}");
        assertThat(new String(replay.answer().body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(IdempotencyStore.parts(body.getBytes(StandardCharsets.UTF_8))).hasSizeGreaterThan(2)
                .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(IdempotencyStore.PART_CHARS));
    }

    @Test
    void theKeyWithAnotherBodyOrPathIsReused() throws Exception {
        Claimed first = (Claimed) claim("omar", "k1", "{\"a\":1}");
        assertThat(claim("omar", "k1", "{\"a\":2}")).isInstanceOf(Reused.class);
        store.complete(first.claim(), created("{}"));
        assertThat(claim("omar", "k1", "{\"a\":2}")).isInstanceOf(Reused.class);
        assertThat(store.claim("omar", "k1", hash("POST orders/o1/payment", "{\"a\":1}"), "POST orders/o1/payment"))
                .isInstanceOf(Reused.class);
    }

    @Test
    void anotherCallersKeyIsTheirOwn() throws Exception {
        Claimed omar = (Claimed) claim("omar", "k1", "{\"a\":1}");
        store.complete(omar.claim(), created("{\"id\":\"o1\"}"));
        assertThat(claim("salma", "k1", "{\"a\":1}")).isInstanceOf(Claimed.class);
        assertThat(claim("salma", "k1", "{\"a\":2}")).isInstanceOf(Reused.class);
    }

    @Test
    void aKeyBeingWorkedOnIsBusyUntilItsLockTimesOutThenTakenOver() throws Exception {
        Claimed first = (Claimed) claim("omar", "k1", "{}");
        assertThat(claim("omar", "k1", "{}")).isInstanceOf(InUse.class);
        clock.advance(LOCK.minusSeconds(1));
        assertThat(claim("omar", "k1", "{}")).isInstanceOf(InUse.class);
        clock.advance(Duration.ofSeconds(1));
        Outcome takeOver = claim("omar", "k1", "{}");
        assertThat(takeOver).isInstanceOf(Claimed.class);
        // The vanished worker can no longer store its answer nor release the key.
        assertThat(store.complete(first.claim(), created("{\"from\":\"first\"}"))).isFalse();
        store.release(first.claim());
        assertThat(claim("omar", "k1", "{}")).isInstanceOf(InUse.class);
        assertThat(store.complete(((Claimed) takeOver).claim(), created("{\"from\":\"second\"}"))).isTrue();
        Replay replay = (Replay) claim("omar", "k1", "{}");
        assertThat(new String(replay.answer().body(), StandardCharsets.UTF_8)).isEqualTo("{\"from\":\"second\"}");
    }

    @Test
    void aReleasedKeyRunsAgain() throws Exception {
        Claimed first = (Claimed) claim("omar", "k1", "{}");
        store.release(first.claim());
        assertThat(claim("omar", "k1", "{}")).isInstanceOf(Claimed.class);
    }

    @Test
    void aKeyLastsADayThenIsForgottenOnUseOrByTheCleanup() throws Exception {
        store.complete(((Claimed) claim("omar", "k1", "{}")).claim(), created("{}"));
        store.complete(((Claimed) claim("omar", "k2", "{}")).claim(), created("{}"));
        clock.advance(TTL.minusMillis(1));
        assertThat(claim("omar", "k1", "{}")).isInstanceOf(Replay.class);
        assertThat(store.deleteExpired()).isZero();

        clock.advance(Duration.ofMillis(1));
        // On use: the expired key is a new key, even with another body.
        assertThat(claim("omar", "k1", "{\"other\":true}")).isInstanceOf(Claimed.class);
        assertThat(store.deleteExpired()).isEqualTo(1);
        assertThat(count("rest_idempotency")).isEqualTo(1);
        assertThat(count("rest_idempotency_part")).isZero();
    }

    @Test
    void concurrentClaimsOfOneKeyLetExactlyOneRun() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Outcome> racer = () -> {
                    start.await();
                    return claim("omar", "race", "{}");
                };
                outcomes.add(pool.submit(racer));
            }
            start.countDown();
            int claimed = 0;
            for (Future<Outcome> outcome : outcomes) {
                if (outcome.get() instanceof Claimed) {
                    claimed++;
                } else {
                    assertThat(outcome.get()).isInstanceOf(InUse.class);
                }
            }
            assertThat(claimed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private int count(String table) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
