package org.souk.message.internal;

import javax.persistence.Column;
import javax.persistence.Embeddable;

import org.souk.message.api.Attachment;

/** An attachment as a row of {@code order_message_attachment}. */
@Embeddable
public class AttachmentValue {

    private String name;
    private String url;
    @Column(name = "content_type")
    private String contentType;
    @Column(name = "size_bytes")
    private Long size;

    protected AttachmentValue() {
    }

    AttachmentValue(Attachment attachment) {
        this.name = attachment.name();
        this.url = attachment.url();
        this.contentType = attachment.contentType();
        this.size = attachment.size();
    }

    Attachment toAttachment() {
        return new Attachment(name, url, contentType, size);
    }
}
