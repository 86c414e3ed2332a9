package org.souk.rest.internal;

import org.souk.common.api.ValidationException;

/** A request body larger than the configured limit: answered 413, naming the body. */
final class BodyTooLargeException extends ValidationException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
        super("body", "must be at most " + limit + " bytes");
    }

    @Override
    public String problemType() {
        return "too-large";
    }
}
