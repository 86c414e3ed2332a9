package org.souk.notification.api;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;

/** The caller's in-app inbox. */
@ProviderType
public interface NotificationService {

    /** Newest first; optionally only the unread ones. */
    Page<Notification> inbox(Caller caller, boolean unreadOnly, int offset, int limit);

    /** Marks one of the caller's notifications read; someone else's is not found. */
    Notification markRead(Caller caller, String notificationId);
}
