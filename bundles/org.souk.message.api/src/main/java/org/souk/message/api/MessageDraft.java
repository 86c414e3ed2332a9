package org.souk.message.api;

import java.util.List;

/** What a party sends: the text, and any attachments (null means none). */
public record MessageDraft(String body, List<Attachment> attachments) {
}
