package org.souk.ledger.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.souk.ledger.api.Conversion;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.PostingKind;

/** Writes one balanced posting and its entries; the only place a posting is created. */
final class PostingWriter {

    private final Supplier<Instant> now;
    /** Orders the postings this node writes within one instant; starts above what an earlier run wrote. */
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);

    PostingWriter(Supplier<Instant> now) {
        this.now = now;
    }

    Posting post(EntityManager em, String cause, PostingKind kind, String orderId, String freelancerId,
            BigDecimal percent, Conversion conversion, List<LedgerEntry> entries) {
        List<LedgerEntry> lines = LedgerRules.balanced(entries);
        PostingEntity posting = new PostingEntity(UUID.randomUUID().toString(), sequence.incrementAndGet(), cause, kind,
                orderId, freelancerId, now.get(), percent, conversion);
        em.persist(posting);
        // Entries refer to their posting, and without a mapped relationship the provider may order the inserts
        // either way: the posting goes first. The unique key on cause refuses a second posting of one cause
        // here (the backstop for a race).
        em.flush();
        for (int i = 0; i < lines.size(); i++) {
            em.persist(new EntryEntity(posting, i + 1, lines.get(i)));
        }
        em.flush();
        return posting.toPosting(lines);
    }
}
