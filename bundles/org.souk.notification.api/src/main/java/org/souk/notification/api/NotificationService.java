package org.souk.notification.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;

/** The caller's in-app inbox. */
@ProviderType
public interface NotificationService {

    /** Newest first; optionally only the unread ones. */
    Page<Notification> inbox(Caller caller, boolean unreadOnly, int offset, int limit);

    /**
     * The caller's notifications stored after the given time, oldest first, at most {@code limit} (up to
     * {@link Page#MAX_LIMIT}): what a live view missed while it was away.
     */
    List<Notification> since(Caller caller, Instant after, int limit);

    /** How many of the caller's notifications are unread. */
    long unreadCount(Caller caller);

    /** Marks one of the caller's notifications read; someone else's is not found. Marking it again changes nothing. */
    Notification markRead(Caller caller, String notificationId);

    /** Marks every unread notification of the caller read; returns how many were unread. */
    int markAllRead(Caller caller);
}
