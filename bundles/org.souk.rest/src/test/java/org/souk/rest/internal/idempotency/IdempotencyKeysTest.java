package org.souk.rest.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.ValidationException;

class IdempotencyKeysTest {

    @Test
    void noHeaderMeansNoKey() {
        assertThat(IdempotencyKeys.key(null)).isNull();
        assertThat(IdempotencyKeys.key(List.of())).isNull();
    }

    @Test
    void printableAsciiUpTo255CharactersIsAKey() {
        assertThat(IdempotencyKeys.key(List.of("a"))).isEqualTo("a");
        assertThat(IdempotencyKeys.key(List.of("order 42: {retry} ~!"))).isEqualTo("order 42: {retry} ~!");
        String longest = "k".repeat(255);
        assertThat(IdempotencyKeys.key(List.of(longest))).isEqualTo(longest);
    }

    @Test
    void anythingElseIsRefusedNamingTheHeader() {
        assertRefused(List.of(""), "must be 1 to 255 characters");
        assertRefused(List.of("k".repeat(256)), "must be 1 to 255 characters");
        assertRefused(List.of("clé"), "must be printable ASCII characters only");
        assertRefused(List.of("tab\there"), "must be printable ASCII characters only");
        assertRefused(List.of("del\u007f"), "must be printable ASCII characters only");
        assertRefused(List.of("one", "two"), "must be given once");
    }

    private static void assertRefused(List<String> values, String reason) {
        assertThatThrownBy(() -> IdempotencyKeys.key(values)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsExactly(new FieldError("Idempotency-Key", reason)));
    }

    @Test
    void aKeyIsStoredPerCaller() {
        String omar = IdempotencyKeys.storageId("omar", "k1");
        assertThat(omar).hasSize(64).isEqualTo(IdempotencyKeys.storageId("omar", "k1"));
        assertThat(IdempotencyKeys.storageId("salma", "k1")).isNotEqualTo(omar);
        assertThat(IdempotencyKeys.storageId("omar", "k2")).isNotEqualTo(omar);
        // The separator keeps caller and key apart: ("ab", "c") is not ("a", "bc").
        assertThat(IdempotencyKeys.storageId("ab", "c")).isNotEqualTo(IdempotencyKeys.storageId("a", "bc"));
    }

    @Test
    void theRequestFingerprintCoversPathAndBody() {
        byte[] body = "{\"gigId\":\"g1\"}".getBytes(StandardCharsets.UTF_8);
        String first = IdempotencyKeys.requestHash("POST orders", body);
        assertThat(first).hasSize(64).isEqualTo(IdempotencyKeys.requestHash("POST orders", body.clone()));
        assertThat(IdempotencyKeys.requestHash("POST orders", "{\"gigId\":\"g2\"}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(first);
        assertThat(IdempotencyKeys.requestHash("POST orders/1/payment", body)).isNotEqualTo(first);
        assertThat(IdempotencyKeys.requestHash("POST orders", new byte[0]))
                .isNotEqualTo(IdempotencyKeys.requestHash("POST orders/1/accept", new byte[0]));
    }
}
