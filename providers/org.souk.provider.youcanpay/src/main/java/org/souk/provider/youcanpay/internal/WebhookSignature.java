package org.souk.provider.youcanpay.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * YouCanPay's webhook signature: the {@code X-Youcanpay-Signature} header holds the lowercase hex of
 * HMAC-SHA256 over the exact body bytes, keyed with the merchant's private key.
 */
final class WebhookSignature {

    static final String HEADER = "X-Youcanpay-Signature";

    private final SecretKeySpec key;

    WebhookSignature(String privateKey) {
        this.key = new SecretKeySpec(privateKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The signature YouCanPay would send with this body. */
    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether the header signs these exact bytes; the comparison takes the same time wherever they differ. */
    boolean matches(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return false;
        }
        byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
