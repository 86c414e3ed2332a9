package org.souk.rest.internal.resource;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /**
     * An ISO instant or date-time with offset ({@code 2026-12-01T10:00:00Z}), or a date ({@code 2026-12-01},
     * UTC): its first instant, or with {@code dayEnd} the first instant of the next day, so that a date ending a
     * range includes that whole day. Null when absent.
     */
    public static Instant instant(String value, String name, boolean dayEnd) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (dayEnd ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new ValidationException(name, "must be a date (2026-12-01, UTC) or an instant (2026-12-01T10:00:00Z)");
        }
    }

    /** The value trimmed, or null when absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
