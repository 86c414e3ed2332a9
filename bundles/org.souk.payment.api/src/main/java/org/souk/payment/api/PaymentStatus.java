package org.souk.payment.api;

/** The spec's three payment states. */
public enum PaymentStatus {
    PENDING, SUCCESS, FAILED
}
