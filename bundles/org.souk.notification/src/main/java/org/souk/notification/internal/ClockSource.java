package org.souk.notification.internal;

import java.time.Clock;
import java.time.Instant;

/** The highest-ranked Clock service if there is one (tests move it), else the system clock. */
final class ClockSource {

    private final Clock fallback;
    private volatile Clock clock;

    ClockSource(Clock fallback) {
        this.fallback = fallback;
        this.clock = fallback;
    }

    Instant now() {
        return clock.instant();
    }

    void bind(Clock c) {
        clock = c;
    }

    void unbind(Clock c) {
        if (clock == c) {
            clock = fallback;
        }
    }
}
