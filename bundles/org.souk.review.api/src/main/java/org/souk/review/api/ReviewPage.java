package org.souk.review.api;

import java.math.BigDecimal;
import java.util.List;

import org.souk.common.api.Nullable;

/**
 * One page of a gig's reviews, newest first, with the gig's average rating and review count (as in
 * {@link ReviewSummary}); {@code total} is the number of reviews the pages hold in all.
 */
public record ReviewPage(@Nullable BigDecimal averageRating, long count, List<Review> items, int offset, int limit, long total) {

    public ReviewPage {
        items = List.copyOf(items);
    }
}
