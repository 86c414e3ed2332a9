package org.souk.review.api;

import java.math.BigDecimal;

/**
 * A gig's reviews at a glance: how many, and their average rating with one decimal, rounded half up
 * (4.25 is 4.3, 4.24 is 4.2); the average is null while there are none.
 */
public record ReviewSummary(String gigId, BigDecimal averageRating, long count) {
}
