package org.souk.rest.internal.http;

import java.util.LinkedHashSet;
import java.util.Set;

import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;

import org.souk.common.api.ValidationException;

/**
 * Entity tags of versioned resources: a strong tag holding the version ({@code "3"}), and the
 * {@code If-Match} header an editor sends back with it (RFC 9110 §13.1.1, strong comparison).
 */
public final class EntityTags {

    private static final String FORMAT = "must be * or entity tags such as \"3\", as the ETag header gave them";

    private EntityTags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * What an {@code If-Match} header asks for: any current version ({@code *}), or one of these versions. Weak
     * tags and tags this API never gave out are kept out of {@code versions}: they match no version.
     */
    public record IfMatch(boolean any, Set<Long> versions) {
    }

    /**
     * The header parsed; null when it is absent.
     *
     * @throws ValidationException naming {@code If-Match} if it is not a list of entity tags
     */
    public static IfMatch ifMatch(String header) {
        if (header == null) {
            return null;
        }
        String text = header.trim();
        if ("*".equals(text)) {
            return new IfMatch(true, Set.of());
        }
        Set<Long> versions = new LinkedHashSet<>();
        int i = 0;
        int tags = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = text.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= text.length() || text.charAt(open) != '"') {
                throw invalid();
            }
            int close = text.indexOf('"', open + 1);
            if (close < 0) {
                throw invalid();
            }
            String opaque = text.substring(open + 1, close);
            for (int k = 0; k < opaque.length(); k++) {
                char o = opaque.charAt(k);
                if (o < 0x21 || o == 0x7F) { // RFC 9110 etagc: visible characters but the quote
                    throw invalid();
                }
            }
            Long version = weak ? null : version(opaque);
            if (version != null) {
                versions.add(version);
            }
            tags++;
            i = close + 1;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i < text.length() && text.charAt(i) != ',') {
                throw invalid();
            }
        }
        if (tags == 0) {
            throw invalid();
        }
        return new IfMatch(false, Set.copyOf(versions));
    }

    private static Long version(String opaque) {
        if (opaque.isEmpty() || opaque.length() > 18 || !opaque.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.valueOf(opaque);
    }

    private static ValidationException invalid() {
        return new ValidationException(HttpHeaders.IF_MATCH, FORMAT);
    }
}
