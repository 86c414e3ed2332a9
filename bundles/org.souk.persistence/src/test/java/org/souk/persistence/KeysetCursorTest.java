package org.souk.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.souk.common.api.ValidationException;

class KeysetCursorTest {

    private static final String ID = "0b7f3c1e-58a4-4f0e-9d51-3a2b6c7d8e9f";
    private static final KeysetCursor.Format LIST = KeysetCursor.format("o1", why -> switch (why) {
        case EMPTY -> "is empty";
        case TOO_LONG -> "is too long";
        case FOREIGN -> "is not a cursor of this list";
    });

    @Test
    void aCursorComesBackAsTheTimeAndIdItWasMadeOf() {
        Instant at = Instant.parse("2025-03-01T10:15:30.123456789Z");
        String text = LIST.encode(new KeysetCursor(at, ID));

        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(LIST.decode(text)).isEqualTo(new KeysetCursor(at, ID));
    }

    @Test
    void timesBeforeTheEpochAndWholeSecondsSurviveTheTrip() {
        for (Instant at : List.of(Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2025-01-01T00:00:00Z"))) {
            assertThat(LIST.decode(LIST.encode(new KeysetCursor(at, "a"))).at()).isEqualTo(at);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "not base64!", "bzE6MTIzOg", "%%%", "eyJpZCI6MX0" })
    void anythingElseIsABadRequestNamingAfter(String text) {
        assertThatThrownBy(() -> LIST.decode(text)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("after")));
    }

    @Test
    void aWellEncodedCursorWithAForgedBodyIsRefused() {
        for (String body : List.of("o1:1.2:" + ID + "' OR 1=1", "o1:1.1234567890:" + ID, "o2:1.2:" + ID,
                "o1:99999999999999999999.0:" + ID, "o1:1.2:" + "x".repeat(37), "o1:31556889864403200.0:a")) {
            assertThatThrownBy(() -> LIST.decode(encoded(body))).as(body).isInstanceOf(ValidationException.class);
        }
        byte[] notUtf8 = { (byte) 0xC3, (byte) 0x28 };
        assertThatThrownBy(() -> LIST.decode(Base64.getUrlEncoder().encodeToString(notUtf8)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> LIST.decode("A".repeat(200))).isInstanceOf(ValidationException.class);
    }

    @Test
    void anotherListsCursorIsRefused() {
        KeysetCursor.Format thread = KeysetCursor.format("m1", why -> "is not a cursor of this thread");
        String threadCursor = thread.encode(new KeysetCursor(Instant.parse("2025-03-01T10:00:00Z"), ID));

        assertThatThrownBy(() -> LIST.decode(threadCursor)).isInstanceOf(ValidationException.class);
        assertThat(thread.decode(threadCursor).id()).isEqualTo(ID);
    }

    @Test
    void eachRefusalIsWordedByTheListAndToldWhatToPass() {
        assertThat(message(() -> LIST.decode(" "))).isEqualTo("is empty: pass the 'next' of the previous page");
        assertThat(message(() -> LIST.decode("A".repeat(129))))
                .isEqualTo("is too long: pass the 'next' of the previous page");
        assertThat(message(() -> LIST.decode(encoded("o2:1.2:a"))))
                .isEqualTo("is not a cursor of this list: pass the 'next' of the previous page");
        assertThat(message(() -> LIST.decode("%%%")))
                .isEqualTo("is not a cursor of this list: pass the 'next' of the previous page");
    }

    @Test
    void aCursorNeedsATimeAnIdAndAPlainPrefix() {
        assertThatThrownBy(() -> new KeysetCursor(null, ID)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeysetCursor(Instant.EPOCH, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeysetCursor.format("o.1", why -> "x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encoded(String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String message(Runnable decode) {
        try {
            decode.run();
        } catch (ValidationException e) {
            return e.errors().get(0).reason();
        }
        throw new AssertionError("not refused");
    }
}
