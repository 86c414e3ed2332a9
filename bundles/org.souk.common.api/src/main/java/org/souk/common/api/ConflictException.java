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
        super(message);
        this.type = "conflict";
    }

    /** A lost race: {@code cause} is the optimistic-lock or constraint failure behind it. */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
        this.type = "conflict";
    }

    private ConflictException(String problemType, String message, Throwable cause) {
        super(message, cause);
        this.type = Objects.requireNonNull(problemType, "problemType");
    }

    /**
     * A conflict whose problem type tells the caller why, such as {@code already-reviewed}; it is still a
     * conflict (HTTP 409) for anyone who only knows this class.
     */
    public static ConflictException typed(String problemType, String message) {
        return new ConflictException(problemType, message, null);
    }

    /** As {@link #typed(String, String)}, for a lost race whose cause is the constraint failure behind it. */
    public static ConflictException typed(String problemType, String message, Throwable cause) {
        return new ConflictException(problemType, message, cause);
    }

    @Override
    public String problemType() {
        return type;
    }
}
