package org.souk.gateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HmacSignatureTest {

    // A published vector: HMAC-SHA256 of {"foo":"bar"} keyed with "private_key".
    private static final byte[] BODY = "{\"foo\":\"bar\"}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "ceee75263456946bf35b87708bea371708ce0e31f4daf9e8b301c1e53e3e3b06";

    @Test
    void signsTheExactBytesAsLowercaseHex() {
        assertThat(new HmacSignature("private_key").sign(BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void acceptsOnlyTheSignatureOfTheseBytes() {
        HmacSignature hmac = new HmacSignature("private_key");
        assertThat(hmac.matches(BODY, " " + SIGNATURE.toUpperCase() + " ")).isTrue();
        assertThat(hmac.matches("{\"foo\": \"bar\"}".getBytes(StandardCharsets.UTF_8), SIGNATURE)).isFalse();
        assertThat(new HmacSignature("another").matches(BODY, SIGNATURE)).isFalse();
        assertThat(hmac.matches(BODY, "short")).isFalse();
        assertThat(hmac.matches(BODY, null)).isFalse();
        assertThat(hmac.toString()).doesNotContain("private_key");
        assertThatThrownBy(() -> new HmacSignature("")).isInstanceOf(IllegalArgumentException.class);
    }
}
