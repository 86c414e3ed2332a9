package org.souk.notification.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The properties of a cause as one line of text per property, {@code key=t:value} with {@code t} the value's
 * type ({@code s} string, {@code i} integer, {@code l} long, {@code b} boolean); backslashes and line breaks
 * escaped. Pure.
 */
final class Payload {

    private Payload() {
    }

    static String encode(Map<String, ?> properties) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, ?> e : new TreeMap<String, Object>(properties).entrySet()) {
            Object v = e.getValue();
            if (v == null || e.getKey() == null) {
                continue;
            }
            char type = v instanceof Integer ? 'i' : v instanceof Long ? 'l' : v instanceof Boolean ? 'b' : 's';
            out.append(escape(e.getKey())).append('=').append(type).append(':').append(escape(String.valueOf(v))).append('\n');
        }
        return out.toString();
    }

    static Map<String, Object> decode(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0 || line.length() < eq + 3) {
                continue;
            }
            String key = unescape(line.substring(0, eq));
            String value = unescape(line.substring(eq + 3));
            out.put(key, switch (line.charAt(eq + 1)) {
                case 'i' -> Integer.valueOf(value);
                case 'l' -> Long.valueOf(value);
                case 'b' -> Boolean.valueOf(value);
                default -> value;
            });
        }
        return out;
    }

    /** The same properties, every value as text: what channels and templates see. */
    static Map<String, String> asText(Map<String, Object> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("=", "\\e");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 'e' -> '=';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
