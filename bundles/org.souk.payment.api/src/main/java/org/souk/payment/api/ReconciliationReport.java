package org.souk.payment.api;

/**
 * What a reconciliation run did with the payments still pending: how many it asked about, how many the
 * gateways said succeeded or failed (and were settled), how many are still pending, and how many it
 * could not ask about because their provider is not deployed.
 */
public record ReconciliationReport(int checked, int succeeded, int failed, int stillPending, int providerAbsent) {
}
