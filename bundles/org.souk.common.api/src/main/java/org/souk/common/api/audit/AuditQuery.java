package org.souk.common.api.audit;

/**
 * Which audit entries to list, newest first: optionally those about one order and those by one user, and the
 * page: by {@code offset} (counted), or right after the {@link org.souk.common.api.Page#next() next} cursor of
 * the previous page ({@code after}; not counted).
 */
public record AuditQuery(String orderId, String actor, int offset, int limit, String after) {
}
