package org.souk.common.api;

/** A caller whose role does not allow the request. */
public class ForbiddenException extends SoukException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public String problemType() {
        return "forbidden";
    }
}
