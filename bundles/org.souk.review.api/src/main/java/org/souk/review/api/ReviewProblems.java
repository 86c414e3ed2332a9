package org.souk.review.api;

/** The problem types of the refusals of {@link ReviewService}, each saying why. */
public final class ReviewProblems {

    /** 409: the order is not completed (yet), so it cannot be reviewed. */
    public static final String ORDER_NOT_COMPLETED = "order-not-completed";
    /** 409: the order has its review already; there is one per order. */
    public static final String ALREADY_REVIEWED = "already-reviewed";
    /** 403: only the order's client reviews it. */
    public static final String NOT_THE_CLIENT = "not-the-client";
    /** 403: only the order's freelancer replies to its review. */
    public static final String NOT_THE_FREELANCER = "not-the-freelancer";
    /** 409: the review has its reply already; there is one per review. */
    public static final String ALREADY_REPLIED = "already-replied";
    /** 404: the order has no review (to show, or to reply to). */
    public static final String NO_REVIEW = "no-review";

    private ReviewProblems() {
    }
}
