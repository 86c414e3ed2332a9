package org.souk.auth.internal;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.souk.auth.api.UserDirectory;
import org.souk.common.api.ValidationException;

/**
 * What counts as an email address and a language: lenient for tokens' claims (a token is never refused
 * for them), strict for a user's own choice. Pure.
 */
final class ContactRules {

    /** One {@code @}, a dot in the domain, nothing that breaks a mail header. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>()\\[\\],;:\"\\\\]+@[^@\\s<>()\\[\\],;:\"\\\\]+\\.[^@\\s<>()\\[\\],;:\"\\\\.]{2,}");

    private ContactRules() {
    }

    static boolean isEmail(String value) {
        return value != null && value.length() <= UserDirectory.MAX_EMAIL_LENGTH && EMAIL.matcher(value).matches()
                && value.chars().noneMatch(Character::isISOControl);
    }

    /** The supported language a tag names ({@code fr-FR} and {@code fr_FR} are French), if any. */
    static Optional<Locale> language(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return Optional.empty();
        }
        String language;
        try {
            language = new Locale.Builder().setLanguageTag(tag.trim().replace('_', '-')).build().getLanguage();
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
        return UserDirectory.LANGUAGES.stream().filter(l -> l.getLanguage().equals(language)).findFirst();
    }

    /** A claim's language: a supported one, English for any other, null when the claim is absent. */
    static Locale claimedLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        return language(tag).orElse(Locale.ENGLISH);
    }

    /** A claim's address, or null when it is absent or not an address. */
    static String claimedEmail(String email) {
        if (email == null) {
            return null;
        }
        String trimmed = email.trim();
        return isEmail(trimmed) ? trimmed : null;
    }

    /** The user's choice, checked: both fields at once, nothing applied if either is wrong. */
    static void checkChoice(String email, String locale) {
        ValidationException.Collector errors = new ValidationException.Collector();
        if (email != null && !email.isEmpty() && !isEmail(email.trim())) {
            errors.add("email", email.length() > UserDirectory.MAX_EMAIL_LENGTH
                    ? "must be at most " + UserDirectory.MAX_EMAIL_LENGTH + " characters"
                    : "must be an email address such as name@example.com");
        }
        if (locale != null && !locale.isEmpty() && language(locale).isEmpty()) {
            errors.add("locale", "must be one of en, fr, ar");
        }
        errors.throwIfAny();
    }
}
