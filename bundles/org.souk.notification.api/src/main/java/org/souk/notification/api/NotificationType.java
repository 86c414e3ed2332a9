package org.souk.notification.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of notification a user receives. Each has a stable {@link #id()} in lower_snake case, used in the
 * preferences document, by channels and by templates; the constant's name is what the inbox shows as
 * {@code type}. Ids never change once published; new kinds are added at the end.
 */
public enum NotificationType {
    /** A client paid for one of the freelancer's gigs. */
    NEW_ORDER(false),
    /** An order moved (accepted, revision requested, completed, cancelled …) by the other side or the platform. */
    ORDER_STATUS_CHANGED(false),
    /** The freelancer delivered: the client may accept or ask for a revision. */
    DELIVERY(false),
    /** The client's payment succeeded: the receipt. Cannot be switched off. */
    PAYMENT_CONFIRMED(true),
    /** The client's order was cancelled because its payment failed or expired. Cannot be switched off. */
    PAYMENT_FAILED(true),
    /** The order completed: the client is asked to review it. */
    REVIEW_REQUEST(false),
    /** A message on an order from the other side. */
    MESSAGE(false),
    /** An undelivered order passed its due date. */
    LATE_WARNING(false),
    /**
     * A mutual cancellation was requested of the user (with the refund it proposes, the answer deadline and what
     * silence does), or such a request was withdrawn or expired unanswered. Cannot be switched off: unanswered,
     * it may cancel the user's order and move money.
     */
    CANCELLATION_REQUEST(true),
    /** More days were requested of the user, or such a request was withdrawn. */
    EXTENSION_REQUEST(false),
    /** The user's attempt to pay was declined; the order is still open for another card or method. */
    PAYMENT_DECLINED(false),
    /**
     * The user's own cancellation request was accepted or declined (by the other side or, unanswered, by the
     * platform), or expired unanswered.
     */
    CANCELLATION_ANSWER(false),
    /** The user's own extension request was accepted or declined. */
    EXTENSION_ANSWER(false),
    /** Money went back to the client. Cannot be switched off. */
    REFUND(true),
    /** A freelancer's earnings cleared and may be withdrawn. */
    EARNINGS_AVAILABLE(false),
    /**
     * A dispute on one of the user's orders was opened by the other side (the order's timers stop until an
     * administrator decides) or decided (completed, cancelled with a refund, or the work goes on to a new due
     * date). Cannot be switched off: the decision moves the order and its money.
     */
    DISPUTE(true),
    /**
     * The link that confirms a new email address, sent to that address only (never in-app: whoever holds a
     * session must not read it). Cannot be switched off: without it the address cannot change.
     */
    EMAIL_CHANGE_CONFIRMATION(true),
    /**
     * A change of the user's email address was asked: told to the current address only, so that a change the
     * user did not ask for does not go unnoticed. Cannot be switched off.
     */
    EMAIL_CHANGE_NOTICE(true);

    private final boolean mandatory;

    NotificationType(boolean mandatory) {
        this.mandatory = mandatory;
    }

    /** The stable id: the name in lower case ({@code new_order}, {@code payment_confirmed} …). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether users may not switch this kind off on any channel: it records money moving on their behalf
     * (a receipt, a failed payment that cancelled their order, a refund), asks them to act before the
     * platform moves their order and its money (a cancellation request, a dispute), or guards where their mail
     * goes (a change of email address).
     */
    public boolean mandatory() {
        return mandatory;
    }

    /** The type of a stable id (or of a constant's name), if there is one. */
    public static Optional<NotificationType> ofId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id().equals(wanted)).findFirst();
    }
}
