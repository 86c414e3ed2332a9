package org.souk.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DuePollerTest {

    @Test
    void periodsAreWholeSecondsOfAtLeastOne() {
        assertThat(DuePoller.seconds("PT0.2S")).isEqualTo(1);
        assertThat(DuePoller.seconds("PT1M")).isEqualTo(60);
        assertThat(DuePoller.seconds("often")).isEqualTo(DuePoller.FALLBACK_SECONDS);
    }

    @Test
    void aRunDrainsWhileWholeBatchesComeBackAndSurvivesAFailure() {
        List<Integer> asked = new ArrayList<>();
        int[] due = {7};
        DuePoller poller = new DuePoller(null, "test", "done", 3, limit -> {
            asked.add(limit);
            int done = Math.min(limit, due[0]);
            due[0] -= done;
            return done;
        });
        poller.run();
        assertThat(asked).containsExactly(3, 3, 3);
        assertThat(due[0]).isZero();

        new DuePoller(null, "test", "done", 3, limit -> {
            throw new IllegalStateException("database away");
        }).run(); // logged, not thrown: the scheduler runs it again next period
    }
}
