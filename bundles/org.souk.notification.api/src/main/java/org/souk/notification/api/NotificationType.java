package org.souk.notification.api;

/** The kinds of notification a user can receive (and, later, switch off per channel). */
public enum NotificationType {
    NEW_ORDER, ORDER_STATUS_CHANGED, DELIVERY, PAYMENT_CONFIRMED, PAYMENT_FAILED, REVIEW_REQUEST, MESSAGE, LATE_WARNING,
    /** A mutual cancellation was requested of the user, or the user's request was answered. */
    CANCELLATION_REQUEST,
    /** More days were requested of the user, or the user's request was answered. */
    EXTENSION_REQUEST,
    /** The user's attempt to pay was declined; the order is still open for another card or method. */
    PAYMENT_DECLINED
}
