package org.souk.provider.youcanpay.internal;

import org.souk.gateway.spi.HmacSignature;

/**
 * YouCanPay's webhook signature: the {@code X-Youcanpay-Signature} header holds the lowercase hex of
 * HMAC-SHA256 over the exact body bytes, keyed with the merchant's private key.
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

    /** Whether the header signs these exact bytes, compared in constant time. */
    boolean matches(byte[] body, String header) {
        return hmac.matches(body, header);
    }
}
