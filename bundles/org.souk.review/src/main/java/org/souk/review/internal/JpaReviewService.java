package org.souk.review.internal;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.common.api.Caller;
import org.souk.common.api.Page;
import org.souk.common.api.SoukException;
import org.souk.order.api.Order;
import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.persistence.Conflicts;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;
import org.souk.review.api.Review;
import org.souk.review.api.ReviewDraft;
import org.souk.review.api.ReviewPage;
import org.souk.review.api.ReviewService;
import org.souk.review.api.ReviewSummary;

/** Reviews in the {@code review} table; who may do what is {@link ReviewRules}' decision. */
@Component
public class JpaReviewService implements ReviewService {

    private final JpaTemplate jpa;
    private final OrderService orders;
    private final Clock clock;

    @Activate
    public JpaReviewService(@Reference(target = "(osgi.unit.name=souk-review)") JpaTemplate jpa,
            @Reference(target = ReviewSchema.TARGET) Schema schema, @Reference OrderService orders,
            @Reference PlatformClock clock) {
        this(jpa, orders, clock);
    }

    JpaReviewService(JpaTemplate jpa, OrderService orders, Clock clock) {
        this.jpa = jpa;
        this.orders = orders;
        this.clock = clock;
    }

    @Override
    public Review review(Caller caller, String orderId, ReviewDraft draft) {
        ReviewRules.checkDraft(draft);
        // Someone else's order is not found; a completed order never changes again, so this view stays true.
        OrderSummary order = orders.summary(caller, orderId);
        return translated(race -> ReviewRules.alreadyReviewed(order.id(), race), () -> jpa.txExpr(TransactionType.Required, em -> {
            ReviewRules.mayReview(caller, order, byOrder(em, order.id()) != null);
            ReviewEntity review = new ReviewEntity(UUID.randomUUID().toString(), order, draft.rating(), draft.comment(),
                    clock.instant());
            em.persist(review);
            // The unique key on order_id refuses the second of two concurrent reviews here.
            em.flush();
            return review.toReview();
        }));
    }

    @Override
    public Review reply(Caller caller, String orderId, String reply) {
        ReviewRules.checkReply(reply);
        OrderSummary order = orders.summary(caller, orderId);
        return translated(race -> ReviewRules.alreadyReplied(order.id(), race), () -> jpa.txExpr(TransactionType.Required, em -> {
            ReviewEntity review = byOrder(em, order.id());
            ReviewRules.mayReply(caller, order, review == null ? null : review.toReview());
            review.reply(reply, clock.instant());
            // The version column refuses the second of two concurrent replies here.
            em.flush();
            return review.toReview();
        }));
    }

    @Override
    public Review get(Caller caller, String orderId) {
        OrderSummary order = orders.summary(caller, orderId);
        return jpa.txExpr(TransactionType.Supports, em -> {
            ReviewEntity review = byOrder(em, order.id());
            if (review == null) {
                throw ReviewRules.noReview(order.id());
            }
            return review.toReview();
        });
    }

    @Override
    public Set<OrderAction> allowedActions(Caller caller, Order order) {
        if (order.status() != OrderStatus.COMPLETED) {
            return Set.of();
        }
        boolean client = caller.userId().equals(order.clientId());
        boolean freelancer = caller.userId().equals(order.freelancerId());
        if (!client && !freelancer) {
            return Set.of();
        }
        ReviewEntity review = jpa.txExpr(TransactionType.Supports, em -> byOrder(em, order.id()));
        if (review == null) {
            return client ? Set.of(OrderAction.REVIEW) : Set.of();
        }
        return freelancer && review.toReview().reply() == null ? Set.of(OrderAction.REPLY_TO_REVIEW) : Set.of();
    }

    @Override
    public ReviewPage forGig(String gigId, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        int from = Math.max(0, offset);
        return jpa.txExpr(TransactionType.Supports, em -> {
            ReviewSummary summary = summary(em, gigId);
            List<Review> items = em.createQuery("SELECT r FROM ReviewEntity r WHERE r.gigId = :gig"
                    + " ORDER BY r.createdAt DESC, r.id DESC", ReviewEntity.class)
                    .setParameter("gig", gigId).setFirstResult(from).setMaxResults(size).getResultList()
                    .stream().map(ReviewEntity::toReview).toList();
            return new ReviewPage(summary.averageRating(), summary.count(), items, from, size, summary.count());
        });
    }

    @Override
    public ReviewSummary summary(String gigId) {
        return jpa.txExpr(TransactionType.Supports, em -> summary(em, gigId));
    }

    private static ReviewSummary summary(EntityManager em, String gigId) {
        Object[] row = em.createQuery("SELECT COUNT(r), SUM(r.rating) FROM ReviewEntity r WHERE r.gigId = :gig",
                Object[].class).setParameter("gig", gigId).getSingleResult();
        long count = row[0] == null ? 0 : ((Number) row[0]).longValue();
        long sum = row[1] == null ? 0 : ((Number) row[1]).longValue();
        return new ReviewSummary(gigId, ReviewRules.average(sum, count), count);
    }

    private static ReviewEntity byOrder(EntityManager em, String orderId) {
        List<ReviewEntity> found = em.createQuery("SELECT r FROM ReviewEntity r WHERE r.orderId = :order", ReviewEntity.class)
                .setParameter("order", orderId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The refusal behind a failed transaction (transaction templates may wrap it), the given refusal for a
     * lost race (a unique key or a version that another request got first), else the failure itself.
     */
    private static <T> T translated(Function<Throwable, SoukException> lostRace, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SoukException refusal) {
                    throw refusal;
                }
            }
            if (Conflicts.isConflict(e)) {
                throw lostRace.apply(e);
            }
            throw e;
        }
    }
}
