package org.souk.order.internal;

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
import org.souk.order.api.OrderSummary;

/**
 * Where a page of an order history ends: the last order's time placed and id, the order the list is sorted
 * by. Given out as opaque base64url text; clients only hand it back.
 */
record OrderCursor(Instant placedAt, String id) {

    /** The query parameter a cursor comes back in. */
    static final String FIELD = "after";

    private static final int MAX_TEXT = 128;
    private static final Pattern FORM = Pattern.compile("o1:(-?\\d{1,19})\\.(\\d{1,9}):([A-Za-z0-9-]{1,36})");

    OrderCursor {
        if (placedAt == null || id == null) {
            throw new IllegalArgumentException("a cursor needs a time and an id");
        }
    }

    static OrderCursor after(OrderSummary last) {
        return new OrderCursor(last.placedAt(), last.id());
    }

    String encode() {
        String text = "o1:" + placedAt.getEpochSecond() + "." + placedAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ValidationException naming {@value #FIELD} for anything this class did not encode */
    static OrderCursor decode(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw invalid("is too long");
        }
        String plain;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text.trim());
            plain = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid("is not a cursor of this list");
        }
        Matcher m = FORM.matcher(plain);
        if (!m.matches()) {
            throw invalid("is not a cursor of this list");
        }
        try {
            return new OrderCursor(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))), m.group(3));
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            throw invalid("is not a cursor of this list");
        }
    }

    private static ValidationException invalid(String reason) {
        return new ValidationException(FIELD, reason + ": pass the 'next' of the previous page");
    }
}
