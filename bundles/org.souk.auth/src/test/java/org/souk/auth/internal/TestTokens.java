package org.souk.auth.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs tokens as an identity service would: valid claims for user u-1 (client), then the test's changes. */
final class TestTokens {

    private TestTokens() {
    }

    static JWTClaimsSet.Builder claims(Clock clock) {
        return new JWTClaimsSet.Builder()
                .subject("u-1")
                .claim("role", "client")
                .issuer("souk")
                .issueTime(Date.from(clock.instant()))
                .expirationTime(Date.from(clock.instant().plusSeconds(3600)));
    }

    static String hs256(String secret, Clock clock, Consumer<JWTClaimsSet.Builder> change) {
        try {
            return sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), new JWSHeader(JWSAlgorithm.HS256), clock, change);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(JWSSigner signer, JWSHeader header, Clock clock, Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder builder = claims(clock);
        change.accept(builder);
        SignedJWT jwt = new SignedJWT(header, builder.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
