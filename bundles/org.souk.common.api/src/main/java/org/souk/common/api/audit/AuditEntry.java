package org.souk.common.api.audit;

import java.time.Instant;

import org.souk.common.api.Nullable;

/**
 * One administrator's change: when, who (the Karaf user on the console, the token's subject over REST), the
 * action ({@code order.cancel}, {@code withdrawal.pay} ...), its target (an order, refund, withdrawal or
 * dispute id), the order it concerns if any, why, and what came of it.
 */
public record AuditEntry(String id, Instant at, String actor, String action, @Nullable String target, @Nullable String orderId,
        @Nullable String reason, @Nullable String outcome) {
}
