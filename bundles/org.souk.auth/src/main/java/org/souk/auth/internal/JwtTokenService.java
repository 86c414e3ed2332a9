package org.souk.auth.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.auth.api.TokenService;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.common.api.UnauthorizedException;
import org.souk.common.api.ValidationException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Bearer tokens (JWTs): subject = user id, a role claim = client, freelancer or admin. Verified by
 * nimbus-jose-jwt's processor: HS256 with the shared secret, and RS256/ES256 with the identity service's
 * public keys (a JWKS URL, cached and fetched again when a token names an unknown key id, or a JWKS file).
 * An algorithm is only ever checked with keys of its own kind, so an HS256 token "signed" with a public key
 * is refused. Expiry, not-before, and the issuer and audience when configured are checked on every token.
 * The optional claims {@code email} and {@code locale} of a verified token are handed to the
 * {@link UserDirectory}, which remembers them. The subject {@code system} is the platform's own identity
 * ({@link Caller#SYSTEM}): a token naming it is refused, whatever its role and signature, and none is minted.
 */
@Component(configurationPid = JwtTokenService.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = JwtTokenService.Config.class)
public class JwtTokenService implements TokenService {

    static final String PID = "org.souk.auth";
    static final int MAX_CLOCK_SKEW_SECONDS = 30;
    /** User ids are stored in columns of 128 characters; the cap leaves room and the charset keeps logs clean. */
    static final int MAX_SUBJECT_LENGTH = 100;
    static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@:|+=-]{1," + MAX_SUBJECT_LENGTH + "}");
    /** The secret earlier distributions printed in etc/org.souk.auth.cfg: public knowledge, never accepted. */
    static final String FORMERLY_SHIPPED_SECRET = "dev-only-souk-secret-change-me-before-production";
    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenService.class);
    static final String EMAIL_CLAIM = "email";
    static final String LOCALE_CLAIM = "locale";

    /** The secret's key starts with a dot, so it stays out of the service's properties (and the console). */
    @ObjectClassDefinition(name = "Souk bearer tokens", description = "Verification of the JWTs that callers present")
    public @interface Config {
        @AttributeDefinition(name = "HS256 secret", required = false, type = AttributeType.PASSWORD,
                description = "At least 32 bytes, shared with the identity service; empty: no HS256 tokens "
                        + "(and souk:token cannot mint any)")
        String _secret() default "";

        @AttributeDefinition(name = "Issuer", required = false,
                description = "Required 'iss' of every token, and the 'iss' of tokens minted here; empty: not checked")
        String issuer() default "souk";

        @AttributeDefinition(name = "Audience", required = false,
                description = "Required in every token's 'aud', and the 'aud' of tokens minted here; empty: not checked")
        String audience() default "";

        @AttributeDefinition(name = "Role claim", required = false, description = "The claim naming the caller's role")
        String role_claim() default "role";

        @AttributeDefinition(name = "JWKS URL", required = false,
                description = "The identity service's public keys (RS256, ES256); fetched again for an unknown 'kid'")
        String jwks_url() default "";

        @AttributeDefinition(name = "JWKS file", required = false,
                description = "Public keys from a file instead of a URL; read when this configuration changes")
        String jwks_file() default "";

        @AttributeDefinition(name = "JWKS cache (seconds)", required = false,
                description = "How long keys fetched from the URL are used before they are fetched again")
        long jwks_cache_seconds() default 300;

        @AttributeDefinition(name = "Email change window", required = false,
                description = "ISO-8601: how long the link that confirms a new email address works (the user "
                        + "directory reads it)")
        String email_change_window() default "PT24H";
    }

    /** The configuration as plain values, for tests. */
    record Settings(String secret, String issuer, String audience, String roleClaim, String jwksUrl, String jwksFile,
                    Duration jwksCache) {

        static Settings hs256(String secret, String issuer) {
            return new Settings(secret, issuer, "", "role", "", "", Duration.ofMinutes(5));
        }

        Settings withAudience(String value) {
            return new Settings(secret, issuer, value, roleClaim, jwksUrl, jwksFile, jwksCache);
        }

        Settings withJwksUrl(String value) {
            return new Settings(secret, issuer, audience, roleClaim, value, jwksFile, jwksCache);
        }

        Settings withJwksFile(String value) {
            return new Settings(secret, issuer, audience, roleClaim, jwksUrl, value, jwksCache);
        }
    }

    /** When the last warning about unavailable signing keys was logged (System.nanoTime). */
    private volatile long lastKeyWarning = System.nanoTime() - TimeUnit.MINUTES.toNanos(2);
    private final MACSigner signer;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JWKSource<SecurityContext> publicKeys;
    private final String issuer;
    private final String audience;
    private final String roleClaim;
    private final Clock clock;
    /** Where the contact claims of verified tokens go; absent while the database is not up. */
    private volatile UserDirectory directory;

    @Activate
    public JwtTokenService(Config config) {
        this(new Settings(config._secret(), config.issuer(), config.audience(), config.role_claim(), config.jwks_url(),
                config.jwks_file(), Duration.ofSeconds(Math.max(1, config.jwks_cache_seconds()))), Clock.systemUTC());
    }

    JwtTokenService(String secret, String issuer, Clock clock) {
        this(Settings.hs256(secret, issuer), clock);
    }

    JwtTokenService(Settings settings, Clock clock) {
        this.clock = clock;
        this.issuer = blankToNull(settings.issuer());
        this.audience = blankToNull(settings.audience());
        this.roleClaim = blankToNull(settings.roleClaim()) == null ? "role" : settings.roleClaim().trim();

        String secret = blankToNull(settings.secret());
        List<JWSKeySelector<SecurityContext>> selectors = new ArrayList<>();
        if (secret != null) {
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            if (key.length < 32) {
                throw new IllegalArgumentException("'.secret' of " + PID + " must be at least 32 bytes long");
            }
            if (secret.equals(FORMERLY_SHIPPED_SECRET)) {
                throw new IllegalArgumentException("'.secret' of " + PID + " is the published development secret: "
                        + "generate one (bin/setenv does at start when it is empty)");
            }
            try {
                this.signer = new MACSigner(key);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unusable secret: " + e.getMessage(), e);
            }
            selectors.add(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(key)));
        } else {
            this.signer = null;
        }

        this.publicKeys = publicKeys(blankToNull(settings.jwksUrl()), blankToNull(settings.jwksFile()), settings.jwksCache());
        if (publicKeys != null) {
            selectors.add(new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, publicKeys));
        }
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException(PID + " needs '.secret' (HS256), 'jwks.url' or 'jwks.file' (RS256, ES256)");
        }
        // Each selector answers only for its own algorithms: HS256 gets the secret, RS256/ES256 the JWKS keys.
        processor.setJWSKeySelector((header, context) -> {
            List<java.security.Key> keys = new ArrayList<>();
            for (JWSKeySelector<SecurityContext> selector : selectors) {
                keys.addAll(selector.selectJWSKeys(header, context));
            }
            return keys;
        });
        Set<String> required = new HashSet<>(Set.of("sub", "exp", roleClaim));
        JWTClaimsSet exact = issuer == null ? new JWTClaimsSet.Builder().build()
                : new JWTClaimsSet.Builder().issuer(issuer).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audience == null ? null : new HashSet<>(Set.of(audience)), exact, required, null) {
            @Override
            protected Date currentTime() {
                return Date.from(JwtTokenService.this.clock.instant());
            }
        };
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    private static JWKSource<SecurityContext> publicKeys(String url, String file, Duration cache) {
        if (url != null && file != null) {
            throw new IllegalArgumentException(PID + ": set 'jwks.url' or 'jwks.file', not both");
        }
        if (url != null) {
            URL location;
            try {
                location = URI.create(url).toURL();
            } catch (IllegalArgumentException | MalformedURLException e) {
                throw new IllegalArgumentException(PID + ": 'jwks.url' is not a URL: " + url, e);
            }
            if (!"https".equals(location.getProtocol()) && !isLoopback(location.getHost())) {
                LOG.warn("The identity service's keys are fetched over plain HTTP from {}: use https", url);
            }
            // Cached for the configured time; a token naming an unknown key id fetches the set again, at most
            // twice per 30 s (nimbus's rate limit), so forged key ids cannot make Souk hammer the identity service.
            return JWKSourceBuilder.create(location)
                    .cache(cache.toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .refreshAheadCache(false)
                    .build();
        }
        if (file != null) {
            try {
                return new ImmutableJWKSet<>(JWKSet.load(Path.of(file).toFile()).toPublicJWKSet());
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException(PID + ": cannot read the JWKS in 'jwks.file' " + file + ": " + e.getMessage(), e);
            }
        }
        return null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindDirectory")
    void bindDirectory(UserDirectory d) {
        directory = d;
    }

    void unbindDirectory(UserDirectory d) {
        if (directory == d) {
            directory = null;
        }
    }

    @Deactivate
    void close() {
        if (publicKeys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.debug("closing the JWKS source failed", e);
            }
        }
    }

    @Override
    public Caller verify(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthorizedException("A bearer token is required");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.trim(), null);
        } catch (ParseException e) {
            throw new UnauthorizedException("The bearer token is not a JWT");
        } catch (BadJWTException e) {
            throw new UnauthorizedException(claimProblem(e.getMessage()));
        } catch (BadJOSEException e) {
            throw new UnauthorizedException(signatureProblem(e.getMessage()));
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
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new UnauthorizedException("The bearer token's subject (the user id) must be 1 to " + MAX_SUBJECT_LENGTH
                    + " characters among letters, digits and . _ @ : | + = -");
        }
        if (isReserved(subject)) {
            throw new UnauthorizedException("The bearer token's subject '" + subject + "' is reserved for the platform "
                    + "itself: no token may name it");
        }
        Caller caller;
        try {
            caller = new Caller(subject, Role.parse(claims.getStringClaim(roleClaim)));
        } catch (IllegalArgumentException | ParseException e) {
            throw new UnauthorizedException("The bearer token's role is missing or unknown");
        }
        rememberContact(subject, claims);
        return caller;
    }

    /** Hands the token's {@code email} and {@code locale} claims to the directory; never fails the request. */
    private void rememberContact(String userId, JWTClaimsSet claims) {
        UserDirectory d = directory;
        if (d == null) {
            return;
        }
        Object email = claims.getClaim(EMAIL_CLAIM);
        Object locale = claims.getClaim(LOCALE_CLAIM);
        if (!(email instanceof String) && !(locale instanceof String)) {
            return;
        }
        try {
            d.rememberClaims(userId, email instanceof String s ? s : null, locale instanceof String s ? s : null);
        } catch (RuntimeException e) {
            LOG.debug("The contact claims of {} were not remembered: {}", userId, e.getMessage());
        }
    }

    private static String claimProblem(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Expired")) {
            return "The bearer token has expired";
        }
        if (m.contains("before use time")) {
            return "The bearer token is not valid yet (nbf)";
        }
        if (m.contains("audience")) {
            return "The bearer token is meant for another audience (aud)";
        }
        if (m.contains("iss claim")) {
            return "The bearer token was issued by someone else (iss)";
        }
        if (m.contains("missing required claims")) {
            return "The bearer token lacks required claims: " + m.substring(m.indexOf(':') + 1).trim();
        }
        return "The bearer token's claims are not acceptable";
    }

    private static String signatureProblem(String message) {
        String m = message == null ? "" : message;
        if (m.contains("Invalid signature")) {
            return "The bearer token's signature is invalid";
        }
        if (m.contains("Unsecured")) {
            return "The bearer token is not signed";
        }
        if (m.contains("no matching key") || m.contains("algorithm")) {
            return "The bearer token's signature is invalid: no accepted key for its algorithm and key id";
        }
        return "The bearer token cannot be verified";
    }

    @Override
    public String issue(Caller caller, Duration validity) {
        return issue(caller, validity, null, null);
    }

    @Override
    public String issue(Caller caller, Duration validity, String email, String locale) {
        if (email != null && !ContactRules.isEmail(email)) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
        if (locale != null && ContactRules.language(locale).isEmpty()) {
            throw new IllegalArgumentException("the locale must be one of en, fr, ar (or a tag of one of them): " + locale);
        }
        if (signer == null) {
            throw new IllegalStateException("no '.secret' is configured in " + PID + ": tokens come from the identity service");
        }
        if (!SUBJECT.matcher(caller.userId()).matches()) {
            throw new IllegalArgumentException("a user id is 1 to " + MAX_SUBJECT_LENGTH
                    + " characters among letters, digits and . _ @ : | + = -");
        }
        if (isReserved(caller.userId())) {
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
            claims.claim(EMAIL_CLAIM, email);
        }
        if (locale != null) {
            claims.claim(LOCALE_CLAIM, locale);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * The platform's own user id ({@link Caller#SYSTEM}), in any case: what it does is recorded under that name,
     * and no token may pass for it.
     */
    static boolean isReserved(String userId) {
        return Caller.SYSTEM.userId().equalsIgnoreCase(userId);
    }

    private static boolean isLoopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
