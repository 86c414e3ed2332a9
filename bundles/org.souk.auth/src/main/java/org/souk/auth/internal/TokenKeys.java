package org.souk.auth.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Key;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The keys tokens are checked and signed with: the HS256 shared secret (which also signs the tokens minted
 * here) and the identity service's RS256/ES256 public keys from a JWKS URL or file. An algorithm is only ever
 * checked with keys of its own kind, so an HS256 token "signed" with a public key is refused.
 */
final class TokenKeys implements Closeable {

    /** The secret earlier distributions printed in etc/org.souk.auth.cfg: public knowledge, never accepted. */
    static final String FORMERLY_SHIPPED_SECRET = "dev-only-souk-secret-change-me-before-production";
    private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** Logs under the service's name, where operators look for the token configuration's warnings. */
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenService.class);
    private static final String PID = JwtTokenService.PID;

    private final MACSigner signer;
    private final JWKSource<SecurityContext> publicKeys;
    private final List<JWSKeySelector<SecurityContext>> selectors = new ArrayList<>();

    /** @param secret the HS256 secret, or null; url and file the JWKS's place, at most one of them, or null */
    TokenKeys(String secret, String url, String file, Duration cache) {
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

        this.publicKeys = publicKeys(url, file, cache);
        if (publicKeys != null) {
            selectors.add(new JWSVerificationKeySelector<>(PUBLIC_KEY_ALGORITHMS, publicKeys));
        }
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException(PID + " needs '.secret' (HS256), 'jwks.url' or 'jwks.file' (RS256, ES256)");
        }
    }

    /** The signer of minted tokens, or null when no secret is configured. */
    MACSigner signer() {
        return signer;
    }

    /** Each selector answers only for its own algorithms: HS256 gets the secret, RS256/ES256 the JWKS keys. */
    JWSKeySelector<SecurityContext> selector() {
        return (header, context) -> {
            List<Key> keys = new ArrayList<>();
            for (JWSKeySelector<SecurityContext> selector : selectors) {
                keys.addAll(selector.selectJWSKeys(header, context));
            }
            return keys;
        };
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

    /** Stops the JWKS URL's cache, if there is one. */
    @Override
    public void close() {
        if (publicKeys instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.debug("closing the JWKS source failed", e);
            }
        }
    }

    static boolean isLoopback(String host) {
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host) || "::1".equals(host);
    }
}
