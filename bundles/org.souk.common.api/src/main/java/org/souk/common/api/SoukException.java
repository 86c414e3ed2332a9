package org.souk.common.api;

/**
 * A refusal that the caller can understand and act on. Each subtype maps to one HTTP status and one
 * problem type; the message is safe to show to the caller.
 */
public abstract class SoukException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected SoukException(String message) {
        super(message);
    }

    protected SoukException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Stable short name of the problem, e.g. {@code not-found}. */
    public abstract String problemType();
}
