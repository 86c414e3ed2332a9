package org.souk.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The rules of a change of email address: the confirmation token (256 random bits, kept only as its SHA-256),
 * the window it is good for, when it is refused, and how the new address is shown to the old one. Pure but for
 * the random bytes it is given.
 */
final class EmailChangeRules {

    /** Random bytes per token: 256 bits, written as 43 characters of base64url. */
    static final int TOKEN_BYTES = 32;
    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    /** Longer than any token this makes; a longer one is refused without being hashed. */
    static final int MAX_TOKEN_LENGTH = 100;

    static final String UNKNOWN = "is unknown, used already or replaced by a newer change: ask for the change again "
            + "with PATCH /api/v1/me";
    static final String EXPIRED = "has expired: ask for the change again with PATCH /api/v1/me";

    private EmailChangeRules() {
    }

    static String newToken(SecureRandom random) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of a token: its SHA-256 in hex. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    /**
     * Why a token cannot confirm its change (the reason given for the field {@code token}), or null when it can.
     *
     * @param expiresAt the deadline of the change whose hash the token matches, or null when it matches none
     *        (never issued, spent, or replaced by a newer change)
     */
    static String refusal(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return UNKNOWN;
        }
        return now.isBefore(expiresAt) ? null : EXPIRED;
    }

    /** The configured window ({@code email.change.window}, ISO-8601); the default when it is not a positive duration. */
    static Duration window(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_WINDOW;
        }
        try {
            Duration d = Duration.parse(configured.trim());
            return d.isNegative() || d.isZero() ? DEFAULT_WINDOW : d;
        } catch (DateTimeParseException e) {
            return DEFAULT_WINDOW;
        }
    }

    /** The address as told to someone who may not own it: {@code n***@example.com}. */
    static String mask(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.substring(0, email.offsetByCodePoints(0, 1)) + "***" + email.substring(at);
    }
}
