package org.souk.order.api;

import org.souk.catalog.api.Tier;

/** A client's order of one package of a gig, with what the freelancer needs to know. */
public record PlaceOrder(String gigId, Tier tier, String requirements) {
}
