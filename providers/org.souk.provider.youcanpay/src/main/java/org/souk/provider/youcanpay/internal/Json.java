package org.souk.provider.youcanpay.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading YouCanPay's JSON, whose fields come as text or numbers and move between its API versions. */
final class Json {

    private Json() {
    }

    /** The text of a scalar node, or null for a missing, null, empty or structured one. */
    static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }

    /** The first of these JSON pointers that holds a text, or null. */
    static String firstText(JsonNode json, String... pointers) {
        if (json == null) {
            return null;
        }
        for (String p : pointers) {
            String s = text(json.at(p));
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
