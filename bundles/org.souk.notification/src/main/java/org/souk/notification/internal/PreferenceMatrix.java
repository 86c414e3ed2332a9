package org.souk.notification.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.souk.common.api.ValidationException;
import org.souk.notification.api.NotificationPreferences;
import org.souk.notification.api.NotificationPreferences.TypePreference;
import org.souk.notification.api.NotificationType;
import org.souk.notification.spi.NotificationChannel;

/**
 * The preference matrix: defaults, what a user set, and the rules a change must keep. Pure. Cells are keyed
 * {@code type id + "/" + channel id}.
 */
final class PreferenceMatrix {

    /** By email, only what asks the user to act or tells of money; everything in the inbox. */
    private static final Set<NotificationType> EMAIL_BY_DEFAULT = EnumSet.complementOf(
            EnumSet.of(NotificationType.ORDER_STATUS_CHANGED, NotificationType.REVIEW_REQUEST));

    private PreferenceMatrix() {
    }

    static String cell(NotificationType type, String channel) {
        return type.id() + "/" + channel;
    }

    /** In-app: on. Email: on but for status changes and review requests. Any other channel: off until chosen. */
    static boolean byDefault(NotificationType type, String channel) {
        if (type.mandatory() || NotificationChannel.IN_APP.equals(channel)) {
            return true;
        }
        return NotificationChannel.EMAIL.equals(channel) && EMAIL_BY_DEFAULT.contains(type);
    }

    /**
     * Whether the type reaches the user on the channel. A mandatory type always does, whatever is stored: a
     * cell a user switched off before the type became mandatory is ignored.
     */
    static boolean enabled(NotificationType type, String channel, Map<String, Boolean> set) {
        if (type.mandatory()) {
            return true;
        }
        Boolean chosen = set.get(cell(type, channel));
        return chosen == null ? byDefault(type, channel) : chosen;
    }

    static NotificationPreferences document(Collection<String> channels, Map<String, Boolean> set) {
        List<TypePreference> rows = new ArrayList<>();
        for (NotificationType type : NotificationType.values()) {
            Map<String, Boolean> cells = new LinkedHashMap<>();
            for (String channel : channels) {
                cells.put(channel, enabled(type, channel, set));
            }
            rows.add(new TypePreference(type.id(), type.mandatory(), cells));
        }
        return new NotificationPreferences(List.copyOf(channels), rows);
    }

    /**
     * The cells a whole document sets that differ from the defaults (the ones worth storing), or a
     * validation error naming every offending field.
     */
    static Map<String, Boolean> fromDocument(NotificationPreferences doc, Collection<String> channels) {
        ValidationException.Collector errors = new ValidationException.Collector();
        if (doc == null || doc.types() == null) {
            throw new ValidationException("types", "is required: one entry per type with its channels");
        }
        Map<String, Boolean> out = new HashMap<>();
        Set<NotificationType> seen = new HashSet<>();
        for (int i = 0; i < doc.types().size(); i++) {
            TypePreference row = doc.types().get(i);
            String at = "types[" + i + "]";
            if (row == null) {
                errors.add(at, "must be an object");
                continue;
            }
            NotificationType type = NotificationType.ofId(row.type()).orElse(null);
            if (type == null) {
                errors.add(at + ".type", row.type() == null ? "is required" : "is not a notification type: " + row.type());
                continue;
            }
            if (!seen.add(type)) {
                errors.add(at + ".type", "appears twice: " + type.id());
                continue;
            }
            if (row.channels() == null) {
                continue;
            }
            for (Map.Entry<String, Boolean> c : row.channels().entrySet()) {
                String field = at + ".channels." + c.getKey();
                String problem = problem(type, c.getKey(), c.getValue(), channels);
                if (problem != null) {
                    errors.add(field, problem);
                } else if (c.getValue() != byDefault(type, c.getKey())) {
                    out.put(cell(type, c.getKey()), c.getValue());
                }
            }
        }
        errors.throwIfAny();
        return out;
    }

    /** Checks one cell; returns the type it names. */
    static NotificationType checkCell(String typeId, String channel, Boolean enabled, Collection<String> channels) {
        ValidationException.Collector errors = new ValidationException.Collector();
        NotificationType type = NotificationType.ofId(typeId).orElse(null);
        if (type == null) {
            errors.add("type", typeId == null ? "is required" : "is not a notification type: " + typeId);
        }
        if (channel == null || !channels.contains(channel)) {
            errors.add("channel", channel == null ? "is required" : "is not a channel: " + channel + " (known: "
                    + String.join(", ", channels) + ")");
        }
        if (enabled == null) {
            errors.add("enabled", "is required: true or false");
        }
        errors.throwIfAny();
        String problem = problem(type, channel, enabled, channels);
        if (problem != null) {
            throw new ValidationException("enabled", problem);
        }
        return type;
    }

    private static String problem(NotificationType type, String channel, Boolean enabled, Collection<String> channels) {
        if (!channels.contains(channel)) {
            return "is not a channel (known: " + String.join(", ", channels) + ")";
        }
        if (enabled == null) {
            return "must be true or false";
        }
        if (type.mandatory() && !enabled) {
            return type.id() + " is mandatory and cannot be switched off: it records money moving on your behalf or asks "
                    + "you to act before your order and its money move";
        }
        return null;
    }
}
