package org.souk.ledger.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.souk.common.api.Caller;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.Role;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.PostingKind;
import org.souk.ledger.api.SignedMoney;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;

/**
 * A freelancer's withdrawal requests: asking reserves the available earnings, an administrator pays them out
 * or rejects the request (which makes them available again).
 */
final class Withdrawals {

    private final LedgerTransactions tx;
    private final PostingWriter writer;
    private final Supplier<Instant> now;
    private final Supplier<LedgerSettings> settings;

    Withdrawals(LedgerTransactions tx, PostingWriter writer, Supplier<Instant> now, Supplier<LedgerSettings> settings) {
        this.tx = tx;
        this.writer = writer;
        this.now = now;
        this.settings = settings;
    }

    Withdrawal request(Caller caller, Money amount) {
        if (caller.role() != Role.FREELANCER) {
            throw new ForbiddenException("Only freelancers withdraw their earnings");
        }
        LedgerRules.requirePositive("amount", amount);
        BigDecimal minimum = settings.get().withdrawalMinimum();
        String me = caller.userId();
        return LedgerTransactions.translated(LedgerProblems.WITHDRAWAL_OPEN, "A withdrawal request is open already",
                () -> tx.inTransaction(em -> {
                    boolean open = !em.createQuery("SELECT w.id FROM WithdrawalEntity w WHERE w.freelancerId = :me"
                            + " AND w.status = :requested", String.class).setParameter("me", me)
                            .setParameter("requested", WithdrawalStatus.REQUESTED).setMaxResults(1).getResultList().isEmpty();
                    long available = LedgerReads.balance(em, AccountKind.FREELANCER_AVAILABLE, me, amount.currency());
                    long test = LedgerReads.balance(em, AccountKind.TEST_EARNINGS, me, amount.currency());
                    LedgerRules.mayWithdraw(amount, minimum, open, new SignedMoney(available, amount.currency()),
                            new SignedMoney(test, amount.currency()));
                    WithdrawalEntity w = new WithdrawalEntity(UUID.randomUUID().toString(), me, amount, now.get());
                    em.persist(w);
                    writer.post(em, "withdrawal:" + w.id() + ":reserved", PostingKind.WITHDRAWAL_RESERVED, null, me, null,
                            null, LedgerRules.move(amount,
                                    LedgerRules.freelancer(AccountKind.FREELANCER_AVAILABLE, me, amount.currency()),
                                    LedgerRules.freelancer(AccountKind.WITHDRAWAL_RESERVED, me, amount.currency())));
                    // The unique open key refuses the second of two concurrent requests here.
                    em.flush();
                    return w.toWithdrawal();
                }));
    }

    Withdrawal pay(Caller caller, String withdrawalId, String reference) {
        LedgerRules.requireText("reference", reference, LedgerRules.MAX_REFERENCE);
        return decide(caller, withdrawalId, WithdrawalStatus.PAID, reference.trim());
    }

    Withdrawal reject(Caller caller, String withdrawalId, String reason) {
        LedgerRules.requireText("reason", reason, LedgerRules.MAX_REASON);
        return decide(caller, withdrawalId, WithdrawalStatus.REJECTED, reason.trim());
    }

    private Withdrawal decide(Caller caller, String withdrawalId, WithdrawalStatus outcome, String text) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only administrators pay or reject withdrawals");
        }
        return LedgerTransactions.translated(LedgerProblems.WITHDRAWAL_DECIDED,
                "Withdrawal " + withdrawalId + " was decided meanwhile", () -> tx.inTransaction(em -> {
                    WithdrawalEntity w = withdrawalId == null ? null : em.find(WithdrawalEntity.class, withdrawalId);
                    if (w == null) {
                        throw noWithdrawal(withdrawalId);
                    }
                    LedgerRules.mayDecide(w.id(), w.status());
                    w.decide(outcome, caller.userId(), text, now.get());
                    Money amount = w.amount();
                    String me = w.freelancerId();
                    var reserved = LedgerRules.freelancer(AccountKind.WITHDRAWAL_RESERVED, me, amount.currency());
                    if (outcome == WithdrawalStatus.PAID) {
                        writer.post(em, "withdrawal:" + w.id() + ":paid", PostingKind.WITHDRAWAL_PAID, null, me, null, null,
                                LedgerRules.move(amount, reserved,
                                        LedgerRules.freelancer(AccountKind.FREELANCER_PAID_OUT, me, amount.currency())));
                    } else {
                        writer.post(em, "withdrawal:" + w.id() + ":rejected", PostingKind.WITHDRAWAL_REJECTED, null, me,
                                null, null, LedgerRules.move(amount, reserved,
                                        LedgerRules.freelancer(AccountKind.FREELANCER_AVAILABLE, me, amount.currency())));
                    }
                    // The version column refuses the second of two concurrent decisions here.
                    em.flush();
                    return w.toWithdrawal();
                }));
    }

    /** One withdrawal, seen by its freelancer or an administrator; to anyone else it does not exist. */
    Withdrawal one(Caller caller, String withdrawalId) {
        WithdrawalEntity w = withdrawalId == null ? null : tx.read(em -> em.find(WithdrawalEntity.class, withdrawalId));
        if (w == null || !(caller.isAdmin() || caller.userId().equals(w.freelancerId()))) {
            throw noWithdrawal(withdrawalId);
        }
        return w.toWithdrawal();
    }

    /** The caller's withdrawals (an administrator's: everyone's), newest first. */
    Page<Withdrawal> page(Caller caller, WithdrawalStatus status, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        int from = Math.max(0, offset);
        List<String> conditions = new ArrayList<>();
        if (!caller.isAdmin()) {
            conditions.add("w.freelancerId = :me");
        }
        if (status != null) {
            conditions.add("w.status = :status");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return tx.read(em -> {
            var count = em.createQuery("SELECT COUNT(w) FROM WithdrawalEntity w" + where, Long.class);
            var list = em.createQuery("SELECT w FROM WithdrawalEntity w" + where
                    + " ORDER BY w.requestedAt DESC, w.id DESC", WithdrawalEntity.class);
            if (!caller.isAdmin()) {
                count.setParameter("me", caller.userId());
                list.setParameter("me", caller.userId());
            }
            if (status != null) {
                count.setParameter("status", status);
                list.setParameter("status", status);
            }
            List<Withdrawal> items = list.setFirstResult(from).setMaxResults(size).getResultList().stream()
                    .map(WithdrawalEntity::toWithdrawal).toList();
            return new Page<>(items, from, size, count.getSingleResult());
        });
    }

    private static NotFoundException noWithdrawal(String id) {
        return NotFoundException.typed(LedgerProblems.NO_WITHDRAWAL, "No withdrawal " + id);
    }
}
