package org.souk.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.souk.persistence.testing.MovableClock;

class PlatformClockTest {

    private static final Instant SYSTEM_NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final PlatformClock platform = new PlatformClock(Clock.fixed(SYSTEM_NOW, ZoneOffset.UTC));

    @Test
    void readsTheSystemClockWhileNoClockServiceIsThere() {
        assertThat(platform.instant()).isEqualTo(SYSTEM_NOW);
        assertThat(platform.millis()).isEqualTo(SYSTEM_NOW.toEpochMilli());
        assertThat(platform.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void followsAClockServiceAsItMoves() {
        MovableClock moved = new MovableClock(SYSTEM_NOW.plus(Duration.ofDays(3)));
        platform.follow(moved);
        assertThat(platform.instant()).isEqualTo(SYSTEM_NOW.plus(Duration.ofDays(3)));
        moved.advance(Duration.ofHours(1));
        assertThat(platform.instant()).isEqualTo(SYSTEM_NOW.plus(Duration.ofDays(3)).plus(Duration.ofHours(1)));
    }

    @Test
    void fallsBackToTheSystemClockWhenTheFollowedClockGoes() {
        MovableClock moved = new MovableClock(SYSTEM_NOW.plus(Duration.ofDays(3)));
        platform.follow(moved);
        platform.unfollow(moved);
        assertThat(platform.instant()).isEqualTo(SYSTEM_NOW);
    }

    @Test
    void keepsAHigherRankedReplacementBoundBeforeTheOldClockGoes() {
        // Greedy: the runtime binds the outranking clock first, then unbinds the one it replaces.
        MovableClock first = new MovableClock(SYSTEM_NOW.plus(Duration.ofDays(1)));
        MovableClock outranking = new MovableClock(SYSTEM_NOW.plus(Duration.ofDays(2)));
        platform.follow(first);
        platform.follow(outranking);
        platform.unfollow(first);
        assertThat(platform.instant()).isEqualTo(SYSTEM_NOW.plus(Duration.ofDays(2)));
    }

    @Test
    void aClockInAnotherZoneStillFollows() {
        MovableClock moved = new MovableClock(SYSTEM_NOW);
        platform.follow(moved);
        Clock paris = platform.withZone(ZoneId.of("Europe/Paris"));
        moved.advance(Duration.ofMinutes(5));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(SYSTEM_NOW.plus(Duration.ofMinutes(5)));
        assertThat(platform.withZone(ZoneOffset.UTC)).isSameAs(platform);
    }

    @Test
    void isRegisteredUnderItsOwnClassOnlySoThatItNeverFollowsItself() throws Exception {
        // The descriptor bnd generates is what the runtime reads.
        try (var xml = PlatformClock.class.getClassLoader()
                .getResourceAsStream("OSGI-INF/org.souk.persistence.PlatformClock.xml")) {
            assertThat(xml).as("generated component descriptor").isNotNull();
            String descriptor = new String(xml.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(descriptor).contains("<provide interface=\"org.souk.persistence.PlatformClock\"/>")
                    .doesNotContain("<provide interface=\"java.time.Clock\"/>")
                    .contains("interface=\"java.time.Clock\"");
        }
    }
}
