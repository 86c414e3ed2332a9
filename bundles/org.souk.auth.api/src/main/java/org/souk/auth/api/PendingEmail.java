package org.souk.auth.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of the user's email address that waits for its confirmation: {@code email} becomes the user's address
 * only once the link sent to it is followed, before {@code expiresAt}.
 */
public record PendingEmail(String email, Instant expiresAt) {

    public PendingEmail {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
