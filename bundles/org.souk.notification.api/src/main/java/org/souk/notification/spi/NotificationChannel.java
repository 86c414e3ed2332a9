package org.souk.notification.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to reach users: the in-app inbox, email, … A channel is a service of this interface, registered
 * with the service property {@value #ID_PROPERTY} equal to {@link #id()}; it may come and go at any time
 * (deliveries to an absent channel wait for it).
 *
 * <p>The platform calls {@link #deliver} at least once per notification, recipient and channel, outside any
 * transaction, never twice at once for the same delivery; a channel that can tell a repeat (by
 * {@link OutgoingNotification#id()}) should not show it twice. A call should return within a few seconds.
 */
@ConsumerType
public interface NotificationChannel {

    /** The service property carrying the channel's id. */
    String ID_PROPERTY = "souk.notification.channel";

    /** The in-app inbox's id. */
    String IN_APP = "in_app";
    /** The email channel's id. */
    String EMAIL = "email";

    /** A stable id in lower_snake case, used in users' preferences. */
    String id();

    /**
     * Delivers one notification to one recipient. Throwing counts as {@link DeliveryResult#retry a retryable
     * failure}.
     */
    DeliveryResult deliver(Recipient recipient, OutgoingNotification notification);
}
