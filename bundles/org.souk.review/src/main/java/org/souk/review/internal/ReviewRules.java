package org.souk.review.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.review.api.Review;
import org.souk.review.api.ReviewDraft;
import org.souk.review.api.ReviewLimits;
import org.souk.review.api.ReviewProblems;

/**
 * Decides what may be written in a review, who may review or reply, and when. Pure: no storage, no OSGi.
 * Texts are checked, never changed: what passes is stored exactly as written.
 */
final class ReviewRules {

    private ReviewRules() {
    }

    /** A rating from 1 to 5 and an optional comment of at most {@link ReviewLimits#MAX_COMMENT} characters. */
    static void checkDraft(ReviewDraft draft) {
        if (draft == null) {
            throw new ValidationException("rating", "is required: a whole number from " + ReviewLimits.MIN_RATING
                    + " to " + ReviewLimits.MAX_RATING);
        }
        ValidationException.Collector errors = new ValidationException.Collector();
        Integer rating = draft.rating();
        if (rating == null) {
            errors.add("rating", "is required: a whole number from " + ReviewLimits.MIN_RATING + " to " + ReviewLimits.MAX_RATING);
        } else if (rating < ReviewLimits.MIN_RATING || rating > ReviewLimits.MAX_RATING) {
            errors.add("rating", "must be a whole number from " + ReviewLimits.MIN_RATING + " to " + ReviewLimits.MAX_RATING);
        }
        if (draft.comment() != null) {
            checkText(errors, "comment", draft.comment(), ReviewLimits.MAX_COMMENT);
        }
        errors.throwIfAny();
    }

    /** A reply that says something, of at most {@link ReviewLimits#MAX_REPLY} characters. */
    static void checkReply(String reply) {
        ValidationException.Collector errors = new ValidationException.Collector();
        if (reply == null) {
            errors.add("reply", "is required");
        } else if (reply.isBlank()) {
            errors.add("reply", "must not be blank");
        } else {
            checkText(errors, "reply", reply, ReviewLimits.MAX_REPLY);
        }
        errors.throwIfAny();
    }

    /**
     * Characters are Unicode code points, so a letter outside the basic plane (an emoji) counts once. A NUL
     * or a lone surrogate could not be stored and returned exactly by every database, so they are refused.
     */
    private static void checkText(ValidationException.Collector errors, String field, String text, int max) {
        if (text.length() > max && text.codePointCount(0, text.length()) > max) {
            errors.add(field, "must be at most " + max + " characters");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                errors.add(field, "must not contain the NUL character");
                return;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                errors.add(field, "is not valid Unicode text (a lone surrogate at character " + i + ")");
                return;
            }
        }
    }

    /** Only the order's client reviews it, once it is completed, and once. */
    static void mayReview(Caller caller, OrderSummary order, boolean reviewed) {
        if (!order.clientId().equals(caller.userId())) {
            throw ForbiddenException.typed(ReviewProblems.NOT_THE_CLIENT, "Only the client of order " + order.id() + " reviews it");
        }
        if (order.status() != OrderStatus.COMPLETED) {
            throw ConflictException.typed(ReviewProblems.ORDER_NOT_COMPLETED, "Order " + order.id() + " is "
                    + order.status() + "; an order is reviewed once it is completed");
        }
        if (reviewed) {
            throw alreadyReviewed(order.id(), null);
        }
    }

    /** Only the order's freelancer replies, to a review that is there, and once. */
    static void mayReply(Caller caller, OrderSummary order, Review review) {
        if (!order.freelancerId().equals(caller.userId())) {
            throw ForbiddenException.typed(ReviewProblems.NOT_THE_FREELANCER,
                    "Only the freelancer of order " + order.id() + " replies to its review");
        }
        if (review == null) {
            throw noReview(order.id());
        }
        if (review.reply() != null) {
            throw alreadyReplied(order.id(), null);
        }
    }

    static ConflictException alreadyReviewed(String orderId, Throwable race) {
        return ConflictException.typed(ReviewProblems.ALREADY_REVIEWED, "Order " + orderId + " is reviewed already", race);
    }

    static ConflictException alreadyReplied(String orderId, Throwable race) {
        return ConflictException.typed(ReviewProblems.ALREADY_REPLIED, "The review of order " + orderId
                + " has its reply already", race);
    }

    static NotFoundException noReview(String orderId) {
        return NotFoundException.typed(ReviewProblems.NO_REVIEW, "Order " + orderId + " has no review");
    }

    /** The average of {@code count} ratings adding up to {@code sum}, one decimal, half up; null for none. */
    static BigDecimal average(long sum, long count) {
        if (count <= 0) {
            return null;
        }
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
    }
}
