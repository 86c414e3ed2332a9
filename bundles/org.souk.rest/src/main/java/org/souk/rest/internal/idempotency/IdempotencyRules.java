package org.souk.rest.internal.idempotency;

/**
 * What a request does with a key that is already stored: the pure decision, apart from the database.
 * Stripe's rules: the same request replays the first answer, another request with the key is refused, a
 * key still being worked on is busy; and two of ours: an expired key is forgotten, and a key whose worker
 * vanished (a node stopped mid-request) is taken over once its lock is old.
 */
final class IdempotencyRules {

    enum Verdict {
        /** The first request finished: answer as it was answered. */
        REPLAY,
        /** The key was used for another path or another body: 422. */
        REUSED,
        /** The first request is still running: 409, try again shortly. */
        IN_USE,
        /** The key is past its lifetime: delete it and start afresh. */
        EXPIRED,
        /** The first request's worker is gone for longer than any request runs: run it again. */
        TAKE_OVER
    }

    /** A stored key as far as the decision goes. */
    record Stored(String requestHash, boolean done, long lockedMs, long expiresMs) {
    }

    private IdempotencyRules() {
    }

    /** @param requestHash the fingerprint of the retry's method, path and body */
    static Verdict decide(Stored stored, String requestHash, long nowMs, long lockTimeoutMs) {
        if (nowMs >= stored.expiresMs()) {
            return Verdict.EXPIRED;
        }
        if (!stored.requestHash().equals(requestHash)) {
            return Verdict.REUSED;
        }
        if (stored.done()) {
            return Verdict.REPLAY;
        }
        return nowMs - stored.lockedMs() >= lockTimeoutMs ? Verdict.TAKE_OVER : Verdict.IN_USE;
    }
}
