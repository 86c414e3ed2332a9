package org.souk.provider.sandbox.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.souk.gateway.spi.WebhookRejectedException;

/**
 * Reads the sandbox's webhook events: one flat JSON object whose values are strings, numbers or
 * booleans. Enough for this simulator's own format, so the plugin needs nothing but the gateway API.
 */
final class FlatJson {

    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    static Map<String, String> parse(String text) throws WebhookRejectedException {
        return new FlatJson(text).object();
    }

    private Map<String, String> object() throws WebhookRejectedException {
        Map<String, String> out = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            pos++;
            return end(out);
        }
        while (true) {
            String key = string();
            expect(':');
            out.put(key, value());
            char c = next();
            if (c == '}') {
                return end(out);
            }
            if (c != ',') {
                throw bad("expected , or }");
            }
        }
    }

    private Map<String, String> end(Map<String, String> out) throws WebhookRejectedException {
        skipSpace();
        if (pos != text.length()) {
            throw bad("trailing characters");
        }
        return out;
    }

    private String value() throws WebhookRejectedException {
        char c = peek();
        if (c == '"') {
            return string();
        }
        int start = pos;
        while (pos < text.length() && ",} \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (!literal.matches("-?\\d+(\\.\\d+)?|true|false|null")) {
            throw bad("only flat string, number or boolean values are accepted");
        }
        return "null".equals(literal) ? null : literal;
    }

    private String string() throws WebhookRejectedException {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw bad("bad unicode escape");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw bad("unterminated string");
    }

    private void expect(char c) throws WebhookRejectedException {
        if (next() != c) {
            throw bad("expected " + c);
        }
    }

    private char next() throws WebhookRejectedException {
        skipSpace();
        if (pos >= text.length()) {
            throw bad("unexpected end");
        }
        return text.charAt(pos++);
    }

    private char peek() throws WebhookRejectedException {
        skipSpace();
        if (pos >= text.length()) {
            throw bad("unexpected end");
        }
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private WebhookRejectedException bad(String why) {
        return new WebhookRejectedException("malformed event: " + why + " at " + pos);
    }
}
