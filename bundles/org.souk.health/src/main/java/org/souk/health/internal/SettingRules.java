package org.souk.health.internal;

import java.lang.reflect.Array;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a configured value fits its metatype attribute: its type (a number that reads as one, a boolean
 * that says true or false, not one that Declarative Services would quietly turn into 0 or false), one of its
 * options when it has some, and a positive ISO-8601 duration when the attribute's default is a duration (the
 * windows, polls and back-offs of Souk). A pure function: the configuration guard applies it.
 */
final class SettingRules {

    /** The attribute types of the metatype specification (AttributeDefinition), the ones Souk uses. */
    static final int STRING = 1;
    static final int LONG = 2;
    static final int INTEGER = 3;
    static final int SHORT = 4;
    static final int CHARACTER = 5;
    static final int BYTE = 6;
    static final int DOUBLE = 7;
    static final int FLOAT = 8;
    static final int BOOLEAN = 11;
    static final int PASSWORD = 12;

    private static final String AT_LEAST_ONE_SECOND = "at least one second";

    private SettingRules() {
    }

    /**
     * One attribute as its metatype describes it.
     *
     * @param options the values allowed, or empty for any
     * @param defaultValue the attribute's default, or null
     */
    record Setting(String id, int type, List<String> options, String defaultValue, String description) {

        Setting {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** A duration: its default is one (PT24H, P3D), whatever its declared type (a string). */
        boolean isDuration() {
            return type == STRING && defaultValue != null && duration(defaultValue) != null;
        }

        /** Secret values are never repeated in a log line or in the health report. */
        boolean isSecret() {
            return type == PASSWORD || id.startsWith(".");
        }
    }

    /** Why the value does not fit, or null when it does. */
    static String refusal(Setting setting, Object value) {
        for (Object one : values(value)) {
            String why = refusalOfOne(setting, one);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private static String refusalOfOne(Setting setting, Object value) {
        String text = String.valueOf(value).trim();
        String why = switch (setting.type()) {
            case LONG -> value instanceof Long || parses(() -> Long.parseLong(text)) ? null : "not a whole number";
            case INTEGER -> value instanceof Integer || parses(() -> Integer.parseInt(text)) ? null : "not a whole number within ±2147483647";
            case SHORT -> value instanceof Short || parses(() -> Short.parseShort(text)) ? null : "not a whole number within ±32767";
            case BYTE -> value instanceof Byte || parses(() -> Byte.parseByte(text)) ? null : "not a whole number within ±127";
            case DOUBLE, FLOAT -> value instanceof Number || parses(() -> Double.parseDouble(text)) ? null : "not a number";
            case BOOLEAN -> value instanceof Boolean || text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                    ? null : "not true or false";
            case CHARACTER -> text.length() == 1 ? null : "not a single character";
            default -> null;
        };
        if (why != null) {
            return why;
        }
        // The components read their options regardless of case (mode = LIVE is live).
        if (!setting.options().isEmpty() && setting.options().stream().noneMatch(text::equalsIgnoreCase)) {
            return "not one of " + String.join(", ", setting.options());
        }
        if (setting.isDuration()) {
            Duration d = duration(String.valueOf(value)); // as the component parses it: untrimmed
            if (d == null) {
                return "not an ISO-8601 duration (such as PT30M, PT24H or P3D)";
            }
            if (d.isNegative() || d.isZero()) {
                return "not a positive duration";
            }
            if (setting.description() != null && setting.description().contains(AT_LEAST_ONE_SECOND)
                    && d.compareTo(Duration.ofSeconds(1)) < 0) {
                return "shorter than one second";
            }
        }
        return null;
    }

    static Duration duration(String text) {
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The elements of a multi-valued setting (an array or a collection), or the value itself. */
    private static List<Object> values(Object value) {
        List<Object> all = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            all.addAll(c);
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                all.add(Array.get(value, i));
            }
        } else {
            all.add(value);
        }
        return all;
    }
}
