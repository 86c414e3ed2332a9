package org.souk.common.api;

/** A request that the current state refuses: an illegal transition, a second payment, a lost race. */
public class ConflictException extends SoukException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String problemType() {
        return "conflict";
    }
}
