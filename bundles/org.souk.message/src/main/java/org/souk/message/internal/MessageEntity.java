package org.souk.message.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.OrderColumn;
import javax.persistence.Table;

import org.souk.message.api.Attachment;
import org.souk.message.api.Message;

@Entity
@Table(name = "order_message")
public class MessageEntity {

    @Id
    private String id;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "author_id")
    private String authorId;
    @Column(name = "author_role")
    private String authorRole;
    private String body;
    @Column(name = "sent_at")
    private Instant sentAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_message_attachment", joinColumns = @JoinColumn(name = "message_id"))
    @OrderColumn(name = "position")
    private List<AttachmentValue> attachments = new ArrayList<>();

    protected MessageEntity() {
    }

    MessageEntity(String id, String orderId, String authorId, String authorRole, String body, List<Attachment> attachments,
            Instant sentAt) {
        this.id = id;
        this.orderId = orderId;
        this.authorId = authorId;
        this.authorRole = authorRole;
        this.body = body;
        this.sentAt = sentAt;
        attachments.forEach(a -> this.attachments.add(new AttachmentValue(a)));
    }

    Message toMessage() {
        return new Message(id, orderId, authorId, authorRole, body,
                attachments.stream().map(AttachmentValue::toAttachment).toList(), sentAt);
    }
}
