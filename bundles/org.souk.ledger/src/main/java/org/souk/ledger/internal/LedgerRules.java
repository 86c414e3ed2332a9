package org.souk.ledger.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.souk.common.api.ConflictException;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.Account;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.SignedMoney;
import org.souk.ledger.api.WithdrawalStatus;

/**
 * The ledger's rules as pure functions: what each business event posts, how the commission is split, and
 * what a withdrawal may do. The service only loads, asks these and saves.
 */
final class LedgerRules {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final int MAX_REFERENCE = 200;
    static final int MAX_REASON = 500;

    private LedgerRules() {
    }

    /** Earnings split into the platform's commission and the freelancer's share; they add up to the earnings. */
    record Split(Money commission, Money freelancer) {
    }

    /**
     * The commission on {@code earnings} at {@code percent}: {@code earnings × percent / 100} rounded to the
     * nearest minor unit, a half to the even neighbour. The freelancer gets the exact remainder.
     */
    static Split split(Money earnings, BigDecimal percent) {
        long commission = BigDecimal.valueOf(earnings.minor()).multiply(percent)
                .divide(HUNDRED, 0, RoundingMode.HALF_EVEN).longValueExact();
        return new Split(Money.ofMinor(commission, earnings.currency()),
                Money.ofMinor(earnings.minor() - commission, earnings.currency()));
    }

    /** The sum of the entries per currency; a posting is balanced when every sum is zero. */
    static Map<String, Long> sums(List<LedgerEntry> entries) {
        Map<String, Long> sums = new TreeMap<>();
        for (LedgerEntry e : entries) {
            if (!e.account().currency().equals(e.amount().currency())) {
                throw new IllegalStateException("entry on " + e.account() + " in " + e.amount().currency());
            }
            sums.merge(e.amount().currency(), e.amount().minor(), Math::addExact);
        }
        return sums;
    }

    /** Refuses (as a bug) a posting without entries, with a zero line, or not summing to zero per currency. */
    static List<LedgerEntry> balanced(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalStateException("a posting needs entries");
        }
        for (LedgerEntry e : entries) {
            if (e.amount().isZero()) {
                throw new IllegalStateException("zero entry on " + e.account());
            }
        }
        sums(entries).forEach((currency, sum) -> {
            if (sum != 0) {
                throw new IllegalStateException("posting does not balance in " + currency + ": " + sum);
            }
        });
        return List.copyOf(entries);
    }

    /** A posting moving {@code amount} out of one account into another. */
    static List<LedgerEntry> move(Money amount, Account from, Account to) {
        return balanced(List.of(new LedgerEntry(from, SignedMoney.out(amount)), new LedgerEntry(to, SignedMoney.in(amount))));
    }

    static Account clearing(String provider, String currency) {
        return new Account(AccountKind.GATEWAY_CLEARING, provider, currency);
    }

    static Account escrow(String orderId, String currency) {
        return new Account(AccountKind.ESCROW, orderId, currency);
    }

    static Account revenue(Book book, String currency) {
        return new Account(book.revenue, Account.PLATFORM, currency);
    }

    static Account freelancer(AccountKind kind, String freelancerId, String currency) {
        return new Account(kind, freelancerId, currency);
    }

    static Account suspense(String orderId, String currency) {
        return new Account(AccountKind.SUSPENSE, orderId, currency);
    }

    static Account refundsPayable(String orderId, String currency) {
        return new Account(AccountKind.REFUNDS_PAYABLE, orderId, currency);
    }

    /**
     * An order's escrow released: {@code refund} to refunds payable, the rest split into commission (to
     * {@code book}'s revenue) and the freelancer's share (to {@code book}'s earnings: pending for real money,
     * test earnings for a test payment's). Zero parts are left out.
     *
     * @throws ValidationException if the refund is in another currency or exceeds the escrow, or if a
     *         freelancer's share has no freelancer
     */
    static List<LedgerEntry> release(String orderId, String freelancerId, Money escrow, Money refund, BigDecimal percent,
            Book book) {
        if (!refund.currency().equals(escrow.currency())) {
            throw new ValidationException("refund.currency", "must be the order's currency " + escrow.currency());
        }
        if (refund.minor() > escrow.minor()) {
            throw new ValidationException("refund", "must be at most what the order's escrow holds, " + escrow);
        }
        Money earnings = escrow.minus(refund);
        if (!earnings.isZero() && (freelancerId == null || freelancerId.isBlank())) {
            throw new ValidationException("freelancerId", "is required when part of the escrow is earned");
        }
        Split split = split(earnings, percent);
        String cur = escrow.currency();
        List<LedgerEntry> entries = new ArrayList<>();
        entries.add(new LedgerEntry(escrow(orderId, cur), SignedMoney.out(escrow)));
        addIfNotZero(entries, refundsPayable(orderId, cur), refund);
        addIfNotZero(entries, revenue(book, cur), split.commission());
        if (!split.freelancer().isZero()) {
            entries.add(new LedgerEntry(freelancer(book.earned, freelancerId, cur),
                    SignedMoney.in(split.freelancer())));
        }
        return balanced(entries);
    }

    /**
     * A refund after release: the commission's share of it (the release's commission in proportion to what is
     * refunded, rounded half-even on the running total of the order's clawbacks) from {@code book}'s revenue,
     * the rest from the freelancer's available balance (or test earnings), all to refunds payable.
     *
     * @param released what the release took out of escrow as earnings (commission plus freelancer share)
     * @param commissionTaken the commission of the release
     * @param clawedBack the refunds already clawed back for the order
     * @param commissionReturned the commission already given back by those
     */
    static List<LedgerEntry> clawback(String orderId, String freelancerId, Money refund, Money released,
            Money commissionTaken, Money clawedBack, Money commissionReturned, BigDecimal percent, Book book) {
        if (!refund.currency().equals(released.currency())) {
            throw new ValidationException("refund.currency", "must be the order's currency " + released.currency());
        }
        if (refund.isZero()) {
            throw new ValidationException("refund", "must be more than zero");
        }
        Money left = released.minus(clawedBack);
        if (refund.compareTo(left) > 0) {
            throw new ValidationException("refund", "must be at most the released earnings not clawed back yet, " + left);
        }
        // Rounded on the running total, not part by part: however a refund is split into parts, revenue
        // gives back exactly its share of everything clawed back so far, and all of it once all is.
        long clawedNow = clawedBack.minor() + refund.minor();
        long shareSoFar = clawedNow == released.minor() ? commissionTaken.minor()
                : BigDecimal.valueOf(commissionTaken.minor()).multiply(BigDecimal.valueOf(clawedNow))
                        .divide(BigDecimal.valueOf(released.minor()), 0, RoundingMode.HALF_EVEN).longValueExact();
        long fromRevenue = Math.min(shareSoFar, commissionTaken.minor()) - commissionReturned.minor();
        Money revenuePart = Money.ofMinor(Math.max(0, fromRevenue), refund.currency());
        Money freelancerPart = refund.minus(revenuePart);
        String cur = refund.currency();
        List<LedgerEntry> entries = new ArrayList<>();
        if (!revenuePart.isZero()) {
            entries.add(new LedgerEntry(revenue(book, cur), SignedMoney.out(revenuePart)));
        }
        if (!freelancerPart.isZero()) {
            entries.add(new LedgerEntry(freelancer(book.clawedFrom, freelancerId, cur),
                    SignedMoney.out(freelancerPart)));
        }
        entries.add(new LedgerEntry(refundsPayable(orderId, cur), SignedMoney.in(refund)));
        return balanced(entries);
    }

    private static void addIfNotZero(List<LedgerEntry> entries, Account account, Money amount) {
        if (!amount.isZero()) {
            entries.add(new LedgerEntry(account, SignedMoney.in(amount)));
        }
    }

    /** A positive amount, or a refusal naming the field. */
    static void requirePositive(String field, Money amount) {
        if (amount == null) {
            throw new ValidationException(field, "is required");
        }
        if (amount.isZero()) {
            throw new ValidationException(field, "must be more than zero");
        }
    }

    static void requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (value.length() > max) {
            throw new ValidationException(field, "must be at most " + max + " characters");
        }
    }

    /**
     * Whether a freelancer may withdraw {@code amount}: at least the minimum, nothing else open, no more
     * than available. {@code test} is the freelancer's test earnings, named in the refusal since they never count.
     */
    static void mayWithdraw(Money amount, BigDecimal minimum, boolean openRequest, SignedMoney available,
            SignedMoney test) {
        requirePositive("amount", amount);
        if (amount.toDecimal().compareTo(minimum) < 0) {
            throw new ValidationException("amount", "must be at least " + minimum.toPlainString() + " " + amount.currency());
        }
        if (openRequest) {
            throw ConflictException.typed(LedgerProblems.WITHDRAWAL_OPEN,
                    "A withdrawal request is open already: wait until it is paid or rejected");
        }
        if (available.minor() < amount.minor()) {
            throw ConflictException.typed(LedgerProblems.INSUFFICIENT_FUNDS,
                    "The available balance is " + available + ", less than " + amount + (test.minor() > 0
                            ? "; earnings from test payments (" + test + ") are never withdrawn" : ""));
        }
    }

    /** Whether a withdrawal in {@code status} may still be paid or rejected. */
    static void mayDecide(String id, WithdrawalStatus status) {
        if (status != WithdrawalStatus.REQUESTED) {
            throw ConflictException.typed(LedgerProblems.WITHDRAWAL_DECIDED,
                    "Withdrawal " + id + " was " + status.name().toLowerCase() + " already");
        }
    }
}
