package org.souk.notification.spi;

import java.util.Locale;

/**
 * Whom to reach: the user's id and, when known, the language they read ({@link Locale#ENGLISH} if unknown)
 * and their email address (null if unknown).
 */
public record Recipient(String userId, Locale locale, String email) {

    public Recipient {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
        locale = locale == null ? Locale.ENGLISH : locale;
    }
}
