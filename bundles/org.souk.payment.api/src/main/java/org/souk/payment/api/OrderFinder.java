package org.souk.payment.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Page;

/**
 * Finds orders by whatever an administrator has at hand: the order's id, its payment's id (or one of its
 * attempts' ids), a reference the gateway gave a charge or a refund, or a user's id or email address (then
 * that user's orders as client and as freelancer, newest first). Each key is one index lookup, so a search
 * costs the same at the thousandth order and the millionth.
 */
@ProviderType
public interface OrderFinder {

    /**
     * The orders the text names, each with how it matched: an order matched by its id, payment or gateway
     * reference first, then a user's orders newest first; at most {@code limit} (up to {@link Page#MAX_LIMIT}).
     * Blank text finds nothing.
     */
    List<OrderMatch> find(String text, int limit);
}
