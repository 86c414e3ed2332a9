package org.souk.notification.api;

import java.util.List;
import java.util.Map;

/**
 * A user's whole preferences document: for each type (by stable id) whether it reaches the user on each
 * channel. {@code channels} lists the channel ids the platform knows; {@code mandatory} types are on
 * everywhere and stay on.
 */
public record NotificationPreferences(List<String> channels, List<TypePreference> types) {

    public NotificationPreferences {
        channels = channels == null ? null : List.copyOf(channels);
        types = types == null ? null : List.copyOf(types);
    }

    /** One row of the matrix: a type's switch per channel id. */
    public record TypePreference(String type, boolean mandatory, Map<String, Boolean> channels) {
    }
}
