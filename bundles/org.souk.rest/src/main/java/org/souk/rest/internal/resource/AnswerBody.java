package org.souk.rest.internal.resource;

import java.io.UncheckedIOException;

import org.souk.rest.internal.SoukJsonProvider;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * An answer to a request between the two sides of an order, with an optional note for the other side.
 * The body is optional: {@code curl -X POST .../accept} with no body and no content type is an answer too.
 */
public record AnswerBody(String note) {

    /** The note of a body sent as JSON, or null for an empty body; malformed JSON is refused as any body is. */
    public static String note(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            AnswerBody body = SoukJsonProvider.MAPPER.readValue(raw, AnswerBody.class);
            return body == null ? null : body.note();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // answered as malformed-json or validation, naming the field
        }
    }
}
