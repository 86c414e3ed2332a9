package org.souk.message.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.ValidationException;

class MessageCursorTest {

    @Test
    void aCursorComesBackAsItWasGiven() {
        MessageCursor cursor = new MessageCursor(Instant.parse("2026-11-28T21:00:00.123456789Z"),
                "0b0e3c4e-8f7a-4a55-9a53-2f4f7f1f9b10");
        assertThat(MessageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void anythingElseIsRefusedNamingAfter() {
        String foreign = Base64.getUrlEncoder().encodeToString("o1:1.0:abc".getBytes());
        for (String bad : new String[] {"", "!!!", foreign, "x".repeat(200)}) {
            ValidationException e = catchThrowableOfType(() -> MessageCursor.decode(bad), ValidationException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("after");
        }
    }
}
