package org.souk.provider.youcanpay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.souk.gateway.spi.HmacSignature;

/**
 * PHP's {@code json_encode(json_decode($body))}, as YouCanPay's SDK signs it. The expected texts follow PHP's
 * documented defaults: {@code /} as {@code \/}, non-ASCII as lowercase {@code \}{@code uXXXX}, astral characters
 * as surrogate pairs, no spaces.
 */
class PhpJsonTest {

    /** Sent unescaped, as a gateway written in another language might: an Arabic name, a URL, an emoji. */
    private static final String RAW = "{\"id\":\"evt-ar-1\", \"event_name\":\"transaction.paid\",\n"
            + "  \"payload\":{\"customer\":{\"name\":\"يوسف العلمي\",\"note\":\"merci 😀\\nà bientôt\"},"
            + "\"return\":\"https://souk.example/pay/return?x=1\",\"amount\":2000,\"rate\":0.5,\"flag\":true,"
            + "\"none\":null,\"metadata\":{},\"list\":[],\"quote\":\"a\\\"b\\\\c\"}}";
    private static final String PHP = "{\"id\":\"evt-ar-1\",\"event_name\":\"transaction.paid\","
            + "\"payload\":{\"customer\":{\"name\":\"\\u064a\\u0648\\u0633\\u0641 \\u0627\\u0644\\u0639\\u0644\\u0645\\u064a\","
            + "\"note\":\"merci \\ud83d\\ude00\\n\\u00e0 bient\\u00f4t\"},"
            + "\"return\":\"https:\\/\\/souk.example\\/pay\\/return?x=1\",\"amount\":2000,\"rate\":0.5,\"flag\":true,"
            + "\"none\":null,\"metadata\":{},\"list\":[],\"quote\":\"a\\\"b\\\\c\"}}";

    @Test
    void reencodesAsPhpDoes() {
        assertThat(new String(PhpJson.reencode(RAW.getBytes(StandardCharsets.UTF_8), false), StandardCharsets.US_ASCII))
                .isEqualTo(PHP);
        // json_decode($body, true): an empty object becomes an empty array, and so does "0"…"n-1".
        assertThat(new String(PhpJson.reencode(RAW.getBytes(StandardCharsets.UTF_8), true), StandardCharsets.US_ASCII))
                .isEqualTo(PHP.replace("\"metadata\":{}", "\"metadata\":[]"));
        assertThat(new String(PhpJson.reencode("{\"a\":{\"0\":\"x\",\"1\":\"y\"},\"b\":{\"1\":\"x\"}}"
                .getBytes(StandardCharsets.UTF_8), true), StandardCharsets.US_ASCII))
                .isEqualTo("{\"a\":[\"x\",\"y\"],\"b\":{\"1\":\"x\"}}");
        // The same text PHP writes is kept byte for byte.
        assertThat(PhpJson.reencode(PHP.getBytes(StandardCharsets.US_ASCII), false))
                .isEqualTo(PHP.getBytes(StandardCharsets.US_ASCII));
        assertThat(PhpJson.reencode("not json".getBytes(StandardCharsets.UTF_8), false)).isNull();
        assertThat(PhpJson.reencode("{} {}".getBytes(StandardCharsets.UTF_8), false)).isNull();
    }

    @Test
    void numbersAsPhpPrintsThem() {
        assertThat(PhpJson.phpFloat(1.0)).isEqualTo("1.0");
        assertThat(PhpJson.phpFloat(0.1)).isEqualTo("0.1");
        assertThat(PhpJson.phpFloat(-2.5)).isEqualTo("-2.5");
        assertThat(PhpJson.phpFloat(0.0001)).isEqualTo("0.0001");
        assertThat(PhpJson.phpFloat(0.00001)).isEqualTo("1.0e-5");
        assertThat(PhpJson.phpFloat(1e25)).isEqualTo("1.0e+25");
        assertThat(PhpJson.phpFloat(1.5e17)).isEqualTo("1.5e+17");
        assertThat(PhpJson.phpFloat(123456.75)).isEqualTo("123456.75");
        assertThat(new String(PhpJson.reencode("[1.50,2.0,10,-0,12345678901234567890]".getBytes(StandardCharsets.UTF_8),
                false), StandardCharsets.US_ASCII)).isEqualTo("[1.5,2.0,10,0,1.2345678901234567e+19]");
    }

    @Test
    void aSignatureOverEitherTheRawBodyOrPhpsReencodingVerifies() {
        String key = "pri_test_key";
        byte[] raw = RAW.getBytes(StandardCharsets.UTF_8);
        WebhookSignature signature = new WebhookSignature(key);
        HmacSignature hmac = new HmacSignature(key);
        String overPhp = hmac.sign(PHP.getBytes(StandardCharsets.US_ASCII));
        String overArrays = hmac.sign(PHP.replace("\"metadata\":{}", "\"metadata\":[]").getBytes(StandardCharsets.US_ASCII));
        String overRaw = hmac.sign(raw);
        assertThat(overPhp).isNotEqualTo(overRaw);
        assertThat(signature.matches(raw, overRaw)).isTrue();
        assertThat(signature.matches(raw, overPhp)).isTrue();
        assertThat(signature.matches(raw, overArrays)).isTrue();
        // Another key, or another body, is still refused.
        assertThat(new WebhookSignature("another").matches(raw, overPhp)).isFalse();
        byte[] tampered = RAW.replace("2000", "2001").getBytes(StandardCharsets.UTF_8);
        assertThat(signature.matches(tampered, overPhp)).isFalse();
        assertThat(signature.matches(tampered, overRaw)).isFalse();
    }
}
