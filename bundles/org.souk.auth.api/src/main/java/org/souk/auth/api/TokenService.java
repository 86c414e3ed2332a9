package org.souk.auth.api;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.UnauthorizedException;

/** Verifies the bearer tokens (signed JWTs) that callers present, and mints tokens for development and tests. */
@ProviderType
public interface TokenService {

    /**
     * Checks the token's signature, expiry and claims and returns the caller it names.
     *
     * @throws UnauthorizedException if the token is malformed, forged, expired or lacks a subject or role
     */
    Caller verify(String token);

    /** Signs a token for the caller, valid for the given time. */
    String issue(Caller caller, Duration validity);
}
