package org.souk.persistence;

import javax.transaction.Status;
import javax.transaction.Synchronization;
import javax.transaction.SystemException;
import javax.transaction.Transaction;
import javax.transaction.TransactionManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work once the current JTA transaction has committed, and never if it rolls back; without a
 * transaction the work runs at once. Domain events go through here so that nobody hears of a change
 * that did not happen.
 */
public final class AfterCommit {

    private static final Logger LOG = LoggerFactory.getLogger(AfterCommit.class);

    private final TransactionManager transactions;

    public AfterCommit(TransactionManager transactions) {
        this.transactions = transactions;
    }

    public void run(Runnable work) {
        Transaction tx;
        try {
            tx = transactions.getTransaction();
            if (tx == null || tx.getStatus() != Status.STATUS_ACTIVE) {
                work.run();
                return;
            }
            tx.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        runSafely(work);
                    }
                }
            });
        } catch (SystemException | javax.transaction.RollbackException e) {
            throw new IllegalStateException("cannot register after-commit work", e);
        }
    }

    private static void runSafely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("After-commit work failed", e);
        }
    }
}
