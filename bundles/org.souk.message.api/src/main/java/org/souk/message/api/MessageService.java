package org.souk.message.api;

import org.souk.common.api.Caller;
import org.souk.common.api.Page;

/**
 * The message thread of an order. Only the order's client and freelancer write in it; they and administrators
 * read it; to anyone else the order does not exist (not found). Sending notifies the other side.
 */
public interface MessageService {

    /**
     * Stores a message from the caller, one of the order's two parties.
     *
     * @throws org.souk.common.api.ValidationException naming {@code body}, {@code attachments} or
     *         {@code attachments[i].name|url|contentType|size}
     * @throws org.souk.common.api.ForbiddenException for an administrator, who reads but does not write
     */
    Message send(Caller caller, String orderId, MessageDraft draft);

    /**
     * A page of the thread, newest first. {@code after} is the {@code next} of the previous page (null for the
     * newest page); pages by cursor are not counted.
     */
    Page<Message> thread(Caller caller, String orderId, String after, int limit);
}
