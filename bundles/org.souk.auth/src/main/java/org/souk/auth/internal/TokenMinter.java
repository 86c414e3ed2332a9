package org.souk.auth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.souk.common.api.Caller;
import org.souk.common.api.ValidationException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Mints HS256 tokens with the shared secret (for the console and tests), shaped as the verifier wants them. */
final class TokenMinter {

    /** Null when no secret is configured: then tokens come from the identity service only. */
    private final MACSigner signer;
    private final String issuer;
    private final String audience;
    private final String roleClaim;
    private final Clock clock;

    TokenMinter(MACSigner signer, String issuer, String audience, String roleClaim, Clock clock) {
        this.signer = signer;
        this.issuer = issuer;
        this.audience = audience;
        this.roleClaim = roleClaim;
        this.clock = clock;
    }

    String issue(Caller caller, Duration validity, String email, String locale) {
        if (email != null && !ContactRules.isEmail(email)) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
        if (locale != null && ContactRules.language(locale).isEmpty()) {
            throw new IllegalArgumentException("the locale must be one of en, fr, ar (or a tag of one of them): " + locale);
        }
        if (signer == null) {
            throw new IllegalStateException("no '.secret' is configured in " + JwtTokenService.PID
                    + ": tokens come from the identity service");
        }
        if (!TokenSubjects.isWellFormed(caller.userId())) {
            throw new IllegalArgumentException("a user id is " + TokenSubjects.SHAPE);
        }
        if (TokenSubjects.isReserved(caller.userId())) {
            throw new ValidationException("user", "'" + caller.userId() + "' is reserved for the platform itself: "
                    + "no token may name it");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(caller.userId())
                .claim(roleClaim, caller.role().id())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString());
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        if (email != null) {
            claims.claim(ContactClaims.EMAIL_CLAIM, email);
        }
        if (locale != null) {
            claims.claim(ContactClaims.LOCALE_CLAIM, locale);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }
}
