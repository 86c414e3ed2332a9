package org.souk.provider.paypal.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How many webhook verifications may still start: a token bucket holding at most a minute's allowance, refilled
 * continuously as the clock moves (no thread of its own). Each verification takes one token; without one it is
 * refused at once. A clock that goes back refills nothing. Thread-safe.
 */
final class VerificationAllowance {

    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    private final Clock clock;
    private final int perMinute;
    private double tokens;
    private Instant last;

    VerificationAllowance(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be 1 or more");
        }
        this.clock = clock;
        this.perMinute = perMinute;
        this.tokens = perMinute;
        this.last = clock.instant();
    }

    /** Takes a token if one is left; false if the allowance is spent for now. */
    synchronized boolean tryTake() {
        Instant now = clock.instant();
        if (now.isAfter(last)) {
            long elapsed;
            try {
                elapsed = Duration.between(last, now).toNanos();
            } catch (ArithmeticException e) {
                elapsed = Long.MAX_VALUE;
            }
            tokens = Math.min(perMinute, tokens + (double) elapsed * perMinute / NANOS_PER_MINUTE);
            last = now;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    int perMinute() {
        return perMinute;
    }
}
