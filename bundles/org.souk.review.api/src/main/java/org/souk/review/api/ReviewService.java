package org.souk.review.api;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.order.api.Order;
import org.souk.order.api.OrderAction;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;

/**
 * Reviews of completed orders. An order that the caller may not see is a {@link NotFoundException}, as in
 * the order service; every other refusal carries one of the {@link ReviewProblems} types and changes
 * nothing.
 */
@ProviderType
public interface ReviewService {

    /**
     * The order's client reviews a completed order, once. Of two concurrent reviews of one order exactly one
     * is stored; the other is refused as {@link ReviewProblems#ALREADY_REVIEWED}.
     *
     * @throws ValidationException for a missing or out-of-range rating, or a comment over
     *         {@link ReviewLimits#MAX_COMMENT} characters
     * @throws ForbiddenException if the caller is not the order's client
     * @throws ConflictException if the order is not completed, or is reviewed already
     */
    Review review(Caller caller, String orderId, ReviewDraft draft);

    /**
     * The order's freelancer replies to its review, once.
     *
     * @throws ValidationException for a missing or blank reply, or one over {@link ReviewLimits#MAX_REPLY} characters
     * @throws ForbiddenException if the caller is not the order's freelancer
     * @throws NotFoundException if the order has no review ({@link ReviewProblems#NO_REVIEW})
     * @throws ConflictException if the review has its reply already
     */
    Review reply(Caller caller, String orderId, String reply);

    /**
     * The order's review, for its parties and administrators.
     *
     * @throws NotFoundException if the order is not the caller's, or has no review ({@link ReviewProblems#NO_REVIEW})
     */
    Review get(Caller caller, String orderId);

    /**
     * What the caller may do about the order's review right now: {@link OrderAction#REVIEW} for the client of a
     * completed order not reviewed yet, {@link OrderAction#REPLY_TO_REVIEW} for the freelancer of a review
     * without a reply. The order is one the caller was allowed to read.
     */
    Set<OrderAction> allowedActions(Caller caller, Order order);

    /** A gig's reviews, newest first, with its average and count. */
    ReviewPage forGig(String gigId, int offset, int limit);

    /** A gig's average rating and review count. */
    ReviewSummary summary(String gigId);
}
