package org.souk.ledger.internal;

import java.time.Duration;
import java.time.Instant;

import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.ledger.api.payout.PayoutResult;

/**
 * What paying a withdrawal through a provider may do, as pure functions: when a withdrawal may be claimed,
 * who may decide a claimed one, what a provider's answer leads to, and when a payout that never got an
 * answer is asked again.
 */
final class PayoutRules {

    /** The user id under which a provider's answer decides a withdrawal: {@code payout:<provider>}. */
    static final String SETTLER_PREFIX = "payout:";
    /** A claim whose provider never answered (a crash, a timeout) is asked again after this. */
    static final Duration UNANSWERED = Duration.ofMinutes(2);

    /** What to do with a withdrawal after a provider's answer. */
    enum Next {
        /** Paid: record it paid, with the provider's reference. */
        PAY,
        /** Failed for good: reject it, its amount is available again. */
        REJECT,
        /** Not settled yet: keep it claimed and ask again later. */
        WAIT
    }

    private PayoutRules() {
    }

    /** The caller whose decisions are the provider's answers. */
    static Caller settler(String provider) {
        return new Caller(SETTLER_PREFIX + provider, Role.ADMIN);
    }

    /**
     * Refuses to claim a withdrawal that is no longer requested, that a provider was asked to pay already,
     * or whose freelancer registered no payout details; checked in this order.
     */
    static void mayClaim(String id, WithdrawalStatus status, String claimedBy, boolean hasDetails) {
        LedgerRules.mayDecide(id, status);
        if (claimedBy != null) {
            throw paying(id, claimedBy);
        }
        if (!hasDetails) {
            throw ConflictException.typed(LedgerProblems.NO_PAYOUT_DETAILS, "The freelancer of withdrawal " + id
                    + " registered no payout details (IBAN and account holder) to pay it to");
        }
    }

    /**
     * A claimed withdrawal is decided by its provider's answer alone: paying or rejecting it by hand while the
     * provider may still send the money could pay it twice, or give back money that left.
     */
    static void mayDecide(String id, String payoutProvider, String decider) {
        if (payoutProvider != null && !(SETTLER_PREFIX + payoutProvider).equals(decider)) {
            throw paying(id, payoutProvider);
        }
    }

    static Next next(PayoutResult result) {
        if (result == null || result.status() == null) {
            return Next.WAIT;
        }
        return switch (result.status()) {
            case PAID -> Next.PAY;
            case FAILED -> Next.REJECT;
            case PENDING -> Next.WAIT;
        };
    }

    /**
     * A claim without the provider's reference is asked again once it has waited {@link #UNANSWERED} since a
     * provider was last asked about it (the claim, or the last ask again).
     */
    static boolean askAgain(String reference, Instant lastAsked, Instant now) {
        return reference == null && (lastAsked == null || !lastAsked.plus(UNANSWERED).isAfter(now));
    }

    /**
     * An administrator may release only a requested withdrawal that a provider is paying; releasing needs a note
     * saying why (what was checked with the provider or the bank). Returns the note, trimmed.
     */
    static String mayRelease(String id, WithdrawalStatus status, String payoutProvider, String note) {
        LedgerRules.mayDecide(id, status);
        if (payoutProvider == null) {
            throw ConflictException.typed(LedgerProblems.WITHDRAWAL_NOT_PAYING, "No payout provider is paying "
                    + "withdrawal " + id + "; pay or reject it by hand");
        }
        String text = note == null ? "" : note.trim();
        if (text.isEmpty()) {
            throw new ValidationException("note", "is required: why the payout is released (what the provider or the "
                    + "bank said)");
        }
        if (text.length() > LedgerRules.MAX_REASON || text.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("note", "must be one line of at most " + LedgerRules.MAX_REASON + " characters");
        }
        return text;
    }

    /** What is recorded of a release: the provider it was taken from, its reference if any, and the note. */
    static String releaseNote(String provider, String reference, String note) {
        return provider + (reference == null ? "" : " (" + reference + ")") + ": " + note;
    }

    /** A provider's text cut to what a column holds, or the fallback when it gave none. */
    static String text(String value, int max, String fallback) {
        String t = value == null || value.isBlank() ? fallback : value.trim();
        return t.length() <= max ? t : t.substring(0, max);
    }

    private static ConflictException paying(String id, String provider) {
        return ConflictException.typed(LedgerProblems.WITHDRAWAL_PAYING, "Withdrawal " + id + " is being paid through "
                + provider + "; its answer decides it");
    }
}
