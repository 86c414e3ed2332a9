package org.souk.payment.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderSummary;
import org.souk.payment.api.OrderFinder;
import org.souk.payment.api.OrderMatch;
import org.souk.payment.api.OrderMatch.How;
import org.souk.persistence.Schema;

/**
 * Finds orders by the keys the payment tables hold (payment and attempt ids, the gateway's references of
 * charges and refunds) and by those the order service and the user directory know (order id, user id,
 * email address). Every key is looked up through a primary key or an index.
 */
@Component(service = OrderFinder.class)
public class JpaOrderFinder implements OrderFinder {

    private final JpaTemplate jpa;
    private final OrderService orders;

    /** Turns an address into user ids; absent when auth is not deployed, and then only ids are searched. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile UserDirectory users;

    @Activate
    public JpaOrderFinder(@Reference(target = "(osgi.unit.name=souk-payment)") JpaTemplate jpa,
            @Reference(target = PaymentSchema.TARGET) Schema schema, @Reference OrderService orders) {
        this(jpa, orders);
    }

    JpaOrderFinder(JpaTemplate jpa, OrderService orders) {
        this.jpa = jpa;
        this.orders = orders;
    }

    @Override
    public List<OrderMatch> find(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String key = text.trim();
        int max = Math.max(1, Math.min(limit, Page.MAX_LIMIT));
        Map<String, OrderMatch> found = new LinkedHashMap<>();
        summary(key).ifPresent(o -> found.put(o.id(), new OrderMatch(o, How.ORDER_ID, key)));
        Map<String, How> byPayment = jpa.txExpr(TransactionType.Supports, em -> paymentKeys(em, key));
        byPayment.forEach((orderId, how) -> summary(orderId)
                .ifPresent(o -> found.putIfAbsent(o.id(), new OrderMatch(o, how, key))));
        for (String user : usersNamed(key)) {
            addOrdersOf(found, user, How.CLIENT, max);
            addOrdersOf(found, user, How.FREELANCER, max);
        }
        return new ArrayList<>(found.values()).subList(0, Math.min(max, found.size()));
    }

    /** The orders whose payment has this id (or an attempt of it), or whose charge or refund the gateway knows by it. */
    @SuppressWarnings("unchecked")
    private static Map<String, How> paymentKeys(EntityManager em, String key) {
        Map<String, How> orderIds = new LinkedHashMap<>();
        for (Object id : em.createNativeQuery("SELECT order_id FROM payment WHERE id = ?").setParameter(1, key)
                .getResultList()) {
            orderIds.putIfAbsent((String) id, How.PAYMENT_ID);
        }
        for (Object id : em.createNativeQuery("SELECT p.order_id FROM payment_attempt a JOIN payment p ON p.id = a.payment_id"
                + " WHERE a.id = ?").setParameter(1, key).getResultList()) {
            orderIds.putIfAbsent((String) id, How.PAYMENT_ID);
        }
        List<Object> byReference = new ArrayList<>(em.createNativeQuery("SELECT p.order_id FROM payment_attempt a"
                + " JOIN payment p ON p.id = a.payment_id WHERE a.gateway_reference = ?").setParameter(1, key).getResultList());
        byReference.addAll(em.createNativeQuery("SELECT order_id FROM payment_refund WHERE gateway_reference = ?")
                .setParameter(1, key).getResultList());
        byReference.forEach(id -> orderIds.putIfAbsent((String) id, How.GATEWAY_REFERENCE));
        return orderIds;
    }

    /** The text as a user id, and the users whose address it is. */
    private Set<String> usersNamed(String key) {
        Set<String> named = new LinkedHashSet<>();
        named.add(key);
        UserDirectory directory = users;
        if (directory != null && key.contains("@")) {
            named.addAll(directory.usersWithEmail(key));
        }
        return named;
    }

    private void addOrdersOf(Map<String, OrderMatch> found, String user, How side, int max) {
        if (found.size() >= max) {
            return;
        }
        OrderQuery query = side == How.CLIENT
                ? new OrderQuery(null, 0, max, null, user, null, null, null, null)
                : new OrderQuery(null, 0, max, null, null, user, null, null, null);
        for (OrderSummary o : orders.list(Caller.SYSTEM, query).items()) {
            found.putIfAbsent(o.id(), new OrderMatch(o, side, user));
        }
    }

    private java.util.Optional<OrderSummary> summary(String orderId) {
        try {
            return java.util.Optional.of(orders.summary(Caller.SYSTEM, orderId));
        } catch (NotFoundException none) {
            return java.util.Optional.empty();
        }
    }
}
