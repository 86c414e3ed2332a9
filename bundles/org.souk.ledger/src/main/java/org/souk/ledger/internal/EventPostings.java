package org.souk.ledger.internal;

import static org.souk.ledger.internal.LedgerReads.balance;
import static org.souk.ledger.internal.LedgerReads.book;
import static org.souk.ledger.internal.LedgerReads.escrow;
import static org.souk.ledger.internal.LedgerReads.existing;
import static org.souk.ledger.internal.LedgerReads.sumsByKind;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.ConflictException;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.Conversion;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.PostingKind;
import org.souk.ledger.api.SignedMoney;

/**
 * What the payment and order events post: a capture into escrow, a stray charge into suspense and back, the
 * release of an order's escrow (with its clearance), a refund paid out and a clawback. Each event posts once,
 * keyed on its cause.
 */
final class EventPostings {

    /** Logs under the service's name, where operators look for the ledger's warnings. */
    private static final Logger LOG = LoggerFactory.getLogger(JpaLedgerService.class);

    private final LedgerTransactions tx;
    private final PostingWriter writer;
    private final Supplier<Instant> now;
    private final Supplier<LedgerSettings> settings;

    EventPostings(LedgerTransactions tx, PostingWriter writer, Supplier<Instant> now, Supplier<LedgerSettings> settings) {
        this.tx = tx;
        this.writer = writer;
        this.now = now;
        this.settings = settings;
    }

    Posting paymentCaptured(String orderId, String paymentId, String provider, Money amount, Conversion conversion,
            boolean test) {
        requireId("orderId", orderId);
        requireId("paymentId", paymentId);
        requireId("provider", provider);
        LedgerRules.requirePositive("amount", amount);
        String cause = "payment:" + paymentId + ":captured";
        return tx.inTransaction(em -> existing(em, cause).orElseGet(() -> {
            Map<String, Long> escrow = escrow(em, orderId);
            if (!escrow.isEmpty() && !escrow.containsKey(amount.currency())) {
                throw ConflictException.typed(LedgerProblems.ESCROW_SHORT, "Order " + orderId + " is held in "
                        + escrow.keySet() + ", not " + amount.currency());
            }
            PostingKind kind = test ? PostingKind.TEST_PAYMENT_CAPTURED : PostingKind.PAYMENT_CAPTURED;
            return writer.post(em, cause, kind, orderId, null, null, conversion, LedgerRules.move(amount,
                    LedgerRules.clearing(provider, amount.currency()), LedgerRules.escrow(orderId, amount.currency())));
        }));
    }

    Posting strayChargeTaken(String orderId, String refundId, String provider, Money amount) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        requireId("provider", provider);
        LedgerRules.requirePositive("amount", amount);
        String cause = "refund:" + refundId + ":stray";
        return tx.inTransaction(em -> existing(em, cause).orElseGet(() -> writer.post(em, cause, PostingKind.STRAY_CHARGE,
                orderId, null, null, null, LedgerRules.move(amount, LedgerRules.clearing(provider, amount.currency()),
                        LedgerRules.suspense(orderId, amount.currency())))));
    }

    Optional<Posting> strayChargeReturned(String orderId, String refundId, String provider, Money amount) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        String cause = "refund:" + refundId + ":returned";
        return tx.inTransaction(em -> {
            Optional<Posting> done = existing(em, cause);
            Optional<Posting> taken = existing(em, "refund:" + refundId + ":stray");
            if (done.isPresent() || taken.isEmpty()) {
                return done; // a charge recorded before the ledger held stray charges has nothing to return
            }
            // Returned exactly as it was taken: the same clearing account, the same amount, whatever the caller says.
            LedgerEntry from = taken.get().entries().stream()
                    .filter(e -> e.account().kind() == AccountKind.GATEWAY_CLEARING).findFirst().orElseThrow();
            Money back = from.amount().magnitude();
            if (amount != null && !amount.equals(back)) {
                LOG.warn("Stray charge refund {} of order {} paid {}, its charge was {}: the suspense returns {}", refundId,
                        orderId, amount, back, back);
            }
            return Optional.of(writer.post(em, cause, PostingKind.STRAY_CHARGE_RETURNED, orderId, null, null, null,
                    LedgerRules.move(back, LedgerRules.suspense(orderId, back.currency()),
                            LedgerRules.clearing(from.account().owner(), back.currency()))));
        });
    }

    Optional<Posting> orderCompleted(String orderId, String freelancerId) {
        requireId("orderId", orderId);
        requireId("freelancerId", freelancerId);
        return release(orderId, freelancerId, null, "order:" + orderId + ":completed", PostingKind.ORDER_COMPLETED);
    }

    Optional<Posting> orderCancelled(String orderId, String freelancerId, Money refund) {
        requireId("orderId", orderId);
        if (refund == null) {
            throw new ValidationException("refund", "is required (zero for none)");
        }
        return release(orderId, freelancerId, refund, "order:" + orderId + ":cancelled", PostingKind.ORDER_CANCELLED);
    }

    private Optional<Posting> release(String orderId, String freelancerId, Money refund, String cause, PostingKind kind) {
        LedgerSettings current = settings.get();
        return tx.inTransaction(em -> {
            Optional<Posting> done = existing(em, cause);
            if (done.isPresent()) {
                return done;
            }
            Map<String, Long> held = escrow(em, orderId);
            Money escrow;
            if (held.isEmpty()) {
                if (refund != null && !refund.isZero()) {
                    throw new ValidationException("refund", "must be zero: order " + orderId + " holds nothing in escrow");
                }
                return Optional.<Posting>empty();
            } else if (held.size() > 1) {
                throw new IllegalStateException("escrow of order " + orderId + " holds " + held.keySet());
            } else {
                var only = held.entrySet().iterator().next();
                escrow = Money.ofMinor(only.getValue(), only.getKey());
            }
            Money refunded = refund == null ? Money.ofMinor(0, escrow.currency()) : refund;
            if (escrow.isZero() && refunded.isZero()) {
                return Optional.<Posting>empty();
            }
            List<LedgerEntry> entries = LedgerRules.release(orderId, freelancerId, escrow, refunded,
                    current.commissionPercent(), book(em, orderId));
            Posting posting = writer.post(em, cause, kind, orderId, freelancerId, current.commissionPercent(), null, entries);
            Money pending = entries.stream().filter(e -> e.account().kind() == AccountKind.FREELANCER_PENDING)
                    .map(e -> e.amount().magnitude()).findFirst().orElse(null);
            if (pending != null) {
                Instant at = now.get();
                em.persist(new ClearanceEntity(UUID.randomUUID().toString(), orderId, freelancerId, pending,
                        at.plus(current.clearancePeriod()), at));
            }
            em.flush();
            return Optional.of(posting);
        });
    }

    Posting refundPaid(String orderId, String refundId, String provider, Money amount) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        requireId("provider", provider);
        LedgerRules.requirePositive("amount", amount);
        String cause = "refund:" + refundId + ":paid";
        return tx.inTransaction(em -> existing(em, cause).orElseGet(() -> {
            long payable = balance(em, AccountKind.REFUNDS_PAYABLE, orderId, amount.currency());
            if (payable < amount.minor()) {
                throw ConflictException.typed(LedgerProblems.NOTHING_PAYABLE, "Order " + orderId + " owes its client "
                        + new SignedMoney(payable, amount.currency()) + ", less than the refund of " + amount);
            }
            return writer.post(em, cause, PostingKind.REFUND_PAID, orderId, null, null, null, LedgerRules.move(amount,
                    LedgerRules.refundsPayable(orderId, amount.currency()), LedgerRules.clearing(provider, amount.currency())));
        }));
    }

    Posting clawback(String orderId, String refundId, Money refund) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        LedgerRules.requirePositive("refund", refund);
        String cause = "refund:" + refundId + ":clawback";
        return tx.inTransaction(em -> existing(em, cause).orElseGet(() -> {
            PostingEntity release = em.createQuery("SELECT p FROM PostingEntity p WHERE p.orderId = :order"
                    + " AND p.kind IN :kinds", PostingEntity.class).setParameter("order", orderId)
                    .setParameter("kinds", LedgerReads.RELEASES).getResultList().stream().findFirst().orElse(null);
            if (release == null || release.freelancerId() == null) {
                throw new ValidationException("orderId", "order " + orderId + " has no released earnings to claw back");
            }
            String cur = refund.currency();
            Book book = book(em, orderId);
            Map<AccountKind, Long> released = sumsByKind(em, release.id(), cur);
            long commission = released.getOrDefault(book.revenue, 0L);
            long earned = commission + released.getOrDefault(book.earned, 0L);
            if (earned == 0) {
                throw new ValidationException("refund", "order " + orderId + " released no earnings in " + cur);
            }
            long clawed = 0;
            long returned = 0;
            for (PostingEntity earlier : em.createQuery("SELECT p FROM PostingEntity p WHERE p.orderId = :order"
                    + " AND p.kind = :kind", PostingEntity.class).setParameter("order", orderId)
                    .setParameter("kind", PostingKind.CLAWBACK).getResultList()) {
                Map<AccountKind, Long> sums = sumsByKind(em, earlier.id(), cur);
                clawed += sums.getOrDefault(AccountKind.REFUNDS_PAYABLE, 0L);
                returned -= sums.getOrDefault(book.revenue, 0L);
            }
            List<LedgerEntry> entries = LedgerRules.clawback(orderId, release.freelancerId(), refund,
                    Money.ofMinor(earned, cur), Money.ofMinor(commission, cur), Money.ofMinor(clawed, cur),
                    Money.ofMinor(returned, cur), release.commissionPercent(), book);
            return writer.post(em, cause, PostingKind.CLAWBACK, orderId, release.freelancerId(),
                    release.commissionPercent(), null, entries);
        }));
    }

    private static void requireId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (value.length() > 128) {
            throw new ValidationException(field, "must be at most 128 characters");
        }
    }
}
