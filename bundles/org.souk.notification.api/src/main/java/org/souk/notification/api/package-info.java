/** Notifications: the inbox of each user, fed by order and payment events. */
@Export
@Version("1.2.0")
package org.souk.notification.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
