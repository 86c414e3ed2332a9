package org.souk.ledger.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Money;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.PostingKind;
import org.souk.notification.api.NotificationOutbox;
import org.souk.notification.api.OutboxTopics;
import org.souk.persistence.Conflicts;
import org.souk.persistence.DueRows;

/**
 * Fires due clearances: a freelancer's pending earnings become available, and the freelancer hears of it
 * through the outbox in the clearance's own transaction.
 */
final class Clearances {

    /** Logs under the service's name, where operators look for the ledger's warnings. */
    private static final Logger LOG = LoggerFactory.getLogger(JpaLedgerService.class);

    private final LedgerTransactions tx;
    private final PostingWriter writer;
    private final Supplier<Instant> now;
    private final Supplier<NotificationOutbox> outbox;

    Clearances(LedgerTransactions tx, PostingWriter writer, Supplier<Instant> now, Supplier<NotificationOutbox> outbox) {
        this.tx = tx;
        this.writer = writer;
        this.now = now;
        this.outbox = outbox;
    }

    int releaseDue(int limit) {
        Instant at = now.get();
        List<String> due = tx.read(em -> DueRows.pendingIds(em, "ledger_clearance", at, limit));
        int cleared = 0;
        for (String id : due) {
            try {
                if (tx.inNewTransaction(em -> clear(em, em.find(ClearanceEntity.class, id), at))) {
                    cleared++;
                }
            } catch (RuntimeException e) {
                if (Conflicts.isConflict(e)) {
                    LOG.debug("Clearance {} was fired by another node first", id);
                } else {
                    LOG.warn("Clearance {} could not fire: {}", id, e.toString());
                }
            }
        }
        return cleared;
    }

    /** Fires one clearance: its pending earnings become available; its version makes a second firing fail. */
    private boolean clear(EntityManager em, ClearanceEntity clearance, Instant at) {
        if (clearance == null || !clearance.dueAt(at)) {
            return false;
        }
        String cause = "order:" + clearance.orderId() + ":cleared";
        if (LedgerReads.existing(em, cause).isEmpty()) {
            Money amount = clearance.amount();
            writer.post(em, cause, PostingKind.CLEARANCE, clearance.orderId(), clearance.freelancerId(), null, null,
                    LedgerRules.move(amount,
                            LedgerRules.freelancer(AccountKind.FREELANCER_PENDING, clearance.freelancerId(), amount.currency()),
                            LedgerRules.freelancer(AccountKind.FREELANCER_AVAILABLE, clearance.freelancerId(), amount.currency())));
            outbox.get().record(OutboxTopics.EARNINGS_AVAILABLE, Map.of(OutboxTopics.CLEARANCE_ID, cause,
                    OutboxTopics.ORDER_ID, clearance.orderId(), OutboxTopics.FREELANCER_ID, clearance.freelancerId(),
                    OutboxTopics.AMOUNT, amount.toString()));
        }
        clearance.fired(at);
        em.flush();
        return true;
    }
}
