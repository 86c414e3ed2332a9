package org.souk.order.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The time the order desks read: the highest-ranked {@link Clock} service while one is bound (tests move it),
 * else the clock the component started with. The desks keep this one object while the service comes and goes.
 */
final class BoundClock extends Clock {

    private final Clock fallback;
    private volatile Clock current;

    BoundClock(Clock fallback) {
        this.fallback = fallback;
        this.current = fallback;
    }

    void bind(Clock clock) {
        current = clock;
    }

    void unbind(Clock clock) {
        if (current == clock) {
            current = fallback;
        }
    }

    @Override
    public Instant instant() {
        return current.instant();
    }

    @Override
    public ZoneId getZone() {
        return current.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return current.withZone(zone);
    }
}
