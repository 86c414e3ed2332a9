package org.souk.payment.api;

/**
 * Where one attempt to pay stands. A DECLINED attempt leaves its payment PENDING, awaiting a new attempt;
 * a FAILED one ended without a decline (the payment failed while it was under way, or another attempt paid).
 */
public enum AttemptStatus {
    PENDING, DECLINED, SUCCEEDED, FAILED
}
