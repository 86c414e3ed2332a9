package org.souk.provider.youcanpay.internal;

import org.souk.gateway.spi.HmacSignature;

/**
 * YouCanPay's webhook signature: the {@code X-Youcanpay-Signature} header holds the lowercase hex of
 * HMAC-SHA256 keyed with the merchant's private key, over the body. YouCanPay's PHP SDK computes it over
 * PHP's re-encoding of the body ({@code json_encode(json_decode($body))}: escaped slashes, {@code \}{@code uXXXX} for
 * anything outside ASCII), not over the bytes sent, so both are accepted: a body whose customer name is in
 * Arabic, sent unescaped, still verifies (see {@link PhpJson}).
 */
final class WebhookSignature {

    static final String HEADER = "X-Youcanpay-Signature";

    private final HmacSignature hmac;

    WebhookSignature(String privateKey) {
        this.hmac = new HmacSignature(privateKey);
    }

    /** The signature YouCanPay would send with this body. */
    String sign(byte[] body) {
        return hmac.sign(body);
    }

    /**
     * Whether the header signs these exact bytes, or PHP's re-encoding of them (with objects, or with arrays as
     * {@code json_decode($body, true)} gives), each compared in constant time.
     */
    boolean matches(byte[] body, String header) {
        if (hmac.matches(body, header)) {
            return true;
        }
        byte[] objects = PhpJson.reencode(body, false);
        if (objects == null) {
            return false;
        }
        if (!java.util.Arrays.equals(objects, body) && hmac.matches(objects, header)) {
            return true;
        }
        byte[] arrays = PhpJson.reencode(body, true);
        return arrays != null && !java.util.Arrays.equals(arrays, objects) && hmac.matches(arrays, header);
    }
}
