package org.souk.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderStatus;

class ArgumentsTest {

    @Test
    void anEnumValueIsReadInAnyCaseAndNothingTypedIsNoFilter() {
        assertThat(Arguments.oneOf(OrderStatus.class, "status", " processing ")).isEqualTo(OrderStatus.PROCESSING);
        assertThat(Arguments.oneOf(CancellationReason.class, "reason", "Policy_Violation"))
                .isEqualTo(CancellationReason.POLICY_VIOLATION);
        assertThat(Arguments.oneOf(OrderStatus.class, "status", null)).isNull();
        assertThat(Arguments.oneOf(OrderStatus.class, "status", "  ")).isNull();
    }

    @Test
    void anUnknownEnumValueIsRefusedNamingTheFieldAndEveryValidValue() {
        assertThatThrownBy(() -> Arguments.oneOf(OrderStatus.class, "status", "BOGUS"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("status");
                        assertThat(error.reason()).startsWith("'BOGUS' is not one of ");
                        for (OrderStatus s : OrderStatus.values()) {
                            assertThat(error.reason()).contains(s.name());
                        }
                    });
                    assertThat(e.getMessage()).doesNotContain("No enum constant");
                });
    }

    @Test
    void aNumberOutsideItsRangeIsRefusedSayingTheRangeNeverClamped() {
        assertThat(Arguments.within("max", 1, 1, 100)).isEqualTo(1);
        assertThat(Arguments.within("max", 100, 1, 100)).isEqualTo(100);
        for (int wrong : new int[] {0, -1, 101, 1000}) {
            assertThatThrownBy(() -> Arguments.within("max", wrong, 1, 100))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).singleElement()
                            .satisfies(error -> {
                                assertThat(error.field()).isEqualTo("max");
                                assertThat(error.reason()).isEqualTo("must be from 1 to 100, not " + wrong);
                            }));
        }
    }

    @Test
    void aLowerBoundAlone() {
        assertThat(Arguments.atLeast("offset", 0, 0)).isZero();
        assertThatThrownBy(() -> Arguments.atLeast("offset", -1, 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("offset: must be 0 or more, not -1");
    }

    @Test
    void aTimeIsADateInUtcOrAnInstantAndADateEndingARangeIncludesItsDay() {
        assertThat(Arguments.instant("since", "2026-12-01", false)).isEqualTo(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(Arguments.instant("until", "2026-12-01", true)).isEqualTo(java.time.Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(Arguments.instant("since", "2026-12-01T10:00:00Z", false)).isEqualTo(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(Arguments.instant("since", "2026-12-01T11:00:00+01:00", true)).isEqualTo(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(Arguments.instant("since", " ", false)).isNull();
        assertThatThrownBy(() -> Arguments.instant("since", "yesterday", false)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("since: 'yesterday' is neither a date (2026-12-01, UTC) nor an instant (2026-12-01T10:00:00Z)");
    }
}
