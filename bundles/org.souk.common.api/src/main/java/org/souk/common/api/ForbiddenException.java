package org.souk.common.api;

import java.util.Objects;

/**
 * A caller whose role or part does not allow the request. Its problem type is {@code forbidden}, or a more
 * specific one that says why (see {@link #typed}).
 */
public class ForbiddenException extends SoukException {

    private static final long serialVersionUID = 1L;

    private final String type;

    public ForbiddenException(String message) {
        this("forbidden", message);
    }

    private ForbiddenException(String problemType, String message) {
        super(RefusalKind.FORBIDDEN, message);
        this.type = Objects.requireNonNull(problemType, "problemType");
    }

    /**
     * A refusal whose problem type tells the caller why, such as {@code not-the-client}; it is still
     * forbidden (HTTP 403) for anyone who only knows this class.
     */
    public static ForbiddenException typed(String problemType, String message) {
        return new ForbiddenException(problemType, message);
    }

    @Override
    public String problemType() {
        return type;
    }
}
