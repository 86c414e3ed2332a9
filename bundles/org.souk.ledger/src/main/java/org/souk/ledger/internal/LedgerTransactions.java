package org.souk.ledger.internal;

import java.util.function.Supplier;

import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.souk.common.api.ConflictException;
import org.souk.common.api.SoukException;
import org.souk.persistence.Conflicts;

/**
 * The ledger's transactions. Refusals found while reading inside the caller's transaction are carried out of
 * the transaction template as values and thrown after it, so that a refusal does not mark the caller's
 * transaction rollback-only (the template does that for anything thrown inside it).
 */
final class LedgerTransactions {

    private final JpaTemplate jpa;

    LedgerTransactions(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** Reads in the caller's transaction if there is one, else without one. */
    <T> T read(EmFunction<T> work) {
        return jpa.txExpr(TransactionType.Supports, work);
    }

    /** Runs work in a transaction of its own, whatever the caller's. */
    <T> T inNewTransaction(EmFunction<T> work) {
        return jpa.txExpr(TransactionType.RequiresNew, work);
    }

    /**
     * Runs work in the caller's transaction (or a new one). A refusal thrown by the work comes out as a value
     * and is thrown here, after the template, so the caller's transaction stays usable; the work throws
     * refusals only before it writes anything.
     */
    <T> T inTransaction(EmFunction<T> work) {
        Object result = jpa.txExpr(TransactionType.Required, em -> {
            try {
                return work.apply(em);
            } catch (SoukException refusal) {
                return new Refused(refusal);
            }
        });
        if (result instanceof Refused refused) {
            throw refused.refusal();
        }
        @SuppressWarnings("unchecked")
        T value = (T) result;
        return value;
    }

    private record Refused(SoukException refusal) {
    }

    /** A refusal as itself, a lost race (unique key, version) as the given conflict, anything else as it is. */
    static <T> T translated(String problem, String message, Supplier<T> work) {
        try {
            return work.get();
        } catch (SoukException refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            if (Conflicts.isConflict(e)) {
                throw ConflictException.typed(problem, message, e);
            }
            throw e;
        }
    }
}
