package org.souk.message.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.ValidationException;
import org.souk.persistence.KeysetCursor;

/** A thread's cursors: its prefix and wording on the shared keyset cursor (KeysetCursorTest). */
class ThreadCursorTest {

    @Test
    void aCursorComesBackAsItWasGiven() {
        KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-11-28T21:00:00.123456789Z"),
                "0b0e3c4e-8f7a-4a55-9a53-2f4f7f1f9b10");
        assertThat(JpaMessageService.CURSORS.decode(JpaMessageService.CURSORS.encode(cursor))).isEqualTo(cursor);
    }

    @Test
    void anythingElseIsRefusedNamingAfter() {
        String foreign = Base64.getUrlEncoder().encodeToString("o1:1.0:abc".getBytes());
        for (String bad : new String[] {"", "!!!", foreign, "x".repeat(200)}) {
            ValidationException e = catchThrowableOfType(() -> JpaMessageService.CURSORS.decode(bad),
                    ValidationException.class);
            assertThat(e).as(bad).isNotNull();
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("after");
            assertThat(e.errors()).extracting(FieldError::reason).as(bad)
                    .containsExactly("is not a cursor of this thread: pass the 'next' of the previous page");
        }
    }
}
