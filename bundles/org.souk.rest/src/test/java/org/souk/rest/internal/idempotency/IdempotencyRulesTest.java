package org.souk.rest.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.souk.rest.internal.idempotency.IdempotencyRules.Stored;
import org.souk.rest.internal.idempotency.IdempotencyRules.Verdict;

class IdempotencyRulesTest {

    private static final long LOCK = 300_000;
    private static final long EXPIRES = 86_400_000;

    private static Verdict decide(boolean done, long lockedMs, String hash, long now) {
        return IdempotencyRules.decide(new Stored("h1", done, lockedMs, EXPIRES), hash, now, LOCK);
    }

    @Test
    void theSameRequestReplaysAFinishedKey() {
        assertThat(decide(true, 0, "h1", 1_000)).isEqualTo(Verdict.REPLAY);
        assertThat(decide(true, 0, "h1", EXPIRES - 1)).isEqualTo(Verdict.REPLAY);
    }

    @Test
    void anotherRequestWithTheKeyIsRefusedWhateverItsState() {
        assertThat(decide(true, 0, "h2", 1_000)).isEqualTo(Verdict.REUSED);
        assertThat(decide(false, 0, "h2", 1_000)).isEqualTo(Verdict.REUSED);
    }

    @Test
    void aKeyStillWorkedOnIsBusyUntilItsLockTimesOut() {
        assertThat(decide(false, 1_000, "h1", 1_000)).isEqualTo(Verdict.IN_USE);
        assertThat(decide(false, 1_000, "h1", 1_000 + LOCK - 1)).isEqualTo(Verdict.IN_USE);
        assertThat(decide(false, 1_000, "h1", 1_000 + LOCK)).isEqualTo(Verdict.TAKE_OVER);
        // A finished key is never taken over, however old.
        assertThat(decide(true, 1_000, "h1", 1_000 + LOCK)).isEqualTo(Verdict.REPLAY);
    }

    @Test
    void anExpiredKeyIsForgottenWhateverTheRequest() {
        assertThat(decide(true, 0, "h1", EXPIRES)).isEqualTo(Verdict.EXPIRED);
        assertThat(decide(true, 0, "h2", EXPIRES)).isEqualTo(Verdict.EXPIRED);
        assertThat(decide(false, 0, "h1", EXPIRES + 1)).isEqualTo(Verdict.EXPIRED);
    }
}
