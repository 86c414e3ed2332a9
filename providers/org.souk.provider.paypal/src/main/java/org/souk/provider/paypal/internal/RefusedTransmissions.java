package org.souk.provider.paypal.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Webhook transmissions PayPal said are not genuine, so that the same transmission sent again is refused without
 * asking PayPal. A transmission is known by a digest of everything PayPal was asked to verify (its headers, the
 * webhook id and the body), not by its transmission id alone: whoever learns a genuine transmission id must not
 * be able to have it refused by sending it first with a bad signature. An entry lasts until the transmission
 * time it carries leaves the accepted window (from then on the webhook is refused for its time anyway); at most
 * {@code size} are kept, the oldest forgotten first. Thread-safe.
 */
final class RefusedTransmissions {

    private final int size;
    private final Clock clock;
    private final Map<String, Instant> refused;

    RefusedTransmissions(int size, Clock clock) {
        this.size = size;
        this.clock = clock;
        this.refused = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > RefusedTransmissions.this.size;
            }
        };
    }

    /** Whether PayPal already refused this verification request (and the refusal still counts). */
    synchronized boolean contains(String verification) {
        if (size == 0) {
            return false;
        }
        String key = digest(verification);
        Instant until = refused.get(key);
        if (until == null) {
            return false;
        }
        if (!clock.instant().isBefore(until)) {
            refused.remove(key);
            return false;
        }
        return true;
    }

    /** Remembers that PayPal refused this verification request, until {@code until}. */
    synchronized void add(String verification, Instant until) {
        if (size > 0 && clock.instant().isBefore(until)) {
            refused.put(digest(verification), until);
        }
    }

    private static String digest(String verification) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verification.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
