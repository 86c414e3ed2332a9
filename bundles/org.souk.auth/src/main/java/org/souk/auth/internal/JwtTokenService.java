package org.souk.auth.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.auth.api.TokenService;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.common.api.UnauthorizedException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * HS256 JWTs: subject = user id, claim {@code role} = client, freelancer or admin. The signer and verifier
 * are built once from the configured secret, so a request costs one HMAC and no key derivation.
 */
@Component(configurationPid = JwtTokenService.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = JwtTokenService.Config.class)
public class JwtTokenService implements TokenService {

    static final String PID = "org.souk.auth";
    static final String ROLE_CLAIM = "role";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final String DEVELOPMENT_SECRET_PREFIX = "dev-only-";
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenService.class);

    /** The secret's key starts with a dot, so it stays out of the service's properties (and the console). */
    @ObjectClassDefinition(name = "Souk bearer tokens", description = "Verification of the JWTs that callers present")
    public @interface Config {
        @AttributeDefinition(name = "HMAC secret", description = "At least 32 bytes; shared with the identity service",
                type = AttributeType.PASSWORD)
        String _secret();

        @AttributeDefinition(name = "Issuer", description = "Expected and issued 'iss' claim")
        String issuer() default "souk";
    }

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final String issuer;
    private final Clock clock;

    @Activate
    public JwtTokenService(Config config) {
        this(config._secret(), config.issuer(), Clock.systemUTC());
    }

    JwtTokenService(String secret, String issuer, Clock clock) {
        byte[] key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalArgumentException("'.secret' of " + PID + " must be at least 32 bytes long");
        }
        if (secret.startsWith(DEVELOPMENT_SECRET_PREFIX)) {
            LOG.warn("Bearer tokens are signed with the development secret; set '.secret' in etc/{}.cfg", PID);
        }
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable secret: " + e.getMessage(), e);
        }
        this.issuer = issuer;
        this.clock = clock;
    }

    @Override
    public Caller verify(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("A bearer token is required");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token.trim());
        } catch (ParseException e) {
            throw new UnauthorizedException("The bearer token is not a JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new UnauthorizedException("The bearer token must be signed with HS256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new UnauthorizedException("The bearer token's signature is invalid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            Instant now = clock.instant();
            if (expiry == null || expiry.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
                throw new UnauthorizedException("The bearer token has expired");
            }
            if (issuer != null && !issuer.isEmpty() && !issuer.equals(claims.getIssuer())) {
                throw new UnauthorizedException("The bearer token was issued by someone else");
            }
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new UnauthorizedException("The bearer token names no subject");
            }
            Role role;
            try {
                role = Role.parse(claims.getStringClaim(ROLE_CLAIM));
            } catch (IllegalArgumentException e) {
                throw new UnauthorizedException("The bearer token's role is missing or unknown");
            }
            return new Caller(subject, role);
        } catch (JOSEException | ParseException e) {
            throw new UnauthorizedException("The bearer token cannot be verified");
        }
    }

    @Override
    public String issue(Caller caller, Duration validity) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(caller.userId())
                .claim(ROLE_CLAIM, caller.role().id())
                .issuer(issuer)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }
}
