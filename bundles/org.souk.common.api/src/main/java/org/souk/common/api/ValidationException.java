package org.souk.common.api;

import java.util.ArrayList;
import java.util.List;

/** Input that breaks a rule; names every offending field. */
public class ValidationException extends SoukException {

    private static final long serialVersionUID = 1L;

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        this(RefusalKind.INVALID, errors);
    }

    public ValidationException(String field, String reason) {
        this(List.of(new FieldError(field, reason)));
    }

    /**
     * Input refused for a kind of reason of its own, such as a body that is too large, still naming the
     * offending fields.
     *
     * @since 1.4
     */
    protected ValidationException(RefusalKind kind, List<FieldError> errors) {
        super(kind, summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String problemType() {
        return "validation";
    }

    private static String summary(List<FieldError> errors) {
        List<String> parts = new ArrayList<>();
        for (FieldError e : errors) {
            parts.add(e.field() + ": " + e.reason());
        }
        return "Invalid request: " + String.join("; ", parts);
    }

    /** Collects field errors and throws them together. */
    public static final class Collector {
        private final List<FieldError> errors = new ArrayList<>();

        public Collector add(String field, String reason) {
            errors.add(new FieldError(field, reason));
            return this;
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
    }
}
