package org.souk.common.api;

/** A request that the current state refuses: an illegal transition, a second payment, a lost race. */
public class ConflictException extends SoukException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    /** A lost race: {@code cause} is the optimistic-lock or constraint failure behind it. */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String problemType() {
        return "conflict";
    }
}
