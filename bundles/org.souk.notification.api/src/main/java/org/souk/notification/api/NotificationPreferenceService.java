package org.souk.notification.api;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;

/**
 * Each user's choice of notifications per type and channel. Cells the user never set take the platform's
 * defaults (in-app on for everything; email on for what needs acting on or moves money).
 */
@ProviderType
public interface NotificationPreferenceService {

    /** The caller's whole document, defaults filled in. */
    NotificationPreferences preferences(Caller caller);

    /**
     * Replaces the caller's document: every cell given is stored, every cell left out returns to its
     * default. An unknown type or channel, or a mandatory type switched off, is a validation error naming
     * the field ({@code types[2].channels.email}) and changes nothing.
     */
    NotificationPreferences replace(Caller caller, NotificationPreferences preferences);

    /** Sets one cell; the same refusals as {@link #replace}, naming {@code type}, {@code channel} or {@code enabled}. */
    NotificationPreferences set(Caller caller, String type, String channel, Boolean enabled);

    /** Whether a notification of the type reaches the user on the channel. */
    boolean enabled(String userId, NotificationType type, String channel);

    /**
     * Remembers how to reach the user, as the token or a profile tells it: an email address and a language
     * tag ({@code fr}, {@code ar-MA}); null leaves what is known unchanged.
     *
     * @deprecated The user directory of {@code org.souk.auth.api} ({@code UserDirectory}) is the one source of
     *             users' addresses and languages, and what channels receive in {@code Recipient} comes from it.
     *             This method only hands the values to {@code UserDirectory.rememberClaims} when a directory is
     *             deployed, and does nothing otherwise; call the directory instead.
     */
    @Deprecated
    void rememberContact(String userId, String email, String languageTag);
}
