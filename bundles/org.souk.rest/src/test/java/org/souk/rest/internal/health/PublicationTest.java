package org.souk.rest.internal.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.souk.common.api.health.CheckResult;

class PublicationTest {

    private static final CheckResult DOWN = CheckResult.down("rest-resources", true, "missing: OrdersResource");

    @Test
    void onlyThePathsOfMissingResourcesAreUnavailable() {
        Publication orders = new Publication(DOWN, true, List.of(Publication.template("orders"),
                Publication.template("/orders/{orderId}/review/")));
        assertThat(orders.unavailable("orders")).isTrue();
        assertThat(orders.unavailable("orders/42/payment")).isTrue();
        assertThat(orders.unavailable("ordersx")).isFalse();
        assertThat(orders.unavailable("gigs")).isFalse();
        assertThat(orders.unavailable("no/such/path")).isFalse();

        Publication review = new Publication(DOWN, true, List.of(Publication.template("orders/{orderId}/review")));
        assertThat(review.unavailable("orders/42/review")).isTrue();
        assertThat(review.unavailable("orders/42")).isFalse();
        assertThat(review.unavailable("orders/42/messages")).isFalse();
    }

    @Test
    void everythingIsUnavailableWhileTheApplicationIsIncomplete() {
        Publication incomplete = new Publication(DOWN, false, List.of());
        assertThat(incomplete.unavailable("gigs")).isTrue();
        assertThat(incomplete.unavailable("no/such/path")).isTrue();
        assertThat(new Publication(DOWN, true, List.of(Publication.template(""))).unavailable("anything")).isTrue();
    }
}
