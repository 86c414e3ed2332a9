package org.souk.common.api;

/** A request without valid credentials: a missing or bad token, a webhook with a bad signature. */
public class UnauthorizedException extends SoukException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(RefusalKind.UNAUTHORIZED, message);
    }

    @Override
    public String problemType() {
        return "unauthorized";
    }
}
