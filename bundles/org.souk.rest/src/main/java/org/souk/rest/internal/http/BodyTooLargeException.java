package org.souk.rest.internal.http;

import java.util.List;

import org.souk.common.api.FieldError;
import org.souk.common.api.RefusalKind;
import org.souk.common.api.ValidationException;

/** A request body larger than the configured limit: answered 413, naming the body. */
public final class BodyTooLargeException extends ValidationException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        super(RefusalKind.TOO_LARGE, List.of(new FieldError("body", "must be at most " + limit + " bytes")));
    }

    @Override
    public String problemType() {
        return "too-large";
    }
}
