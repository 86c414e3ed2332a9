package org.souk.notification.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The administrators' handle on deliveries: the ones that gave up, and trying them again. */
@ProviderType
public interface NotificationDeliveries {

    /** Deliveries that gave up, newest first. */
    List<Delivery> failed(int limit);

    /**
     * Puts a failed delivery back in the queue with fresh attempts; returns false if there is no such
     * delivery or it has not failed.
     */
    boolean retry(String deliveryId);

    /** Puts every failed delivery back in the queue; returns how many. */
    int retryAllFailed();
}
