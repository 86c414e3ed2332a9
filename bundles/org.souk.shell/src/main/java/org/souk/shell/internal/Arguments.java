package org.souk.shell.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.souk.common.api.ValidationException;

/**
 * Reads the values typed on the console strictly: a name that is not one of the enum's values, or a number
 * outside what the command can show, is refused with the values or the range that would have been
 * accepted, never replaced by a nearby one.
 */
final class Arguments {

    private Arguments() {
    }

    /**
     * The constant named by {@code text} in any case, or null when nothing was typed.
     *
     * @throws ValidationException naming {@code name} and listing the accepted values
     */
    static <E extends Enum<E>> E oneOf(Class<E> type, String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(wanted)) {
                return value;
            }
        }
        throw new ValidationException(name, "'" + text.trim() + "' is not one of " + names(type) + " (in any case)");
    }

    /** The enum's values as the console accepts them: {@code PENDING, PROCESSING, COMPLETED}. */
    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * The value itself when it lies in {@code [min, max]}.
     *
     * @throws ValidationException naming {@code name} and saying the range
     */
    static int within(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(name, "must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    /**
     * The value itself when it is at least {@code min}.
     *
     * @throws ValidationException naming {@code name} and saying the least value
     */
    static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new ValidationException(name, "must be " + min + " or more, not " + value);
        }
        return value;
    }

    /**
     * The instant typed as an ISO instant or date-time with offset ({@code 2026-12-01T10:00:00Z}), or as a
     * date ({@code 2026-12-01}, in UTC): its first instant, or with {@code dayEnd} the first instant of the
     * next day, so that a date given as the end of a range includes that whole day. Null when nothing was typed.
     *
     * @throws ValidationException naming {@code name} and showing both accepted forms
     */
    static Instant instant(String name, String text, boolean dayEnd) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (dayEnd ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new ValidationException(name, "'" + value + "' is neither a date (2026-12-01, UTC) nor an instant "
                    + "(2026-12-01T10:00:00Z)");
        }
    }

    /** The text trimmed, or null when nothing (or only blanks) was typed. */
    static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
