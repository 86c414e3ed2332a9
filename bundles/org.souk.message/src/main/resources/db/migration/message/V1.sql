-- The message threads of orders. A thread is read newest first, a page at a time, by (sent_at, id):
-- message_by_order is that order. Texts are held as sent: 4000 characters (code points) fit in 8000
-- UTF-16 units, whatever the database counts.
CREATE TABLE order_message (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL,
    author_id VARCHAR(128) NOT NULL,
    author_role VARCHAR(16) NOT NULL,
    body VARCHAR(8000) NOT NULL,
    sent_at TIMESTAMP NOT NULL
);
CREATE INDEX order_message_by_order ON order_message (order_id, sent_at DESC, id DESC);

-- A message's attachments, by reference: Souk keeps where the file is, never the file.
CREATE TABLE order_message_attachment (
    message_id VARCHAR(36) NOT NULL,
    position INTEGER NOT NULL,
    name VARCHAR(510) NOT NULL,
    url VARCHAR(2048) NOT NULL,
    content_type VARCHAR(100),
    size_bytes BIGINT,
    PRIMARY KEY (message_id, position),
    CONSTRAINT order_message_attachment_message FOREIGN KEY (message_id) REFERENCES order_message (id)
);
