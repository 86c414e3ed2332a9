package org.souk.order.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;

import org.souk.order.api.OrderEvent;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;

/** One row of an order's timeline; never changed once written. */
@Entity
@Table(name = "order_event")
public class OrderEventEntity {

    @Id
    private String id;
    @ManyToOne
    @JoinColumn(name = "order_id")
    private OrderEntity order;
    @Column(name = "sequence_no")
    private int sequence;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private OrderStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_stage")
    private OrderStage fromStage;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    private OrderStatus toStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_stage")
    private OrderStage toStage;
    @Column(name = "occurred_at")
    private Instant at;
    private String actor;
    private String reason;

    protected OrderEventEntity() {
    }

    OrderEventEntity(OrderEntity order, int sequence, OrderStatus fromStatus, OrderStage fromStage, OrderStatus toStatus,
            OrderStage toStage, Instant at, String actor, String reason) {
        this.id = order.id() + "/" + sequence;
        this.order = order;
        this.sequence = sequence;
        this.fromStatus = fromStatus;
        this.fromStage = fromStage;
        this.toStatus = toStatus;
        this.toStage = toStage;
        this.at = at;
        this.actor = actor;
        this.reason = reason;
    }

    OrderEvent toEvent() {
        return new OrderEvent(sequence, fromStatus, fromStage, toStatus, toStage, at, actor, reason);
    }
}
