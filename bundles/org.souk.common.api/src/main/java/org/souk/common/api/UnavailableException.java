package org.souk.common.api;

/** A dependency that is not there right now, such as a payment provider that was undeployed. */
public class UnavailableException extends SoukException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(RefusalKind.UNAVAILABLE, message);
    }

    @Override
    public String problemType() {
        return "unavailable";
    }
}
