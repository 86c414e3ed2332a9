package org.souk.notification.inapp.internal;

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
 * The bundle's persistence unit on an embedded Derby, outside any container: a {@link JpaTemplate} whose
 * {@code Required} joins the transaction open on this thread (as Aries JPA joins the caller's JTA
 * transaction) and whose {@code RequiresNew} suspends it.
 */
final class DerbyJpa implements JpaTemplate, AutoCloseable {

    final EmbeddedDataSource dataSource;
    private final EntityManagerFactory emf;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    DerbyJpa(String name) {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:" + name);
        dataSource.setCreateDatabase("create");
        Map<String, Object> props = new HashMap<>();
        props.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
        props.put("javax.persistence.jtaDataSource", null);
        props.put("javax.persistence.nonJtaDataSource", dataSource);
        props.put("eclipselink.weaving", "false");
        props.put("eclipselink.logging.level", "WARNING");
        emf = new PersistenceProvider().createEntityManagerFactory("souk-notification-inapp", props);
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
