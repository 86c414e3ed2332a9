package org.souk.rest.internal.resource;

import java.util.Locale;

import org.souk.common.api.ValidationException;

/** Query parameters read by hand, so that a bad one is a clear 400 rather than JAX-RS's bare 404. */
public final class Params {

    public static final int DEFAULT_LIMIT = 20;

    private Params() {
    }

    public static int integer(String value, String name, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new ValidationException(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "must be a whole number");
        }
    }

    /** {@code true} or {@code false}, as the API description types it; anything else is a 400 naming it. */
    public static boolean bool(String value, String name, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ValidationException(name, "must be true or false");
        };
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
