package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderLimits;

class OrderNotesTest {

    @Test
    void aNoteIsTakenUpToItsDocumentedMaximum() {
        assertThatCode(() -> JpaOrderService.checkNote("n".repeat(OrderLimits.MAX_NOTE))).doesNotThrowAnyException();
        assertThatCode(() -> JpaOrderService.checkNote(null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> JpaOrderService.checkNote("n".repeat(OrderLimits.MAX_NOTE + 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().get(0).field()).isEqualTo("note");
                    assertThat(e.errors().get(0).reason()).contains(String.valueOf(OrderLimits.MAX_NOTE));
                });
    }

    @Test
    void theLongestNoteFitsTheTimelineWhateverTheCancellationReason() {
        for (CancellationReason reason : CancellationReason.values()) {
            // The words the service puts before a cancellation note in the timeline.
            String why = reason.name().toLowerCase().replace('_', ' ') + ": " + "n".repeat(OrderLimits.MAX_NOTE);
            assertThat(why.length()).as(reason.name()).isLessThanOrEqualTo(JpaOrderService.MAX_REASON);
        }
    }
}
