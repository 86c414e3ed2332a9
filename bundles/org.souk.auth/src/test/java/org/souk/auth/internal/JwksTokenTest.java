package org.souk.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.common.api.UnauthorizedException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;

/** RS256 and ES256 tokens checked against the identity service's public keys (JWKS file or URL). */
class JwksTokenTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String ISSUER = "https://id.example.com";
    private static final String AUDIENCE = "souk-api";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final RSAKey rsa = generateRsa("rsa-1");
    private final ECKey ec = generateEc("ec-1");
    private HttpServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void acceptsRs256AndEs256TokensSignedWithTheFilesKeys() throws Exception {
        JwtTokenService tokens = fromFile(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())), SECRET);

        assertThat(tokens.verify(rs256(rsa, b -> b.subject("rs-user").claim("role", "freelancer"))))
                .isEqualTo(new Caller("rs-user", Role.FREELANCER));
        assertThat(tokens.verify(es256(ec, b -> b.subject("ec-user")))).isEqualTo(new Caller("ec-user", Role.CLIENT));
        // HS256 with the shared secret still works beside them.
        assertThat(tokens.verify(TestTokens.hs256(SECRET, clock, b -> b.issuer(ISSUER).audience(AUDIENCE))).userId()).isEqualTo("u-1");
    }

    @Test
    void refusesTokensSignedWithOtherKeysWrongClaimsOrNoSignature() throws Exception {
        JwtTokenService tokens = fromFile(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())), null);

        RSAKey impostor = generateRsa("rsa-1"); // same key id, another key
        assertThatThrownBy(() -> tokens.verify(rs256(impostor, b -> { }))).isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify(rs256(rsa, b -> b.expirationTime(Date.from(clock.instant().minusSeconds(120))))))
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.verify(rs256(rsa, b -> b.notBeforeTime(Date.from(clock.instant().plusSeconds(300))))))
                .hasMessageContaining("nbf");
        assertThatThrownBy(() -> tokens.verify(rs256(rsa, b -> b.audience("another-api"))))
                .hasMessageContaining("audience");
        assertThatThrownBy(() -> tokens.verify(rs256(rsa, b -> b.audience((String) null))))
                .hasMessageContaining("aud");
        assertThatThrownBy(() -> tokens.verify(rs256(rsa, b -> b.issuer("https://evil.example.com"))))
                .hasMessageContaining("issued by someone else");
        // An RS256 header naming the EC key's id finds no RSA key under it.
        assertThatThrownBy(() -> tokens.verify(TestTokens.sign(new RSASSASigner(rsa),
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ec-1").build(), clock, claims())))
                .isInstanceOf(UnauthorizedException.class);
        // alg=none, with claims that would otherwise pass.
        String payload = rs256(rsa, b -> { }).split("\\.")[1];
        String none = b64("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + "." + payload + ".";
        assertThatThrownBy(() -> tokens.verify(none)).isInstanceOf(UnauthorizedException.class).hasMessageContaining("not signed");
        // RS512 is not an accepted algorithm even with the right key.
        assertThatThrownBy(() -> tokens.verify(TestTokens.sign(new RSASSASigner(rsa),
                new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").build(), clock, claims())))
                .isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void refusesAnHs256TokenSignedWithThePublicKeyAsSecret() throws Exception {
        byte[] publicKey = rsa.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey) + "\n-----END PUBLIC KEY-----\n";
        for (String secret : new String[] {SECRET, null}) {
            JwtTokenService tokens = fromFile(new JWKSet(rsa.toPublicJWK()), secret);
            for (byte[] key : List.of(publicKey, pem.getBytes(StandardCharsets.US_ASCII),
                    rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))) {
                String confused = TestTokens.sign(new MACSigner(key), new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                        clock, claims());
                assertThatThrownBy(() -> tokens.verify(confused)).isInstanceOf(UnauthorizedException.class)
                        .hasMessageContaining("signature");
            }
        }
    }

    @Test
    void ignoresSymmetricKeysPublishedInTheJwks() throws Exception {
        OctetSequenceKey published = new OctetSequenceKeyGenerator(256).keyID("sym").generate();
        JwtTokenService tokens = fromFile(new JWKSet(List.<JWK>of(rsa.toPublicJWK(), published)), SECRET);
        String signedWithIt = TestTokens.sign(new MACSigner(published), new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("sym").build(),
                clock, claims());
        assertThatThrownBy(() -> tokens.verify(signedWithIt)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void fetchesTheKeysOnceAndAgainOnlyForAnUnknownKeyId() throws Exception {
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(rsa.toPublicJWK()));
        AtomicInteger fetches = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort() + "/jwks.json";
        JwtTokenService tokens = new JwtTokenService(JwtTokenService.Settings.hs256(null, ISSUER).withAudience(AUDIENCE).withJwksUrl(url), clock);

        assertThat(tokens.verify(rs256(rsa, b -> b.subject("first"))).userId()).isEqualTo("first");
        assertThat(tokens.verify(rs256(rsa, b -> b.subject("second"))).userId()).isEqualTo("second");
        assertThat(fetches).hasValue(1); // cached

        // The identity service rotates: it signs with a new key that Souk has not seen yet.
        ECKey rotated = generateEc("ec-2");
        published.set(new JWKSet(List.of(rsa.toPublicJWK(), rotated.toPublicJWK())));
        assertThat(tokens.verify(es256(rotated, b -> b.subject("after-rotation"))).userId()).isEqualTo("after-rotation");
        assertThat(fetches).hasValue(2);
        assertThat(tokens.verify(rs256(rsa, b -> { })).userId()).isEqualTo("u-1");
        assertThat(fetches).hasValue(2);

        // Made-up key ids cannot make Souk fetch the set over and over.
        for (int i = 0; i < 5; i++) {
            String unknown = rs256(generateRsa("made-up-" + i), b -> { });
            assertThatThrownBy(() -> tokens.verify(unknown)).isInstanceOf(UnauthorizedException.class);
        }
        assertThat(fetches.get()).isLessThanOrEqualTo(3);
        tokens.close();
    }

    @Test
    void refusesAnUnreadableJwksFileAndBothSources() throws IOException {
        assertThatThrownBy(() -> new JwtTokenService(JwtTokenService.Settings.hs256(null, ISSUER)
                .withJwksFile(dir.resolve("missing.json").toString()), clock)).hasMessageContaining("jwks.file");
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(rsa.toPublicJWK()).toString());
        assertThatThrownBy(() -> new JwtTokenService(JwtTokenService.Settings.hs256(null, ISSUER)
                .withJwksFile(file.toString()).withJwksUrl("https://id.example.com/jwks"), clock)).hasMessageContaining("not both");
    }

    private JwtTokenService fromFile(JWKSet keys, String secret) throws IOException {
        Path file = dir.resolve("jwks-" + System.nanoTime() + ".json");
        Files.writeString(file, keys.toString(false));
        return new JwtTokenService(JwtTokenService.Settings.hs256(secret, ISSUER).withAudience(AUDIENCE).withJwksFile(file.toString()), clock);
    }

    private java.util.function.Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> claims() {
        return b -> b.issuer(ISSUER).audience(AUDIENCE);
    }

    private String rs256(RSAKey key, java.util.function.Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> change) {
        try {
            return TestTokens.sign(new RSASSASigner(key), new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    clock, claims().andThen(change));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String es256(ECKey key, java.util.function.Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> change) {
        try {
            return TestTokens.sign(new ECDSASigner(key), new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    clock, claims().andThen(change));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RSAKey generateRsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
