package org.souk.ledger.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.persistence.EntityManager;

import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.PostingKind;

/** The reads the ledger's writers decide on: earlier postings, escrow and account balances. */
final class LedgerReads {

    /** The postings that release an order's escrow. */
    static final Set<PostingKind> RELEASES = Set.of(PostingKind.ORDER_COMPLETED, PostingKind.ORDER_CANCELLED);

    private LedgerReads() {
    }

    /** The posting of a cause, if it was posted already. */
    static Optional<Posting> existing(EntityManager em, String cause) {
        return em.createQuery("SELECT p FROM PostingEntity p WHERE p.cause = :cause", PostingEntity.class)
                .setParameter("cause", cause).getResultList().stream().findFirst().map(p -> toPosting(em, p));
    }

    static Posting toPosting(EntityManager em, PostingEntity p) {
        return p.toPosting(em.createQuery("SELECT e FROM EntryEntity e WHERE e.postingId = :p ORDER BY e.lineNo",
                EntryEntity.class).setParameter("p", p.id()).getResultList().stream().map(EntryEntity::toEntry).toList());
    }

    /** The books an order's earnings go to: a test payment's play money is kept apart from real money. */
    static Book book(EntityManager em, String orderId) {
        return em.createQuery("SELECT COUNT(p) FROM PostingEntity p WHERE p.orderId = :order AND p.kind = :kind",
                Long.class).setParameter("order", orderId).setParameter("kind", PostingKind.TEST_PAYMENT_CAPTURED)
                .getSingleResult() > 0 ? Book.TEST : Book.REAL;
    }

    /** What the order's escrow holds, per currency (empty if it never held anything). */
    static Map<String, Long> escrow(EntityManager em, String orderId) {
        Map<String, Long> held = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("SELECT e.currency, SUM(e.amountMinor) FROM EntryEntity e"
                + " WHERE e.accountKind = :kind AND e.owner = :order GROUP BY e.currency", Object[].class)
                .setParameter("kind", AccountKind.ESCROW).setParameter("order", orderId).getResultList()) {
            held.put((String) row[0], ((Number) row[1]).longValue());
        }
        return held;
    }

    static long balance(EntityManager em, AccountKind kind, String owner, String currency) {
        Number sum = em.createQuery("SELECT SUM(e.amountMinor) FROM EntryEntity e WHERE e.accountKind = :kind"
                + " AND e.owner = :owner AND e.currency = :cur", Number.class).setParameter("kind", kind)
                .setParameter("owner", owner).setParameter("cur", currency).getSingleResult();
        return sum == null ? 0 : sum.longValue();
    }

    /** One posting's entries in one currency, summed per account kind. */
    static Map<AccountKind, Long> sumsByKind(EntityManager em, String postingId, String currency) {
        Map<AccountKind, Long> sums = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT e.accountKind, SUM(e.amountMinor) FROM EntryEntity e"
                + " WHERE e.postingId = :p AND e.currency = :cur GROUP BY e.accountKind", Object[].class)
                .setParameter("p", postingId).setParameter("cur", currency).getResultList()) {
            sums.put((AccountKind) row[0], ((Number) row[1]).longValue());
        }
        return sums;
    }
}
