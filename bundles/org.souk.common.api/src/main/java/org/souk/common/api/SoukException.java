package org.souk.common.api;

import java.util.Objects;

/**
 * A refusal that the caller can understand and act on. It carries its {@link RefusalKind}, which decides how
 * it is answered (the HTTP status and headers), and a problem type that names it for the caller; the message
 * is safe to show to the caller.
 */
public abstract class SoukException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RefusalKind kind;

    /** A refusal of kind {@link RefusalKind#REFUSED}. */
    protected SoukException(String message) {
        this(RefusalKind.REFUSED, message, null);
    }

    /** A refusal of kind {@link RefusalKind#REFUSED}. */
    protected SoukException(String message, Throwable cause) {
        this(RefusalKind.REFUSED, message, cause);
    }

    /** @since 1.4 */
    protected SoukException(RefusalKind kind, String message) {
        this(kind, message, null);
    }

    /** @since 1.4 */
    protected SoukException(RefusalKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * What kind of refusal this is: the answer's status and headers depend on it alone.
     *
     * @since 1.4
     */
    public RefusalKind kind() {
        return kind;
    }

    /** Stable short name of the problem, e.g. {@code not-found}. */
    public abstract String problemType();
}
