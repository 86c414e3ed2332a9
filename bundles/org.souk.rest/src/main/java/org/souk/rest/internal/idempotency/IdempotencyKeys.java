package org.souk.rest.internal.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.souk.common.api.ValidationException;

/** The {@code Idempotency-Key} header: what a valid key is, and the fingerprints kept of keys and requests. */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * The key a request carries, or null when it carries none.
     *
     * @throws ValidationException naming the header when it is given twice, empty, longer than
     *         {@value #MAX_LENGTH} characters or not printable ASCII
     */
    static String key(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ValidationException(HEADER, "must be given once");
        }
        String key = values.get(0) == null ? "" : values.get(0);
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new ValidationException(HEADER, "must be 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new ValidationException(HEADER, "must be printable ASCII characters only");
            }
        }
        return key;
    }

    /** Where a key is stored: one caller's key never meets another caller's, and the length is fixed. */
    static String storageId(String callerId, String key) {
        return sha256(callerId.getBytes(StandardCharsets.UTF_8), new byte[] {0}, key.getBytes(StandardCharsets.US_ASCII));
    }

    /** The fingerprint of a request (its method, path and body), compared on every retry of its key. */
    static String requestHash(String target, byte[] body) {
        return sha256(target.getBytes(StandardCharsets.UTF_8), new byte[] {0}, body);
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
