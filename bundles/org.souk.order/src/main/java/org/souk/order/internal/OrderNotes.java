package org.souk.order.internal;

import java.util.Locale;

import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderLimits;

/** The words a caller writes (notes, reasons) and the timeline lines made of them, within their lengths. */
final class OrderNotes {

    static final int MAX_REQUIREMENTS = OrderLimits.MAX_REQUIREMENTS;
    static final int MAX_NOTE = OrderLimits.MAX_NOTE;
    /** order_event.reason holds 1000 characters: a note of at most {@link #MAX_NOTE} plus the words around it. */
    static final int MAX_REASON = 1000;

    private OrderNotes() {
    }

    static void checkNote(String note) {
        if (note != null && note.length() > MAX_NOTE) {
            throw new ValidationException("note", "must be at most " + MAX_NOTE + " characters");
        }
    }

    /** The reason of a request or a dispute: required, at most a note long, trimmed. */
    static String requestReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("reason", "say why");
        }
        if (reason.length() > MAX_NOTE) {
            throw new ValidationException("reason", "must be at most " + MAX_NOTE + " characters");
        }
        return reason.trim();
    }

    /** The timeline line of a direct cancellation: its reason in words, then the caller's note if any. */
    static String cancellation(CancellationReason reason, String note) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ') + (note == null || note.isBlank() ? "" : ": " + note);
    }

    /** A timeline line cut to what order_event.reason holds. */
    static String clip(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
