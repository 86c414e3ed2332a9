package org.souk.auth.api;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.UnauthorizedException;

/**
 * Verifies the bearer tokens (signed JWTs) that callers present, and mints tokens for development and tests.
 * A verified token's {@code email} and {@code locale} claims are remembered in the {@link UserDirectory}.
 */
@ProviderType
public interface TokenService {

    /**
     * Checks the token's signature, expiry and claims and returns the caller it names.
     *
     * @throws UnauthorizedException if the token is malformed, forged, expired or lacks a subject or role, or if its
     *         subject is {@code system}, the platform's own identity ({@link Caller#SYSTEM}), whatever its role
     */
    Caller verify(String token);

    /** Signs a token for the caller, valid for the given time; never for the reserved user id {@code system}. */
    String issue(Caller caller, Duration validity);

    /**
     * Signs a token for the caller that also carries the claims {@code email} and {@code locale} (either may be
     * null: left out), as an identity service would.
     *
     * @throws IllegalArgumentException if the email is not an address or the locale not a language tag
     * @throws org.souk.common.api.ValidationException if the caller's user id is {@code system}, which is reserved
     */
    String issue(Caller caller, Duration validity, String email, String locale);
}
