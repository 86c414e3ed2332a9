package org.souk.provider.youcanpay.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON body as PHP re-encodes it with {@code json_encode(json_decode($body))} under its default flags,
 * which is what YouCanPay's PHP SDK signs: no spaces; {@code /} escaped as {@code \/}; every character
 * outside ASCII as {@code \}{@code uXXXX} in lowercase hex, a character beyond the BMP as its UTF-16
 * surrogate pair; control characters as {@code \b \f \n \r \t} or {@code \}{@code u00XX}; integers as
 * integers, other numbers as PHP prints a float ({@code 1.0}, {@code 0.0001}, {@code 1.0e-5}); key order
 * kept, a repeated key's last value in its first place.
 *
 * <p>{@code json_decode($body, true)} (arrays instead of objects) differs only where an object is empty or
 * its keys are exactly {@code "0"…"n-1"}: PHP then writes a list. {@link #reencode(byte[], boolean)} gives
 * either.
 */
final class PhpJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PhpJson() {
    }

    /** PHP's re-encoding of a JSON body, or null if the body is no JSON PHP would decode. */
    static byte[] reencode(byte[] body, boolean assoc) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (tree == null || tree.isMissingNode()) {
            return null;
        }
        StringBuilder out = new StringBuilder(body.length + 64);
        write(tree, assoc, out);
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(JsonNode node, boolean assoc, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                if (assoc && isList(node)) {
                    writeArray(node.elements(), assoc, out);
                    return;
                }
                out.append('{');
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), assoc, out);
                }
                out.append('}');
            }
            case ARRAY -> writeArray(node.elements(), assoc, out);
            case STRING -> string(node.textValue(), out);
            case NUMBER -> number(node, out);
            case BOOLEAN -> out.append(node.booleanValue());
            default -> out.append("null");
        }
    }

    private static void writeArray(Iterator<JsonNode> elements, boolean assoc, StringBuilder out) {
        out.append('[');
        boolean first = true;
        while (elements.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(elements.next(), assoc, out);
        }
        out.append(']');
    }

    /** An object PHP's associative decoding turns into a list: empty, or keyed "0", "1" … in that order. */
    private static boolean isList(JsonNode object) {
        int i = 0;
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); i++) {
            if (!names.next().equals(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e && c != 0x7f) {
                        // A Java char is a UTF-16 unit: a character beyond the BMP comes as its surrogate pair.
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                                .append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** An integer PHP keeps as an int (64 bits); anything else as PHP prints a float. */
    private static void number(JsonNode node, StringBuilder out) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            out.append(node.longValue());
            return;
        }
        double d = node.doubleValue();
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            out.append('0'); // PHP refuses to encode these; nothing it signs has them
            return;
        }
        out.append(phpFloat(d));
    }

    /**
     * A float as PHP 7.1+ writes it with {@code serialize_precision = -1} (its {@code php_gcvt} with 17 digits,
     * mode 0): the shortest digits that read back as the same double, in plain notation when the decimal
     * exponent is from -4 to 16 (with {@code .0} when whole), else as {@code d.ddde+X} / {@code d.ddde-X}.
     */
    static String phpFloat(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale(); // d.ddd × 10^exponent
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent > 16) {
            String mantissa = digits.length() == 1 ? digits + ".0" : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
