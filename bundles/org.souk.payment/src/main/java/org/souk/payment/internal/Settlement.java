package org.souk.payment.internal;

import java.util.Set;

import org.souk.common.api.Money;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.payment.api.PaymentStatus;

/**
 * What a gateway's word about a payment does to it: a pure decision, so that the rules that keep money
 * from being lost or taken twice are tested without a database. The service only loads, applies and saves.
 *
 * <p>A verified webhook proves who sent it, not what it is about: it settles only when it names the
 * payment's own gateway reference and the amount and currency the gateway was to charge. A success with no
 * amount is confirmed by the gateway's own look-up first. A success for a payment that failed, or a second
 * charge for a payment already settled, is money taken for nothing: it is given back.
 *
 * <p>A payment may have several attempts, each a charge with its own reference. A decline of the latest
 * attempt, once recorded, is not counted again however often the gateway repeats it; a word about an earlier
 * attempt's reference is about another charge than the payment's: a failure is refused, a success is asked of
 * the gateway and, confirmed, pays a pending payment (or is refunded as a second charge once it is paid).
 *
 * <p>The gateway's answer to a call Souk made (a charge, a status check) is about the attempt the call was
 * made for, which need not be the latest by the time the answer is applied: a client may have paid again
 * meanwhile. An answer about an earlier attempt never touches the latest: a failure or "pending" is only
 * recorded, a success is that attempt's charge, taken (it pays a pending payment, and is refunded when the
 * payment failed or another charge paid it). A success of any attempt but the paying one is refunded.
 */
final class Settlement {

    enum Action {
        /** The payment is pending and the report decides it (or keeps it pending). */
        SETTLE,
        /** Verified, but not about this payment as recorded: recorded on the payment, nothing moves. */
        REFUSE,
        /** A success without an amount: ask the gateway's own record before anything moves. */
        LOOK_UP,
        /** Money was taken by a charge that does not pay this payment: refund that charge. */
        REFUND_CHARGE,
        /** Nothing changes: the report repeats what is known, or cannot undo what is done. */
        NOTHING
    }

    /** {@code alarming}: nothing can be done here, but an administrator must look (a failure after a success). */
    record Decision(Action action, String reason, boolean alarming) {
        Decision(Action action, String reason) {
            this(action, reason, false);
        }
    }

    /** Where a report comes from, which decides how far it is trusted. */
    enum Source {
        /** The gateway's answer to a payment started or looked up by Souk, about the reference Souk gave. */
        LOOK_UP,
        /** A verified webhook: it proves who sent it, not what it is about. */
        WEBHOOK,
        /**
         * The gateway's own look-up of the charge a webhook named, answering that it succeeded: the provider
         * checked it belongs to this payment and took the expected amount.
         */
        CONFIRMED
    }

    /**
     * A gateway's report: its source, the outcome, the gateway reference it is about and the amount it says
     * was settled (null if it says none). A look-up is about the reference Souk gave, so a provider's own
     * naming of it is not held against it. {@code attempt} is the attempt the report is about (0 if not known):
     * the one a call was made for, or the one a webhook was matched to by the key or the reference it echoes.
     */
    record Report(ProviderStatus status, String reference, Money amount, Source source, int attempt) {

        /** A report not tied to an attempt by the call it answers: a webhook, which names a charge instead. */
        Report(ProviderStatus status, String reference, Money amount, Source source) {
            this(status, reference, amount, source, 0);
        }
    }

    /**
     * What the decision needs to know of the payment: its status, whether its latest attempt was declined,
     * its gateway reference (null if the latest attempt's gateway never answered), the references of its
     * other attempts, the number of its latest attempt and that of the attempt that paid it (0 if none).
     */
    record Standing(PaymentStatus status, boolean declined, String reference, Set<String> earlier, int latest,
            int paying) {
    }

    private Settlement() {
    }

    /**
     * @param status the payment's status now
     * @param reference the gateway reference recorded for it, or null if the gateway never answered
     * @param expected what the gateway is to settle: the charged amount if it converted, else the amount
     */
    static Decision decide(PaymentStatus status, String reference, Money expected, Report report) {
        return decide(status, false, reference, Set.of(), expected, report);
    }

    /**
     * @param status the payment's status now
     * @param declined whether its latest attempt was declined (the payment then awaits a new attempt)
     * @param reference the gateway reference recorded for it, or null if the latest attempt's gateway never
     *        answered
     * @param earlier the gateway references of its other attempts
     * @param expected what the gateway is to settle: the charged amount if it converted, else the amount
     */
    static Decision decide(PaymentStatus status, boolean declined, String reference, Set<String> earlier,
            Money expected, Report report) {
        return decide(new Standing(status, declined, reference, earlier, 0, 0), expected, report);
    }

    /**
     * @param payment the payment as it stands
     * @param expected what the gateway is to settle for the charge the report is about: what that attempt's
     *        provider charged if it converted, else the amount
     * @param report the gateway's word; a look-up's or confirmation's {@code attempt} is the attempt it was
     *        asked about (0 if not known)
     */
    static Decision decide(Standing payment, Money expected, Report report) {
        if (report.source() != Source.WEBHOOK && report.attempt() != 0 && payment.latest() != 0) {
            Decision aboutAttempt = aboutAttempt(payment, report);
            if (aboutAttempt != null) {
                return aboutAttempt;
            }
        }
        PaymentStatus status = payment.status();
        boolean declined = payment.declined();
        String reference = payment.reference();
        Set<String> earlier = payment.earlier();
        boolean success = report.status() == ProviderStatus.PROCESSED;
        boolean named = report.source() != Source.LOOK_UP;
        // A webhook matched to an attempt other than the one the payment stands on (the paying one, else the
        // latest) is about another charge, whether or not that attempt's gateway ever named its charge.
        int standingOn = payment.paying() != 0 ? payment.paying() : payment.latest();
        boolean otherAttempt = report.source() == Source.WEBHOOK && report.attempt() != 0 && standingOn != 0
                && report.attempt() != standingOn;
        boolean otherCharge = named && (otherAttempt || report.reference() != null
                && !report.reference().equals(reference) && (reference != null || earlier.contains(report.reference())));
        if (otherCharge && !success) {
            return new Decision(Action.REFUSE, otherAttempt ? "attempt mismatch: the event is about attempt "
                    + report.attempt() + (report.reference() == null ? "" : " (" + report.reference() + ")")
                    + ", the payment stands on attempt " + standingOn
                    : "reference mismatch: the event is about " + report.reference() + ", the payment's reference is "
                    + reference);
        }
        if (named && success && report.amount() != null && !report.amount().equals(expected)) {
            return new Decision(Action.REFUSE, "amount mismatch: the event says " + report.amount()
                    + ", the payment expects " + expected);
        }
        if (report.source() == Source.WEBHOOK && success) {
            if (status == PaymentStatus.SUCCESS && !otherCharge) {
                return new Decision(Action.NOTHING, "already settled");
            }
            if (otherCharge) {
                return new Decision(Action.LOOK_UP, "a success for " + (otherAttempt ? "attempt " + report.attempt()
                        + (report.reference() == null ? "" : " (" + report.reference() + ")") : report.reference())
                        + ", not the payment's " + (otherAttempt ? "attempt " + standingOn : reference)
                        + ": the gateway is asked whether that charge is this payment's");
            }
            if (report.amount() == null) {
                return new Decision(Action.LOOK_UP, "a success without an amount is confirmed by a look-up");
            }
        }
        if (status == PaymentStatus.PENDING && declined && !success) {
            return new Decision(Action.NOTHING, "the attempt was declined already; a repeat is not another attempt");
        }
        return switch (status) {
            case PENDING -> new Decision(Action.SETTLE, null);
            case FAILED -> success
                    ? new Decision(Action.REFUND_CHARGE, "the gateway took the payment after it had failed")
                    : new Decision(Action.NOTHING, "already failed");
            case SUCCESS -> otherCharge
                    ? new Decision(Action.REFUND_CHARGE, "a second charge for a payment already settled")
                    : success ? new Decision(Action.NOTHING, "already settled")
                    : new Decision(Action.NOTHING, "the gateway says " + report.status()
                            + " after the payment succeeded; an administrator must look", report.status().isFinal());
        };
    }

    /**
     * The gateway's answer about a given attempt: decided here when the attempt is not the one the payment
     * stands on (an earlier attempt, or not the paying one); null when the general rules apply.
     */
    private static Decision aboutAttempt(Standing payment, Report report) {
        int attempt = report.attempt();
        boolean success = report.status() == ProviderStatus.PROCESSED;
        if (success && payment.status() == PaymentStatus.SUCCESS && payment.paying() != 0 && attempt != payment.paying()) {
            return new Decision(Action.REFUND_CHARGE, "attempt " + attempt + " was charged too, but attempt "
                    + payment.paying() + " paid the payment: a second charge");
        }
        if (attempt == payment.latest()) {
            // A latest attempt an earlier one's late success superseded is looked up until it ends: its failure
            // is expected, not alarming.
            return !success && payment.paying() != 0 && attempt != payment.paying() ? new Decision(Action.NOTHING,
                    "attempt " + attempt + " was superseded: attempt " + payment.paying() + " paid the payment")
                    : null;
        }
        if (!success) {
            return new Decision(Action.NOTHING, "about attempt " + attempt + ", not the latest attempt "
                    + payment.latest() + ": recorded, nothing moves");
        }
        return switch (payment.status()) {
            case PENDING -> new Decision(Action.SETTLE, "attempt " + attempt + "'s charge was taken: it pays the payment");
            case SUCCESS -> new Decision(Action.NOTHING, "already settled");
            case FAILED -> new Decision(Action.REFUND_CHARGE, "the gateway took attempt " + attempt
                    + "'s charge after the payment had failed");
        };
    }
}
