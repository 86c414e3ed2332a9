package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.persistence.OptimisticLockException;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.SoukException;
import org.souk.common.api.ValidationException;

/** A refusal leaves the transaction template normally and is thrown after it, so the caller's stays usable. */
class LedgerTransactionsTest {

    /** A template without a database that remembers whether the work failed through it. */
    private static final class RecordingTemplate implements JpaTemplate {
        TransactionType type;
        boolean failedThrough;

        @Override
        public <R> R txExpr(TransactionType type, EmFunction<R> code) {
            this.type = type;
            try {
                return code.apply(null);
            } catch (RuntimeException e) {
                failedThrough = true;
                throw e;
            }
        }

        @Override
        public void tx(TransactionType type, EmConsumer code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> R txExpr(EmFunction<R> code) {
            return txExpr(TransactionType.Required, code);
        }

        @Override
        public void tx(EmConsumer code) {
            throw new UnsupportedOperationException();
        }
    }

    private final RecordingTemplate template = new RecordingTemplate();
    private final LedgerTransactions tx = new LedgerTransactions(template);

    @Test
    void aRefusalIsThrownAfterTheTemplateNotThroughIt() {
        ValidationException refusal = new ValidationException("amount", "must be positive");

        assertThatThrownBy(() -> tx.inTransaction(em -> {
            throw refusal;
        })).isSameAs(refusal);
        assertThat(template.failedThrough).isFalse();
        assertThat(template.type).isEqualTo(TransactionType.Required);
    }

    @Test
    void aFailureThatIsNoRefusalGoesThroughTheTemplateAndRollsBack() {
        assertThatThrownBy(() -> tx.inTransaction(em -> {
            throw new IllegalStateException("broken");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(template.failedThrough).isTrue();
    }

    @Test
    void aValueComesOutAsItIs() {
        assertThat(tx.<String>inTransaction(em -> "done")).isEqualTo("done");
    }

    @Test
    void aLostRaceBecomesTheGivenConflictAndARefusalStaysItself() {
        assertThatThrownBy(() -> LedgerTransactions.translated("open", "A withdrawal request is open already", () -> {
            throw new OptimisticLockException("row changed");
        })).isInstanceOf(ConflictException.class).hasMessage("A withdrawal request is open already");

        SoukException refusal = new ValidationException("reason", "is required");
        assertThatThrownBy(() -> LedgerTransactions.translated("open", "x", () -> {
            throw refusal;
        })).isSameAs(refusal);

        assertThatThrownBy(() -> LedgerTransactions.translated("open", "x", () -> {
            throw new IllegalArgumentException("bug");
        })).isExactlyInstanceOf(IllegalArgumentException.class);
    }
}
