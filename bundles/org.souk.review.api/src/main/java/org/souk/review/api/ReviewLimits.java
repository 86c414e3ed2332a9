package org.souk.review.api;

/** The bounds of what a review holds, checked before anything is stored. */
public final class ReviewLimits {

    public static final int MIN_RATING = 1;
    public static final int MAX_RATING = 5;
    /** Characters (Unicode code points) of a client's comment. */
    public static final int MAX_COMMENT = 2000;
    /** Characters (Unicode code points) of a freelancer's reply. */
    public static final int MAX_REPLY = 2000;

    private ReviewLimits() {
    }
}
