package org.souk.itests;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs HS256 tokens as the marketplace's identity service would, for tests that run outside the container
 * and cannot use souk:token.
 */
public final class Tokens {

    /**
     * The token secret of the Pax Exam containers (SoukTestSupport writes it into etc/org.souk.auth.cfg). The
     * distribution itself ships none: bin/setenv generates one at the first start.
     */
    public static final String DEVELOPMENT_SECRET = "souk-itests-secret-known-only-to-the-test-containers";

    /** The secret earlier distributions shipped in etc/org.souk.auth.cfg: every node must refuse it. */
    public static final String FORMERLY_SHIPPED_SECRET = "dev-only-souk-secret-change-me-before-production";

    private Tokens() {
    }

    public static String sign(String secret, String subject, String role, long validSeconds) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String claims = "{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"iss\":\"souk\",\"iat\":" + now
                + ",\"exp\":" + (now + validSeconds) + "}";
        String payload = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString(hmac(secret, header + "." + payload));
    }

    public static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
