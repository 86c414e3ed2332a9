package org.souk.order.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.CascadeType;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.OneToMany;
import javax.persistence.OrderBy;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.catalog.api.GigPackage;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Money;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;

@Entity
@Table(name = "orders")
public class OrderEntity {

    private static final String LINE = "\n";

    @Id
    private String id;
    @Column(name = "client_id")
    private String clientId;
    @Column(name = "freelancer_id")
    private String freelancerId;
    @Column(name = "gig_id")
    private String gigId;
    @Column(name = "gig_title")
    private String gigTitle;
    @Enumerated(EnumType.STRING)
    private Tier tier;
    @Column(name = "package_title")
    private String packageTitle;
    @Column(name = "package_description")
    private String packageDescription;
    @Column(name = "price_minor")
    private long priceMinor;
    private String currency;
    @Column(name = "delivery_days")
    private int deliveryDays;
    private int revisions;
    private String deliverables;
    private String requirements;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    @Enumerated(EnumType.STRING)
    private OrderStage stage;
    @Enumerated(EnumType.STRING)
    @Column(name = "cancellation_reason")
    private CancellationReason cancellationReason;
    @Column(name = "revisions_used")
    private int revisionsUsed;
    @Column(name = "placed_at")
    private Instant placedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "accepted_at")
    private Instant acceptedAt;
    @Column(name = "due_at")
    private Instant dueAt;
    /** The first delivery: from then on the work is never late (a revision has its own due date). */
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    /** The dispute open on the order, if any: its timers stop and no request moves it meanwhile. */
    @Column(name = "open_dispute")
    private String openDispute;
    @Column(name = "last_event")
    private int lastEvent;
    @Version
    private long version;
    @OneToMany(mappedBy = "order", cascade = CascadeType.PERSIST)
    @OrderBy("sequence ASC")
    private List<OrderEventEntity> events = new ArrayList<>();

    protected OrderEntity() {
    }

    OrderEntity(String id, String clientId, String freelancerId, String gigId, String gigTitle, GigPackage pkg,
            String requirements, Instant now) {
        this.id = id;
        this.clientId = clientId;
        this.freelancerId = freelancerId;
        this.gigId = gigId;
        this.gigTitle = gigTitle;
        this.tier = pkg.tier();
        this.packageTitle = pkg.title();
        this.packageDescription = pkg.description() == null ? "" : pkg.description();
        this.priceMinor = pkg.price().minor();
        this.currency = pkg.price().currency();
        this.deliveryDays = pkg.deliveryDays();
        this.revisions = pkg.revisions();
        this.deliverables = String.join(LINE, pkg.deliverables());
        this.requirements = requirements;
        // No status until the placement is recorded by moveTo, so the timeline starts from nothing.
        this.placedAt = now;
        this.updatedAt = now;
    }

    String id() {
        return id;
    }

    String clientId() {
        return clientId;
    }

    String freelancerId() {
        return freelancerId;
    }

    String gigTitle() {
        return gigTitle;
    }

    OrderStateMachine.State state() {
        return new OrderStateMachine.State(status, stage);
    }

    int revisionsUsed() {
        return revisionsUsed;
    }

    int revisionsAllowed() {
        return revisions;
    }

    boolean isParticipant(String userId) {
        return clientId.equals(userId) || freelancerId.equals(userId);
    }

    /** Moves to a new state and appends the transition to the timeline. */
    OrderEventEntity moveTo(OrderStateMachine.State to, Instant now, String actor, String reason) {
        OrderEventEntity event = new OrderEventEntity(this, ++lastEvent, status, stage, to.status(), to.stage(), now,
                actor, reason);
        events.add(event);
        status = to.status();
        stage = to.stage();
        updatedAt = now;
        return event;
    }

    /**
     * Appends an entry that changes neither status nor stage (a request made or answered, a due date
     * moved). It still bumps the version, so two racing requests on one order collide.
     */
    OrderEventEntity note(Instant now, String actor, String reason) {
        return moveTo(state(), now, actor, reason);
    }

    /** An accepted extension: the due date moves by the days agreed. */
    void extendDue(int days) {
        dueAt = dueAt.plusSeconds(86_400L * days);
    }

    void cancelledFor(CancellationReason reason) {
        cancellationReason = reason;
    }

    void accepted(Instant now) {
        acceptedAt = now;
        dueAt = now.plusSeconds(86_400L * deliveryDays);
    }

    Instant dueAt() {
        return dueAt;
    }

    /**
     * An administrator's decision that work never delivered goes on: a new due date, from which the late right
     * counts. Work delivered once keeps its delivery: it is never late again.
     */
    void dueAgain(Instant at) {
        dueAt = at;
    }

    void delivered(Instant now) {
        if (deliveredAt == null) {
            deliveredAt = now;
        }
    }

    /** When the work was first delivered, or null if it never was. */
    Instant deliveredAt() {
        return deliveredAt;
    }

    String openDispute() {
        return openDispute;
    }

    boolean disputed() {
        return openDispute != null;
    }

    void disputeOpened(String disputeId) {
        openDispute = disputeId;
    }

    void disputeClosed() {
        openDispute = null;
    }

    void revisionRequested() {
        revisionsUsed++;
    }

    Money total() {
        return new Money(priceMinor, currency);
    }

    GigPackage snapshot() {
        List<String> items = deliverables.isEmpty() ? List.of() : Arrays.asList(deliverables.split(LINE));
        return new GigPackage(tier, packageTitle, packageDescription, total(), deliveryDays, revisions, items);
    }

    Order toOrder(Set<OrderAction> allowedActions, Map<DeadlineKind, Instant> deadlines, List<OrderRequest> openRequests) {
        return new Order(id, clientId, freelancerId, gigId, gigTitle, snapshot(), requirements, total(), status, stage,
                cancellationReason, revisionsUsed, placedAt, updatedAt, dueAt,
                events.stream().map(OrderEventEntity::toEvent).toList(), allowedActions, deadlines, openRequests);
    }

    OrderSummary toSummary() {
        return new OrderSummary(id, clientId, freelancerId, gigId, gigTitle, tier, total(), status, stage, placedAt,
                updatedAt);
    }
}
