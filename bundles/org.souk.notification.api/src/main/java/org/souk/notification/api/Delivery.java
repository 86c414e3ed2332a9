package org.souk.notification.api;

import java.time.Instant;

/** One notification to one recipient on one channel, for the administrators' view. */
public record Delivery(String id, String notificationId, String recipientId, NotificationType type, String channel,
        State state, int attempts, String lastError, Instant nextAttemptAt, Instant createdAt, Instant endedAt) {

    public enum State {
        /** Waiting for its (next) attempt, or for its channel to be deployed. */
        PENDING,
        DELIVERED,
        /** Given up: the channel refused it for good, or every attempt failed. Retried only by an administrator. */
        FAILED
    }
}
