package org.souk.auth.api;

import java.util.Locale;
import java.util.Objects;

/**
 * How to reach a user: their email address (null if unknown) and the language they read, always one of
 * {@link UserDirectory#LANGUAGES} (English when unknown).
 */
public record UserContact(String userId, String email, Locale locale) {

    public UserContact {
        Objects.requireNonNull(userId, "userId");
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** The language as its tag: {@code en}, {@code fr} or {@code ar}. */
    public String language() {
        return locale.toLanguageTag();
    }
}
