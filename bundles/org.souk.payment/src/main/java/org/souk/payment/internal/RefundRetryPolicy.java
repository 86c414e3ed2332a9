package org.souk.payment.internal;

import java.time.Duration;

/**
 * When to ask a gateway again about a refund it has not settled: the first retry after {@code first},
 * each later one after twice the previous wait, never longer than {@code longest}. After {@code attempts}
 * asks without a final answer an administrator is told, and the asks go on at the longest interval
 * (the same idempotency key each time, so asking again never pays twice).
 */
record RefundRetryPolicy(Duration first, Duration longest, int attempts) {

    static final RefundRetryPolicy DEFAULT = new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofHours(6), 10);

    RefundRetryPolicy {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("refund retries need 0 < first <= longest and at least one attempt");
        }
    }

    /** The wait after the given number of asks (1 for the first). */
    Duration delayAfter(int asked) {
        Duration delay = first;
        for (int i = 1; i < asked && delay.compareTo(longest) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(longest) < 0 ? delay : longest;
    }

    boolean exhausted(int asked) {
        return asked >= attempts;
    }
}
