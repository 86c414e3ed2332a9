package org.souk.auth.internal;

import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.common.api.UnauthorizedException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Checks a bearer token with nimbus-jose-jwt's processor: the signature with {@link TokenKeys}, then expiry,
 * not-before, and the issuer and audience when configured, then the subject and the role.
 */
final class TokenVerifier {

    static final int MAX_CLOCK_SKEW_SECONDS = 30;
    /** Logs under the service's name, where operators look for the identity service's troubles. */
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenService.class);

    /** A verified token: who calls, and the claims the token carried. */
    record Verified(Caller caller, JWTClaimsSet claims) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String roleClaim;
    /** When the last warning about unavailable signing keys was logged (System.nanoTime). */
    private volatile long lastKeyWarning = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);

    /** @param issuer the required issuer, or null; audience the required audience, or null */
    TokenVerifier(TokenKeys keys, String issuer, String audience, String roleClaim, Clock clock) {
        this.roleClaim = roleClaim;
        processor.setJWSKeySelector(keys.selector());
        Set<String> required = new HashSet<>(Set.of("sub", "exp", roleClaim));
        JWTClaimsSet exact = issuer == null ? new JWTClaimsSet.Builder().build()
                : new JWTClaimsSet.Builder().issuer(issuer).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audience == null ? null : new HashSet<>(Set.of(audience)), exact, required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    Verified verify(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("A bearer token is required");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.trim(), null);
        } catch (ParseException e) {
            throw new UnauthorizedException("The bearer token is not a JWT");
        } catch (BadJWTException e) {
            throw new UnauthorizedException(TokenProblems.claims(e.getMessage()));
        } catch (BadJOSEException e) {
            throw new UnauthorizedException(TokenProblems.signature(e.getMessage()));
        } catch (KeySourceException e) {
            // Anyone can send a token naming an unknown key: warn at most once a minute, not once a request.
            long now = System.nanoTime();
            long last = lastKeyWarning;
            if (now - last > TimeUnit.MINUTES.toNanos(1)) {
                lastKeyWarning = now;
                LOG.warn("The identity service's keys are unavailable: {}", e.getMessage());
            } else {
                LOG.debug("The identity service's keys are unavailable: {}", e.getMessage());
            }
            throw new UnauthorizedException("The bearer token cannot be verified now: the signing keys are unavailable");
        } catch (JOSEException e) {
            throw new UnauthorizedException("The bearer token cannot be verified");
        }
        String subject = claims.getSubject();
        if (!TokenSubjects.isWellFormed(subject)) {
            throw new UnauthorizedException("The bearer token's subject (the user id) must be " + TokenSubjects.SHAPE);
        }
        if (TokenSubjects.isReserved(subject)) {
            throw new UnauthorizedException("The bearer token's subject '" + subject + "' is reserved for the platform "
                    + "itself: no token may name it");
        }
        try {
            return new Verified(new Caller(subject, Role.parse(claims.getStringClaim(roleClaim))), claims);
        } catch (IllegalArgumentException | ParseException e) {
            throw new UnauthorizedException("The bearer token's role is missing or unknown");
        }
    }
}
