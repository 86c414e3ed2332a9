package org.souk.common.api;

/** A thing that does not exist, or that the caller may not see. */
public class NotFoundException extends SoukException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String problemType() {
        return "not-found";
    }
}
