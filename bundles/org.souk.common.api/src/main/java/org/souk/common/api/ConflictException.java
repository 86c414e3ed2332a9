package org.souk.common.api;

import java.util.Objects;

/**
 * A request that the current state refuses: an illegal transition, a second payment, a lost race. Its
 * problem type is {@code conflict}, or a more specific one that says why (see {@link #typed}).
 */
public class ConflictException extends SoukException {

    private static final long serialVersionUID = 1L;

    private final String type;

    public ConflictException(String message) {
        super(RefusalKind.CONFLICT, message);
        this.type = "conflict";
    }

    /** A lost race: {@code cause} is the optimistic-lock or constraint failure behind it. */
    public ConflictException(String message, Throwable cause) {
        super(RefusalKind.CONFLICT, message, cause);
        this.type = "conflict";
    }

    private ConflictException(RefusalKind kind, String problemType, String message, Throwable cause) {
        super(kind, message, cause);
        this.type = Objects.requireNonNull(problemType, "problemType");
    }

    /**
     * A conflict whose problem type tells the caller why, such as {@code already-reviewed}; it is still a
     * conflict (HTTP 409) for anyone who only knows this class.
     */
    public static ConflictException typed(String problemType, String message) {
        return new ConflictException(RefusalKind.CONFLICT, problemType, message, null);
    }

    /** As {@link #typed(String, String)}, for a lost race whose cause is the constraint failure behind it. */
    public static ConflictException typed(String problemType, String message, Throwable cause) {
        return new ConflictException(RefusalKind.CONFLICT, problemType, message, cause);
    }

    /**
     * A conflict with a condition the caller set, such as the version named in {@code If-Match}: of kind
     * {@link RefusalKind#PRECONDITION_FAILED} (HTTP 412), still a conflict for anyone who only knows this class.
     *
     * @since 1.4
     */
    public static ConflictException preconditionFailed(String problemType, String message) {
        return preconditionFailed(problemType, message, null);
    }

    /**
     * As {@link #preconditionFailed(String, String)}, for a lost race whose cause is the failure behind it.
     *
     * @since 1.4
     */
    public static ConflictException preconditionFailed(String problemType, String message, Throwable cause) {
        return new ConflictException(RefusalKind.PRECONDITION_FAILED, problemType, message, cause);
    }

    @Override
    public String problemType() {
        return type;
    }
}
