package org.souk.common.api;

import java.util.Objects;

/**
 * A thing that does not exist, or that the caller may not see. Its problem type is {@code not-found}, or a
 * more specific one (see {@link #typed}).
 */
public class NotFoundException extends SoukException {

    private static final long serialVersionUID = 1L;

    private final String type;

    public NotFoundException(String message) {
        this("not-found", message);
    }

    private NotFoundException(String problemType, String message) {
        super(RefusalKind.NOT_FOUND, message);
        this.type = Objects.requireNonNull(problemType, "problemType");
    }

    /**
     * A missing thing whose problem type names it, such as {@code no-review}; still not found (HTTP 404)
     * for anyone who only knows this class.
     */
    public static NotFoundException typed(String problemType, String message) {
        return new NotFoundException(problemType, message);
    }

    @Override
    public String problemType() {
        return type;
    }
}
