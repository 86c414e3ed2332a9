package org.souk.message.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.souk.common.api.ValidationException;
import org.souk.message.api.Message;

/** Where a page of a thread ends: the last message's time and id. Given out as opaque base64url text. */
record MessageCursor(Instant sentAt, String id) {

    static final String FIELD = "after";

    private static final int MAX_TEXT = 128;
    private static final Pattern FORM = Pattern.compile("m1:(-?\\d{1,19})\\.(\\d{1,9}):([A-Za-z0-9-]{1,36})");

    static MessageCursor after(Message last) {
        return new MessageCursor(last.sentAt(), last.id());
    }

    String encode() {
        String text = "m1:" + sentAt.getEpochSecond() + "." + sentAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ValidationException naming {@value #FIELD} for anything this class did not encode */
    static MessageCursor decode(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw invalid();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text.trim());
            String plain = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            Matcher m = FORM.matcher(plain);
            if (!m.matches()) {
                throw invalid();
            }
            return new MessageCursor(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))), m.group(3));
        } catch (IllegalArgumentException | CharacterCodingException | DateTimeException | ArithmeticException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return new ValidationException(FIELD, "is not a cursor of this thread: pass the 'next' of the previous page");
    }
}
