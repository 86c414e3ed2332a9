package org.souk.ledger.api.payout;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends a withdrawal's money to its freelancer: a bank transfer, a wallet. A plugin registers one as a DS
 * component with the service property {@link #ID_PROPERTY}; {@link org.souk.ledger.api.PayoutService#payOut}
 * calls it, outside any database transaction, with the freelancer's payout details as the request's
 * destination (keys {@code iban} and {@code holder}), and asks {@link #status} again while it answers
 * {@link PayoutResult.Status#PENDING}.
 */
@ConsumerType
public interface PayoutProvider {

    /** Service property naming the provider, e.g. {@code banktransfer}. */
    String ID_PROPERTY = "souk.payout.provider";

    /** The provider's stable id, equal to its {@link #ID_PROPERTY}. */
    String id();

    /**
     * Starts paying the request. Idempotent on {@link PayoutRequest#withdrawalId()}: a repeat returns the
     * state of the first. Must not block longer than the caller's deadline.
     */
    PayoutResult pay(PayoutRequest request);

    /** The current state of an earlier payout, by the reference {@link #pay} returned. */
    PayoutResult status(String reference);
}
