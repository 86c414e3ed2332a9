-- Reviews of completed orders. The unique key on order_id is what makes a review once per order, even
-- for two requests at the same time. Texts are held as sent: 2000 characters (code points) fit in 4000
-- UTF-16 units, whatever the database counts.
CREATE TABLE review (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL,
    gig_id VARCHAR(36) NOT NULL,
    client_id VARCHAR(128) NOT NULL,
    freelancer_id VARCHAR(128) NOT NULL,
    rating SMALLINT NOT NULL,
    comment_text VARCHAR(4000),
    created_at TIMESTAMP NOT NULL,
    reply_text VARCHAR(4000),
    replied_at TIMESTAMP,
    version BIGINT NOT NULL,
    CONSTRAINT review_one_per_order UNIQUE (order_id),
    CONSTRAINT review_rating_range CHECK (rating BETWEEN 1 AND 5)
);
CREATE INDEX review_by_gig ON review (gig_id, created_at);
