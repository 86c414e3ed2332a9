package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.souk.testing.Fakes.proxy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.order.api.OrderQuery;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.payment.api.OrderMatch;
import org.souk.payment.api.OrderMatch.How;
import org.souk.persistence.testing.DerbyJpa;

/** Finding an order by each kind of key an administrator may hold, on the payment tables in Derby. */
class JpaOrderFinderTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private final DerbyJpa jpa = new DerbyJpa("souk-payment", "finder-" + java.util.UUID.randomUUID());
    private final Map<String, OrderSummary> orders = Map.of(
            "o-1", order("o-1", "amina", "youssef"),
            "o-2", order("o-2", "salma", "youssef"));
    private final JpaOrderFinder finder;

    JpaOrderFinderTest() throws Exception {
        new PaymentSchema(jpa.dataSource);
        OrderService service = proxy(OrderService.class, (m, args) -> switch (m.getName()) {
            case "summary" -> {
                OrderSummary o = orders.get((String) args[1]);
                if (o == null) {
                    throw new NotFoundException("No order " + args[1]);
                }
                yield o;
            }
            case "list" -> {
                OrderQuery q = (OrderQuery) args[1];
                List<OrderSummary> items = orders.values().stream()
                        .filter(o -> q.clientId() == null || o.clientId().equals(q.clientId()))
                        .filter(o -> q.freelancerId() == null || o.freelancerId().equals(q.freelancerId()))
                        .sorted(java.util.Comparator.comparing(OrderSummary::id)).toList();
                yield new Page<>(items, 0, q.limit(), items.size());
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
        finder = new JpaOrderFinder(jpa, service);
        finder.users = proxy(UserDirectory.class, (m, args) -> "amina@example.ma".equals(args[0]) ? List.of("amina") : List.of());
        try (Connection c = jpa.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO payment (id, order_id, client_id, freelancer_id, status, amount_minor, currency, method,"
                    + " provider, gateway_reference, initiated_at, updated_at, version, attempt_number) VALUES ('p-1', 'o-1',"
                    + " 'amina', 'youssef', 'SUCCESS', 100, 'MAD', 'card', 'sandbox', 'ch-2', CURRENT_TIMESTAMP,"
                    + " CURRENT_TIMESTAMP, 0, 2)");
            s.execute("INSERT INTO payment_attempt (id, payment_id, attempt_number, method, provider, status,"
                    + " gateway_reference, started_at, version) VALUES ('p-1', 'p-1', 1, 'card', 'sandbox', 'DECLINED',"
                    + " 'ch-1', CURRENT_TIMESTAMP, 0), ('p-1-2', 'p-1', 2, 'card', 'sandbox', 'SUCCEEDED', 'ch-2',"
                    + " CURRENT_TIMESTAMP, 0)");
            s.execute("INSERT INTO payment_refund (id, payment_id, order_id, amount_minor, currency, status, reason,"
                    + " gateway_reference, requested_by, requested_at, updated_at, version) VALUES ('r-1', 'p-1', 'o-1',"
                    + " 100, 'MAD', 'SUCCEEDED', 'cancelled', 're-1', 'admin', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
        }
    }

    @AfterEach
    void close() {
        jpa.close();
    }

    private static OrderSummary order(String id, String client, String freelancer) {
        return new OrderSummary(id, client, freelancer, "gig-1", "A logo", null, new Money(100, "MAD"),
                OrderStatus.PROCESSING, null, T0, T0);
    }

    private List<String> found(String text) {
        return finder.find(text, 20).stream().map(m -> m.order().id() + " " + m.how().label() + " " + m.key()).toList();
    }

    @Test
    void eachKindOfKeyFindsItsOrderAndSaysHow() {
        assertThat(found("o-2")).containsExactly("o-2 order id o-2");
        assertThat(found(" p-1 ")).containsExactly("o-1 payment id p-1");
        assertThat(found("p-1-2")).containsExactly("o-1 payment id p-1-2");
        assertThat(found("ch-1")).containsExactly("o-1 gateway reference ch-1");
        assertThat(found("ch-2")).containsExactly("o-1 gateway reference ch-2");
        assertThat(found("re-1")).containsExactly("o-1 gateway reference re-1");
        assertThat(found("salma")).containsExactly("o-2 client salma");
        assertThat(found("youssef")).containsExactly("o-1 freelancer youssef", "o-2 freelancer youssef");
        assertThat(found("amina@example.ma")).containsExactly("o-1 client amina");
    }

    @Test
    void nothingMatchingOrBlankFindsNothingAndTheLimitCuts() {
        assertThat(found("nobody")).isEmpty();
        assertThat(finder.find("  ", 20)).isEmpty();
        assertThat(finder.find("youssef", 1)).extracting(OrderMatch::how).containsExactly(How.FREELANCER);
    }
}
