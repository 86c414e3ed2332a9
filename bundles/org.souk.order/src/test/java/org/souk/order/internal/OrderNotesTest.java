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
        assertThatCode(() -> OrderNotes.checkNote("n".repeat(OrderLimits.MAX_NOTE))).doesNotThrowAnyException();
        assertThatCode(() -> OrderNotes.checkNote(null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> OrderNotes.checkNote("n".repeat(OrderLimits.MAX_NOTE + 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().get(0).field()).isEqualTo("note");
                    assertThat(e.errors().get(0).reason()).contains(String.valueOf(OrderLimits.MAX_NOTE));
                });
    }

    @Test
    void theLongestNoteFitsTheTimelineWhateverTheCancellationReason() {
        String longest = "n".repeat(OrderLimits.MAX_NOTE);
        for (CancellationReason reason : CancellationReason.values()) {
            // The timeline line the transition desk records for a direct cancellation with this note.
            String why = OrderNotes.cancellation(reason, longest);
            assertThat(why).as(reason.name()).endsWith(": " + longest);
            assertThat(why.length()).as(reason.name()).isLessThanOrEqualTo(OrderNotes.MAX_REASON);
        }
    }

    @Test
    void aCancellationWithoutANoteIsItsReasonInWords() {
        assertThat(OrderNotes.cancellation(CancellationReason.LATE_DELIVERY, null)).isEqualTo("late delivery");
        assertThat(OrderNotes.cancellation(CancellationReason.CLIENT_WITHDREW, " ")).isEqualTo("client withdrew");
        assertThat(OrderNotes.cancellation(CancellationReason.POLICY_VIOLATION, "spam"))
                .isEqualTo("policy violation: spam");
    }

    @Test
    void aTimelineLineLongerThanItsColumnIsCutWithAnEllipsis() {
        assertThat(OrderNotes.clip("short")).isEqualTo("short");
        String clipped = OrderNotes.clip("x".repeat(OrderNotes.MAX_REASON + 10));
        assertThat(clipped).hasSize(OrderNotes.MAX_REASON).endsWith("…");
        assertThat(OrderNotes.clip("x".repeat(OrderNotes.MAX_REASON))).doesNotEndWith("…");
    }

    @Test
    void aRequestNeedsAReasonOfAtMostANotesLength() {
        assertThat(OrderNotes.requestReason("  too slow  ")).isEqualTo("too slow");
        assertThatThrownBy(() -> OrderNotes.requestReason(" ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> OrderNotes.requestReason("r".repeat(OrderLimits.MAX_NOTE + 1)))
                .isInstanceOf(ValidationException.class);
    }
}
