package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Money;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.persistence.KeysetCursor;

/** The history's cursors: an order list's prefix and wording on the shared keyset cursor (KeysetCursorTest). */
class OrderHistoryCursorTest {

    private static final String ID = "0b7f3c1e-58a4-4f0e-9d51-3a2b6c7d8e9f";

    @Test
    void aCursorComesBackAsTheTimeAndIdItWasMadeOf() {
        Instant at = Instant.parse("2025-03-01T10:15:30.123456789Z");
        String text = OrderHistory.CURSORS.encode(new KeysetCursor(at, ID));

        assertThat(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8)).startsWith("o1:");
        assertThat(OrderHistory.CURSORS.decode(text)).isEqualTo(new KeysetCursor(at, ID));
    }

    @Test
    void eachRefusalSaysWhatIsWrongWithTheText() {
        assertThat(reason(" ")).isEqualTo("is empty: pass the 'next' of the previous page");
        assertThat(reason("A".repeat(200))).isEqualTo("is too long: pass the 'next' of the previous page");
        String threadCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("m1:1.2:" + ID).getBytes(StandardCharsets.UTF_8));
        assertThat(reason(threadCursor)).isEqualTo("is not a cursor of this list: pass the 'next' of the previous page");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "not base64!", "bzE6MTIzOg", "%%%", "eyJpZCI6MX0" })
    void anythingElseIsABadRequestNamingAfter(String text) {
        assertThatThrownBy(() -> OrderHistory.CURSORS.decode(text)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("after")));
    }

    @Test
    void aWellEncodedCursorWithAForgedBodyIsRefused() {
        for (String body : List.of("o1:1.2:" + ID + "' OR 1=1", "o1:1.1234567890:" + ID, "o2:1.2:" + ID,
                "o1:99999999999999999999.0:" + ID, "o1:1.2:" + "x".repeat(37), "o1:31556889864403200.0:a")) {
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> OrderHistory.CURSORS.decode(text)).as(body).isInstanceOf(ValidationException.class);
        }
        byte[] notUtf8 = { (byte) 0xC3, (byte) 0x28 };
        assertThatThrownBy(() -> OrderHistory.CURSORS.decode(Base64.getUrlEncoder().encodeToString(notUtf8)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> OrderHistory.CURSORS.decode("A".repeat(200))).isInstanceOf(ValidationException.class);
    }

    @Test
    void aPageAfterACursorMergesBothSidesNewestFirstAndPointsPastItsLastOrder() {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        // As a client: orders at t-1, t-3, t-5 ...; as a freelancer: t-2, t-4 ...; and two at one instant.
        List<OrderSummary> asClient = new ArrayList<>();
        List<OrderSummary> asFreelancer = new ArrayList<>();
        asClient.add(order("b", t));
        asFreelancer.add(order("a", t));
        for (int i = 1; i <= 4; i++) {
            (i % 2 == 1 ? asClient : asFreelancer).add(order("o" + i, t.minusSeconds(i)));
        }

        Page<OrderSummary> page = OrderHistory.keysetPage(List.of(asClient, asFreelancer), 3);

        assertThat(page.items()).extracting(OrderSummary::id).containsExactly("b", "a", "o1");
        assertThat(page.counted()).isFalse();
        assertThat(OrderHistory.CURSORS.decode(page.next())).isEqualTo(new KeysetCursor(t.minusSeconds(1), "o1"));
    }

    @Test
    void theLastPageHasNoNext() {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        List<OrderSummary> three = List.of(order("c", t), order("b", t.minusSeconds(1)), order("a", t.minusSeconds(2)));

        assertThat(OrderHistory.keysetPage(List.of(three, List.of()), 3).next()).isNull();
        assertThat(OrderHistory.keysetPage(List.of(List.of(), List.of()), 3).items()).isEmpty();
        assertThat(OrderHistory.keysetPage(List.of(three), 2).next()).isNotNull();
    }

    private static String reason(String text) {
        try {
            OrderHistory.CURSORS.decode(text);
        } catch (ValidationException e) {
            return e.errors().get(0).reason();
        }
        throw new AssertionError("not refused: " + text);
    }

    private static OrderSummary order(String id, Instant placedAt) {
        return new OrderSummary(id, "client", "freelancer", "gig", "Gig", Tier.BASIC, Money.ofMinor(100, "MAD"),
                OrderStatus.PENDING, null, placedAt, placedAt);
    }
}
