package org.souk.auth.internal;

import java.time.Clock;
import java.time.Duration;

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
import org.souk.auth.api.TokenService;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.Caller;

/**
 * Bearer tokens (JWTs): subject = user id, a role claim = client, freelancer or admin. Verified by
 * nimbus-jose-jwt's processor: HS256 with the shared secret, and RS256/ES256 with the identity service's
 * public keys (a JWKS URL, cached and fetched again when a token names an unknown key id, or a JWKS file).
 * An algorithm is only ever checked with keys of its own kind, so an HS256 token "signed" with a public key
 * is refused. Expiry, not-before, and the issuer and audience when configured are checked on every token.
 * The optional claims {@code email} and {@code locale} of a verified token are handed to the
 * {@link UserDirectory}, which remembers them. The subject {@code system} is the platform's own identity
 * ({@link Caller#SYSTEM}): a token naming it is refused, whatever its role and signature, and none is minted.
 *
 * <p>A facade: the component's configuration and references stay here, the work is done by {@link TokenKeys},
 * {@link TokenVerifier}, {@link ContactClaims} and {@link TokenMinter}.
 */
@Component(configurationPid = JwtTokenService.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = JwtTokenService.Config.class)
public class JwtTokenService implements TokenService {

    static final String PID = "org.souk.auth";

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

    private final TokenKeys keys;
    private final TokenVerifier verifier;
    private final ContactClaims contacts;
    private final TokenMinter minter;
    /** Where the contact claims of verified tokens go; absent while the database is not up. */
    private volatile UserDirectory directory;

    /**
     * Tokens are checked against the wall clock, not the {@code PlatformClock} the rest of Souk reads: their
     * {@code exp} was set by an identity service's clock, which a test that moves the platform's time does not move.
     */
    @Activate
    public JwtTokenService(Config config) {
        this(new Settings(config._secret(), config.issuer(), config.audience(), config.role_claim(), config.jwks_url(),
                config.jwks_file(), Duration.ofSeconds(Math.max(1, config.jwks_cache_seconds()))), Clock.systemUTC());
    }

    JwtTokenService(String secret, String issuer, Clock clock) {
        this(Settings.hs256(secret, issuer), clock);
    }

    JwtTokenService(Settings settings, Clock clock) {
        String issuer = blankToNull(settings.issuer());
        String audience = blankToNull(settings.audience());
        String roleClaim = blankToNull(settings.roleClaim()) == null ? "role" : settings.roleClaim().trim();
        this.keys = new TokenKeys(blankToNull(settings.secret()), blankToNull(settings.jwksUrl()),
                blankToNull(settings.jwksFile()), settings.jwksCache());
        this.verifier = new TokenVerifier(keys, issuer, audience, roleClaim, clock);
        this.contacts = new ContactClaims(() -> directory);
        this.minter = new TokenMinter(keys.signer(), issuer, audience, roleClaim, clock);
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
        keys.close();
    }

    @Override
    public Caller verify(String token) {
        TokenVerifier.Verified verified = verifier.verify(token);
        contacts.remember(verified.caller().userId(), verified.claims());
        return verified.caller();
    }

    @Override
    public String issue(Caller caller, Duration validity) {
        return issue(caller, validity, null, null);
    }

    @Override
    public String issue(Caller caller, Duration validity, String email, String locale) {
        return minter.issue(caller, validity, email, locale);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
