package org.souk.common.api;

import java.util.Locale;

/** What a caller is to the marketplace. */
public enum Role {
    CLIENT, FREELANCER, ADMIN;

    /** Parses {@code client}, {@code FREELANCER}, … ignoring case. */
    public static Role parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("role is missing");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + value + "' (client, freelancer or admin)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
