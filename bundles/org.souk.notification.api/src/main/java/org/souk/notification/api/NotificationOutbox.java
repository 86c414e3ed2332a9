package org.souk.notification.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Records the cause of notifications in the caller's own transaction, so that a change that commits is
 * notified even if the node stops right after, and a change that rolls back is notified never.
 *
 * <p>Call it inside the transaction that makes the change, with the same topic and properties as the Event
 * Admin event the change posts after commit ({@code OrderTopics}, {@code PaymentTopics}) or one of
 * {@link OutboxTopics}. The notification bundle later decides who hears what, applies each user's
 * preferences and hands the notifications to the channels, at least once each and never twice to one
 * channel for one cause and recipient. Without a transaction the cause is written in one of its own.
 */
@ProviderType
public interface NotificationOutbox {

    /**
     * Writes one cause. Property values are strings, numbers or booleans (others are stored as their
     * {@code toString()}); null values are left out.
     *
     * @throws RuntimeException if it cannot be written; the caller's transaction then rolls back
     */
    void record(String topic, Map<String, ?> properties);
}
