package org.souk.auth.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.auth.api.PendingEmail;

/** A user's change of email address waiting for its confirmation; the token is kept as its hash only. */
@Entity
@Table(name = "user_email_change")
public class EmailChangeEntity {

    @Id
    @Column(name = "user_id")
    private String userId;
    @Column(name = "new_email")
    private String newEmail;
    @Column(name = "token_hash")
    private String tokenHash;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Version
    private long version;

    protected EmailChangeEntity() {
    }

    EmailChangeEntity(String userId) {
        this.userId = userId;
    }

    /** A new request: its address, token and deadline replace the earlier ones (whose token stops working). */
    void request(String email, String hash, Instant now, Instant expires) {
        this.newEmail = email;
        this.tokenHash = hash;
        this.requestedAt = now;
        this.expiresAt = expires;
    }

    String userId() {
        return userId;
    }

    String newEmail() {
        return newEmail;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    PendingEmail toPending() {
        return new PendingEmail(newEmail, expiresAt);
    }
}
