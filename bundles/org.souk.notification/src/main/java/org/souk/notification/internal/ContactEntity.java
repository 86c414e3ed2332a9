package org.souk.notification.internal;

import java.time.Instant;
import java.util.Locale;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.notification.spi.Recipient;

/** How to reach a user, as their token or profile last told it. */
@Entity
@Table(name = "notification_contact")
public class ContactEntity {

    @Id
    @Column(name = "user_id")
    private String userId;
    private String email;
    private String language;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected ContactEntity() {
    }

    ContactEntity(String userId) {
        this.userId = userId;
    }

    /** Returns whether anything changed. */
    boolean update(String newEmail, String newLanguage, Instant now) {
        boolean changed = false;
        if (newEmail != null && !newEmail.equals(email)) {
            email = newEmail;
            changed = true;
        }
        if (newLanguage != null && !newLanguage.equals(language)) {
            language = newLanguage;
            changed = true;
        }
        if (changed || updatedAt == null) {
            updatedAt = now;
        }
        return changed;
    }

    static Recipient recipient(String userId, ContactEntity contact) {
        if (contact == null) {
            return new Recipient(userId, null, null);
        }
        return new Recipient(userId, contact.language == null ? null : Locale.forLanguageTag(contact.language), contact.email);
    }
}
