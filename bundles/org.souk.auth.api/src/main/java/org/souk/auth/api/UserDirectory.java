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
 * overwrite it. A new address the user chooses takes effect only once confirmed from that address
 * ({@link #confirmEmail}), so that whoever holds a session cannot redirect the user's mail silently.
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
     * The users whose current address is this one, as typed or in lower case (an address is not unique:
     * two accounts may share one); empty for null or blank.
     */
    List<String> usersWithEmail(String email);

    /**
     * Remembers what a verified token said: its {@code email} and {@code locale} claims, either may be null
     * (unchanged). A language outside {@link #LANGUAGES} is stored as English; an address that is not one
     * is ignored. Called on every request, so it is cheap when nothing changed, and it never fails the
     * caller's request.
     */
    void rememberClaims(String userId, String email, String locale);

    /**
     * The user's own choice: null leaves a value unchanged, an empty string forgets it (a later token may
     * set it again). A language applies at once. An address other than the current one does not: it becomes
     * the user's {@link #pendingEmail pending change} (replacing an earlier one, whose link stops working), and
     * in the same transaction a link with a new single-use token is sent to it, and a notice to the current
     * address (through the notification outbox). The current address given again, or forgetting the address,
     * applies at once and drops a pending change.
     *
     * @return the contact as it now stands: with the current address, not the pending one
     * @throws org.souk.common.api.ValidationException naming {@code email} or {@code locale} when a value is
     *         not an address or not one of the {@link #LANGUAGES}; nothing is changed then
     * @throws org.souk.common.api.UnavailableException when a new address cannot be confirmed because
     *         notifications are not deployed; nothing is changed then
     */
    UserContact update(String userId, String email, String locale);

    /** The user's change of address waiting for its confirmation, if there is one and it has not expired. */
    Optional<PendingEmail> pendingEmail(String userId);

    /**
     * Applies the pending change of address whose link carries this token, once: the token is then spent.
     *
     * @return the contact with its new address
     * @throws org.souk.common.api.ValidationException naming {@code token} when it is unknown, used already,
     *         replaced by a newer change or expired; nothing is changed then
     */
    UserContact confirmEmail(String token);
}
