package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.souk.order.internal.OrdersOnDerby.CLIENT;
import static org.souk.order.internal.OrdersOnDerby.FREELANCER;
import static org.souk.order.internal.OrdersOnDerby.STRANGER;
import static org.souk.order.internal.OrdersOnDerby.T0;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.catalog.api.Tier;
import org.souk.common.api.FieldError;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderTopics;
import org.souk.order.api.PlaceOrder;

/** Placing an order, on Derby. */
class PlacementDeskTest {

    private final OrdersOnDerby orders = new OrdersOnDerby();

    @AfterEach
    void close() {
        orders.close();
    }

    @Test
    void aPlacedOrderSnapshotsItsPackageAndWaitsForPaymentUntilItsWindowEnds() {
        Order placed = orders.placement.place(CLIENT, new PlaceOrder("gig-1", Tier.BASIC, "  A menu for a café  "));

        assertThat(placed.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(placed.stage()).isNull();
        assertThat(placed.clientId()).isEqualTo(CLIENT.userId());
        assertThat(placed.freelancerId()).isEqualTo(FREELANCER.userId());
        assertThat(placed.gigTitle()).isEqualTo("A menu design");
        assertThat(placed.requirements()).isEqualTo("A menu for a café");
        assertThat(placed.total()).isEqualTo(OrdersOnDerby.TOTAL);
        assertThat(placed.pkg().deliveryDays()).isEqualTo(3);
        assertThat(placed.timeline()).singleElement().satisfies(e -> {
            assertThat(e.toStatus()).isEqualTo(OrderStatus.PENDING);
            assertThat(e.reason()).isEqualTo("order placed");
            assertThat(e.actor()).isEqualTo(CLIENT.userId());
        });
        assertThat(placed.deadlines()).containsOnlyKeys(DeadlineKind.PAYMENT_EXPIRY)
                .containsEntry(DeadlineKind.PAYMENT_EXPIRY, T0.plus(Duration.ofHours(24)));
        assertThat(placed.allowedActions()).containsExactlyInAnyOrder(OrderAction.PAY, OrderAction.WITHDRAW);

        // Stored: the freelancer reads the same order, and both sides heard of it once.
        assertThat(orders.order(FREELANCER, placed.id()).allowedActions()).isEmpty();
        assertThat(orders.topicsOf(placed.id())).containsExactly(OrderTopics.STATUS_CHANGED);
        assertThat(orders.recorded).containsExactly(OrderTopics.STATUS_CHANGED);
    }

    @Test
    void anOrderIsNotVisibleToSomeoneWhoIsNeitherOfItsSides() {
        String id = orders.placed();
        assertThatThrownBy(() -> orders.order(STRANGER, id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> orders.views.summary(STRANGER, id)).isInstanceOf(NotFoundException.class);
        assertThat(orders.views.summary(FREELANCER, id).id()).isEqualTo(id);
    }

    @Test
    void everyMissingFieldIsNamedAndNothingIsStored() {
        ValidationException e = catchThrowableOfType(() -> orders.placement.place(CLIENT, new PlaceOrder(" ", null, " ")),
                ValidationException.class);
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("gigId", "package", "requirements");
        assertThatThrownBy(() -> orders.placement.place(CLIENT, new PlaceOrder("gig-1", Tier.BASIC,
                "r".repeat(OrderNotes.MAX_REQUIREMENTS + 1)))).isInstanceOf(ValidationException.class);
        assertThat(catchThrowableOfType(() -> orders.placement.place(CLIENT, new PlaceOrder("gig-404", Tier.BASIC, "x")),
                ValidationException.class).errors()).extracting(FieldError::field).containsExactly("gigId");
        assertThat(catchThrowableOfType(() -> orders.placement.place(CLIENT, new PlaceOrder("gig-1", Tier.PREMIUM, "x")),
                ValidationException.class).errors()).extracting(FieldError::field).containsExactly("package");
        assertThat(orders.count("OrderEntity")).isZero();
    }

    @Test
    void onlyClientsOrderAndNeverTheirOwnGig() {
        assertThatThrownBy(() -> orders.placement.place(FREELANCER, new PlaceOrder("gig-1", Tier.BASIC, "x")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> orders.placement.place(new org.souk.common.api.Caller(FREELANCER.userId(),
                org.souk.common.api.Role.CLIENT), new PlaceOrder("gig-1", Tier.BASIC, "x")))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("own gig");
        assertThat(orders.count("OrderEntity")).isZero();
    }
}
