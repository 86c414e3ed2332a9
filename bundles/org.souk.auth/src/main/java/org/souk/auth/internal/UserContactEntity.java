package org.souk.auth.internal;

import java.time.Instant;
import java.util.Locale;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.auth.api.UserContact;

/** One user's email address and language, each from tokens or chosen by the user. */
@Entity
@Table(name = "user_contact")
public class UserContactEntity {

    @Id
    @Column(name = "user_id")
    private String userId;
    private String email;
    @Column(name = "email_chosen")
    private boolean emailChosen;
    private String language;
    @Column(name = "language_chosen")
    private boolean languageChosen;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected UserContactEntity() {
    }

    UserContactEntity(String userId, Instant now) {
        this.userId = userId;
        this.updatedAt = now;
    }

    /**
     * What a token claims (null: not claimed); a value the user chose stays. Returns whether anything
     * changed.
     */
    boolean claim(String newEmail, Locale newLanguage, Instant now) {
        boolean changed = false;
        if (newEmail != null && !emailChosen && !newEmail.equals(email)) {
            email = newEmail;
            changed = true;
        }
        String tag = newLanguage == null ? null : newLanguage.toLanguageTag();
        if (tag != null && !languageChosen && !tag.equals(language)) {
            language = tag;
            changed = true;
        }
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    /** The user's choice (null: unchanged, empty: forgotten, tokens may set it again). */
    void choose(String newEmail, Locale newLanguage, boolean forgetLanguage, Instant now) {
        if (newEmail != null) {
            email = newEmail.isEmpty() ? null : newEmail;
            emailChosen = !newEmail.isEmpty();
        }
        if (forgetLanguage) {
            language = null;
            languageChosen = false;
        } else if (newLanguage != null) {
            language = newLanguage.toLanguageTag();
            languageChosen = true;
        }
        updatedAt = now;
    }

    UserContact toContact() {
        return new UserContact(userId, email, language == null ? null : Locale.forLanguageTag(language));
    }

    long version() {
        return version;
    }
}
