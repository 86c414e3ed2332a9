/**
 * Notifications: the outbox that records their causes in the transaction of the change, each user's
 * inbox and preferences, and the administrators' view of deliveries.
 */
@Export
@Version("1.5.0")
package org.souk.notification.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
