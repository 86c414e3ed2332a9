package org.souk.rest.internal;

/** An answer to a request between the two sides of an order, with an optional note for the other side. */
public record AnswerBody(String note) {

    static String note(AnswerBody body) {
        return body == null ? null : body.note();
    }
}
