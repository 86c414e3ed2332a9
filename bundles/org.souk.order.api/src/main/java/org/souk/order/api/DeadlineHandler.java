package org.souk.order.api;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Acts on a deadline whose move needs more than the order (a refund, a look-up at a payment gateway),
 * registered as an OSGi service by the bundle that can do it. The order bundle claims a due deadline for
 * a few minutes, calls its handler outside any transaction, and marks it fired once the handler returns;
 * after a crash it calls the handler again. So a handler must be harmless when the move was already made:
 * the order's own rules refuse a second one.
 */
@ConsumerType
public interface DeadlineHandler {

    /** The kinds of deadline this handler acts on. */
    Set<DeadlineKind> kinds();

    /**
     * Makes the move the deadline calls for, as {@code system}.
     *
     * @throws RuntimeException to have it tried again after the claim runs out
     */
    void fire(Deadline deadline);
}
