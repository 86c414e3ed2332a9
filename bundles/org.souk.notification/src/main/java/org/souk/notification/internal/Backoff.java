package org.souk.notification.internal;

import java.time.Duration;

/** When to try a failed delivery again, and when to give up. Pure. */
record Backoff(int maxAttempts, Duration initial, Duration max) {

    Backoff {
        maxAttempts = Math.max(1, maxAttempts);
        initial = initial.isNegative() || initial.isZero() ? Duration.ofSeconds(1) : initial;
        max = max.compareTo(initial) < 0 ? initial : max;
    }

    static Backoff of(NotificationConfig config) {
        return new Backoff(config.max_attempts(), duration(config.backoff_initial(), Duration.ofSeconds(30)),
                duration(config.backoff_max(), Duration.ofHours(1)));
    }

    /** The wait after the given number of failed attempts (from 1): initial, doubled each time, at most max. */
    Duration after(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }

    boolean givesUpAfter(int attempts) {
        return attempts >= maxAttempts;
    }

    static Duration duration(String iso, Duration fallback) {
        try {
            return Duration.parse(iso.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
