package org.souk.ledger.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.souk.common.api.Page;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.AccountLine;
import org.souk.ledger.api.FreelancerBalance;
import org.souk.ledger.api.LedgerCheck;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.PostingKind;
import org.souk.ledger.api.SignedMoney;
import org.souk.ledger.api.WithdrawalStatus;

/** What the ledger shows: a freelancer's balances and lines, an order's postings, and the audit of the whole. */
final class LedgerQueries {

    private static final Set<AccountKind> FREELANCER_KINDS = Set.of(AccountKind.FREELANCER_PENDING,
            AccountKind.FREELANCER_AVAILABLE, AccountKind.WITHDRAWAL_RESERVED, AccountKind.FREELANCER_PAID_OUT,
            AccountKind.TEST_EARNINGS);

    private final LedgerTransactions tx;

    LedgerQueries(LedgerTransactions tx) {
        this.tx = tx;
    }

    List<FreelancerBalance> balances(String freelancerId) {
        return tx.read(em -> {
            Map<String, Map<AccountKind, Long>> byCurrency = new LinkedHashMap<>();
            for (Object[] row : em.createQuery("SELECT e.currency, e.accountKind, SUM(e.amountMinor) FROM EntryEntity e"
                    + " WHERE e.owner = :me AND e.accountKind IN :kinds GROUP BY e.currency, e.accountKind"
                    + " ORDER BY e.currency", Object[].class).setParameter("me", freelancerId)
                    .setParameter("kinds", FREELANCER_KINDS).getResultList()) {
                byCurrency.computeIfAbsent((String) row[0], c -> new HashMap<>())
                        .put((AccountKind) row[1], ((Number) row[2]).longValue());
            }
            List<FreelancerBalance> out = new ArrayList<>();
            byCurrency.forEach((cur, sums) -> out.add(new FreelancerBalance(freelancerId, cur,
                    signed(sums, AccountKind.FREELANCER_PENDING, cur), signed(sums, AccountKind.FREELANCER_AVAILABLE, cur),
                    signed(sums, AccountKind.WITHDRAWAL_RESERVED, cur), signed(sums, AccountKind.FREELANCER_PAID_OUT, cur),
                    signed(sums, AccountKind.TEST_EARNINGS, cur))));
            return out;
        });
    }

    Page<AccountLine> entries(String freelancerId, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        int from = Math.max(0, offset);
        return tx.read(em -> {
            long total = em.createQuery("SELECT COUNT(e) FROM EntryEntity e WHERE e.owner = :me AND e.accountKind IN :kinds",
                    Long.class).setParameter("me", freelancerId).setParameter("kinds", FREELANCER_KINDS).getSingleResult();
            List<AccountLine> items = em.createQuery("SELECT e FROM EntryEntity e WHERE e.owner = :me"
                    + " AND e.accountKind IN :kinds ORDER BY e.createdAt DESC, e.seq DESC, e.lineNo DESC", EntryEntity.class)
                    .setParameter("me", freelancerId).setParameter("kinds", FREELANCER_KINDS)
                    .setFirstResult(from).setMaxResults(size).getResultList().stream().map(EntryEntity::toLine).toList();
            return new Page<>(items, from, size, total);
        });
    }

    List<Posting> orderPostings(String orderId) {
        return tx.read(em -> em.createQuery("SELECT p FROM PostingEntity p"
                + " WHERE p.orderId = :order ORDER BY p.createdAt, p.seq", PostingEntity.class)
                .setParameter("order", orderId).getResultList().stream().map(p -> LedgerReads.toPosting(em, p)).toList());
    }

    /** Reads the sums {@link LedgerAudit} judges. */
    LedgerCheck check() {
        return tx.read(em -> {
            long postings = em.createQuery("SELECT COUNT(p) FROM PostingEntity p", Long.class).getSingleResult();
            List<LedgerAudit.PostingSum> sums = em.createQuery("SELECT e.postingId, e.currency, SUM(e.amountMinor)"
                    + " FROM EntryEntity e GROUP BY e.postingId, e.currency HAVING SUM(e.amountMinor) <> 0",
                    Object[].class).getResultList().stream()
                    .map(r -> new LedgerAudit.PostingSum((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
            List<String> empty = em.createQuery("SELECT p.cause FROM PostingEntity p WHERE NOT EXISTS"
                    + " (SELECT e FROM EntryEntity e WHERE e.postingId = p.id)", String.class).getResultList();
            List<LedgerAudit.AccountSum> accounts = em.createQuery("SELECT e.accountKind, e.owner, e.currency,"
                    + " SUM(e.amountMinor) FROM EntryEntity e GROUP BY e.accountKind, e.owner, e.currency", Object[].class)
                    .getResultList().stream().map(r -> new LedgerAudit.AccountSum((AccountKind) r[0], (String) r[1],
                            (String) r[2], ((Number) r[3]).longValue())).toList();
            Set<String> closed = Set.copyOf(em.createQuery("SELECT p.orderId FROM PostingEntity p WHERE p.kind IN :kinds",
                    String.class).setParameter("kinds", LedgerReads.RELEASES).getResultList());
            Set<String> clawedBack = Set.copyOf(em.createQuery("SELECT p.freelancerId FROM PostingEntity p"
                    + " WHERE p.kind = :kind", String.class).setParameter("kind", PostingKind.CLAWBACK).getResultList());
            List<LedgerAudit.OpenSum> open = em.createQuery("SELECT w.freelancerId, w.currency, SUM(w.amountMinor)"
                    + " FROM WithdrawalEntity w WHERE w.status = :requested GROUP BY w.freelancerId, w.currency",
                    Object[].class).setParameter("requested", WithdrawalStatus.REQUESTED).getResultList().stream()
                    .map(r -> new LedgerAudit.OpenSum((String) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
            return LedgerAudit.audit(postings, sums, empty, accounts, closed, clawedBack, open);
        });
    }

    private static SignedMoney signed(Map<AccountKind, Long> sums, AccountKind kind, String currency) {
        return new SignedMoney(sums.getOrDefault(kind, 0L), currency);
    }
}
