package org.souk.auth.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Users' email addresses and languages, for the channels that reach them outside the app.
 *
 * <p>They come from two places: the claims {@code email} and {@code locale} of the bearer tokens that callers
 * present (remembered whenever a verified token carries them), and the user's own choice
 * ({@code PATCH /api/v1/me}). A value the user chose is kept until they change it: later tokens do not
 * overwrite it.
 */
@ProviderType
public interface UserDirectory {

    /** The languages Souk writes in; any other language is read as English. */
    List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("ar"));

    /** The longest email address accepted (RFC 5321's limit on a path). */
    int MAX_EMAIL_LENGTH = 254;

    /** What is known about how to reach the user, or empty if nothing is. */
    Optional<UserContact> contact(String userId);

    /**
     * Remembers what a verified token said: its {@code email} and {@code locale} claims, either may be null
     * (unchanged). A language outside {@link #LANGUAGES} is stored as English; an address that is not one
     * is ignored. Called on every request, so it is cheap when nothing changed, and it never fails the
     * caller's request.
     */
    void rememberClaims(String userId, String email, String locale);

    /**
     * The user's own choice: null leaves a value unchanged, an empty string forgets it (a later token may
     * set it again).
     *
     * @throws org.souk.common.api.ValidationException naming {@code email} or {@code locale} when a value is
     *         not an address or not one of the {@link #LANGUAGES}; nothing is changed then
     */
    UserContact update(String userId, String email, String locale);
}
