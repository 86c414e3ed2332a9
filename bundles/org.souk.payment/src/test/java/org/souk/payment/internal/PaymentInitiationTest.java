package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Proxy;
import java.time.Instant;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.payment.api.PayOrder;
import org.souk.payment.api.PaymentProblems;

/** A payment's details are the caller's input: checked for shape before any provider sees them. */
class PaymentInitiationTest {

    private static List<FieldError> errorsOf(Map<String, String> details) {
        ValidationException.Collector errors = new ValidationException.Collector();
        PaymentInitiation.checkDetailsShape(details, errors);
        try {
            errors.throwIfAny();
            return List.of();
        } catch (ValidationException e) {
            return e.errors();
        }
    }

    @Test
    void reasonableDetailsPass() {
        assertThat(errorsOf(Map.of("token", "tok_123", "returnUrl", "https://souk.example/back"))).isEmpty();
    }

    @Test
    void tooManyDetailsAreOneErrorAboutTheirCount() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= PaymentInitiation.MAX_DETAILS; i++) {
            many.put("d" + i, "v");
        }
        assertThat(errorsOf(many)).containsExactly(new FieldError("details", "at most 32 entries"));
    }

    @Test
    void eachBadDetailIsNamedWithItsReason() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(" ", "x");
        details.put("n".repeat(PaymentInitiation.MAX_DETAIL_NAME + 1), "x");
        details.put("nothing", null);
        details.put("long", "v".repeat(PaymentInitiation.MAX_DETAIL_VALUE + 1));
        details.put("fine", "v".repeat(PaymentInitiation.MAX_DETAIL_VALUE));

        assertThat(errorsOf(details)).containsExactly(
                new FieldError("details. ", "a detail's name is 1 to 64 characters"),
                new FieldError("details." + "n".repeat(64) + "…", "a detail's name is 1 to 64 characters"),
                new FieldError("details.nothing", "must not be null"),
                new FieldError("details.long", "must be at most 1000 characters"));
    }

    @Test
    void anOrderThatIsNotPendingIsRefusedWithATypeThatSaysSo() {
        for (OrderStatus status : new OrderStatus[] {OrderStatus.PROCESSING, OrderStatus.COMPLETED, OrderStatus.CANCELLED}) {
            OrderSummary order = new OrderSummary("o-1", "cli", "fre", "g-1", "Logo", Tier.BASIC, new Money(25_000, "MAD"),
                    status, null, Instant.EPOCH, Instant.EPOCH);
            OrderService orders = (OrderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {OrderService.class}, (proxy, method, args) -> {
                        if (method.getName().equals("summary")) {
                            return order;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            // Refused before the gateway or the database is touched: neither is there.
            PaymentInitiation initiation = new PaymentInitiation(null, orders, null, null, null, null);
            ConflictException refused = catchThrowableOfType(() -> initiation.pay(new Caller("cli", Role.CLIENT),
                    new PayOrder("o-1", "sandbox.card", Map.of())), ConflictException.class);
            assertThat(refused).as(status.name()).isNotNull();
            assertThat(refused.problemType()).isEqualTo(PaymentProblems.ORDER_NOT_PENDING);
            assertThat(refused).hasMessageContaining(status.name()).hasMessageContaining("only a PENDING order can be paid");
        }
    }
}
