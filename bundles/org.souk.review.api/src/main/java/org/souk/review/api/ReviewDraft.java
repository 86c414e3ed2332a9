package org.souk.review.api;

/** What a client writes: a rating from 1 to 5 (required) and an optional comment. */
public record ReviewDraft(Integer rating, String comment) {
}
