package org.souk.persistence.testing;

import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * A bundle's persistence unit on an in-memory Derby, outside any container, for the bundles' unit tests: a
 * {@link JpaTemplate} whose {@code Required} joins the transaction open on this thread (as Aries JPA joins
 * the caller's JTA transaction) and whose {@code RequiresNew} suspends it. {@link #inCallerTransaction}
 * plays a calling service's own transaction (an order's, a payment's) around the calls that join it.
 */
public final class DerbyJpa implements JpaTemplate, AutoCloseable {

    public final EmbeddedDataSource dataSource;
    /** How many transactions of their own committed (a joined or a Supports call is none; a rollback is none). */
    public int commits;
    private final EntityManagerFactory emf;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    /**
     * @param unit the persistence unit, as the bundle's {@code META-INF/persistence.xml} names it
     * @param database a name of its own per test, so that tests do not share rows
     */
    public DerbyJpa(String unit, String database) {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:" + database);
        dataSource.setCreateDatabase("create");
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("javax.persistence.jtaDataSource", null);
        props.put("javax.persistence.nonJtaDataSource", dataSource);
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.logging.level", "WARNING");
        emf = new PersistenceProvider().createEntityManagerFactory(unit, props);
    }

    /** Runs work in a transaction of its own that the calls inside it join; it commits only if the work returns. */
    public <R> R inCallerTransaction(java.util.function.Supplier<R> work) {
        return txExpr(TransactionType.RequiresNew, em -> work.get());
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        EntityManager outer = current.get();
        boolean join = outer != null && type != TransactionType.RequiresNew && type != TransactionType.NotSupported;
        if (join) {
            try {
                return code.apply(outer);
            } catch (RuntimeException e) {
                // As Aries JPA does: whatever fails inside a joined transaction dooms the whole transaction.
                outer.getTransaction().setRollbackOnly();
                throw e;
            }
        }
        if (type == TransactionType.Supports || type == TransactionType.NotSupported) {
            EntityManager em = emf.createEntityManager();
            try {
                return code.apply(em);
            } finally {
                em.close();
            }
        }
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        current.set(em);
        tx.begin();
        try {
            R result = code.apply(em);
            if (tx.getRollbackOnly()) {
                tx.rollback();
                throw new IllegalStateException("transaction marked rollback-only");
            }
            tx.commit();
            commits++;
            return result;
        } catch (RuntimeException e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
            em.close();
        }
    }

    @Override
    public void tx(TransactionType type, EmConsumer code) {
        txExpr(type, em -> {
            code.accept(em);
            return null;
        });
    }

    @Override
    public <R> R txExpr(EmFunction<R> code) {
        return txExpr(TransactionType.Required, code);
    }

    @Override
    public void tx(EmConsumer code) {
        tx(TransactionType.Required, code);
    }

    @Override
    public void close() {
        emf.close();
    }
}
