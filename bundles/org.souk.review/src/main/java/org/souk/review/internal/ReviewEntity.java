package org.souk.review.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.order.api.OrderSummary;
import org.souk.review.api.Review;

@Entity
@Table(name = "review")
public class ReviewEntity {

    @Id
    private String id;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "gig_id")
    private String gigId;
    @Column(name = "client_id")
    private String clientId;
    @Column(name = "freelancer_id")
    private String freelancerId;
    private int rating;
    @Column(name = "comment_text")
    private String comment;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "reply_text")
    private String reply;
    @Column(name = "replied_at")
    private Instant repliedAt;
    @Version
    private long version;

    protected ReviewEntity() {
    }

    ReviewEntity(String id, OrderSummary order, int rating, String comment, Instant now) {
        this.id = id;
        this.orderId = order.id();
        this.gigId = order.gigId();
        this.clientId = order.clientId();
        this.freelancerId = order.freelancerId();
        this.rating = rating;
        this.comment = comment;
        this.createdAt = now;
    }

    void reply(String text, Instant now) {
        this.reply = text;
        this.repliedAt = now;
    }

    Review toReview() {
        return new Review(id, orderId, gigId, clientId, freelancerId, rating, comment, createdAt, reply, repliedAt);
    }
}
