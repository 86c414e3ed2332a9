package org.souk.rest.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class StreamPositionTest {

    private static final Instant A = Instant.parse("2026-11-28T10:00:00.123456Z");
    private static final Instant B = Instant.parse("2026-11-28T10:00:05.000001Z");

    @Test
    void anEventIdComesBackAsThePositionItNamed() {
        StreamPosition p = new StreamPosition(A, B);
        assertThat(StreamPosition.parse(p.id())).isEqualTo(p);
    }

    @Test
    void eachSourceOnlyMovesForward() {
        StreamPosition p = StreamPosition.at(A);
        assertThat(p.withNotification(B).notifications()).isEqualTo(B);
        assertThat(p.withNotification(B).orders()).isEqualTo(A);
        assertThat(p.withOrder(B).withOrder(A).orders()).isEqualTo(B);
        assertThat(new StreamPosition(B, A).oldest()).isEqualTo(A);
    }

    @Test
    void anythingElseStartsAfresh() {
        for (String id : new String[] {null, "", "abc", "1-", "-1-2", "1-2-3", "9".repeat(30) + "-1", "1.5-2"}) {
            assertThat(StreamPosition.parse(id)).as(String.valueOf(id)).isNull();
        }
    }
}
