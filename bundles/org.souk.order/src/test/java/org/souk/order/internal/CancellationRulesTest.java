package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.Money;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.RequestStatus;
import org.souk.order.internal.CancellationRules.Earlier;
import org.souk.order.internal.CancellationRules.Limits;
import org.souk.order.internal.CancellationRules.OnSilence;

class CancellationRulesTest {

    private static final Money TOTAL = new Money(25_000, "MAD");
    private static final Money NOTHING = new Money(0, "MAD");
    private static final Money HALF = new Money(12_500, "MAD");
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aFreelancersSilentClientIsRefundedInFullOrNotAtAll() {
        // The freelancer accepts, then asks to cancel keeping everything: the client's silence is no consent.
        assertThat(CancellationRules.onSilence(false, NOTHING, TOTAL, false)).isEqualTo(OnSilence.EXPIRE);
        assertThat(CancellationRules.onSilence(false, HALF, TOTAL, true)).isEqualTo(OnSilence.EXPIRE);
        // Offering the whole total back is what the client could get anyway.
        assertThat(CancellationRules.onSilence(false, TOTAL, TOTAL, false)).isEqualTo(OnSilence.ACCEPT);
        assertThat(CancellationRules.onSilence(false, TOTAL, TOTAL, true)).isEqualTo(OnSilence.ACCEPT);
    }

    @Test
    void aClientsFullRefundIsAcceptedBySilenceOnlyBeforeAnythingWasDelivered() {
        assertThat(CancellationRules.onSilence(true, TOTAL, TOTAL, false)).isEqualTo(OnSilence.ACCEPT);
        // After a delivery the freelancer's default is being paid: silence does not give it away.
        assertThat(CancellationRules.onSilence(true, TOTAL, TOTAL, true)).isEqualTo(OnSilence.EXPIRE);
        assertThat(CancellationRules.onSilence(true, HALF, TOTAL, false)).isEqualTo(OnSilence.EXPIRE);
        assertThat(CancellationRules.onSilence(true, HALF, TOTAL, true)).isEqualTo(OnSilence.EXPIRE);
    }

    @Test
    void aSideAsksAgainOnlyAfterTheCooldownAndAtMostTwice() {
        Limits limits = Limits.DEFAULT;
        assertThat(CancellationRules.mayAsk(List.of(), NOW, limits)).isTrue();
        CancellationRules.checkMayAsk(List.of(), NOW, limits);

        List<Earlier> declined = List.of(new Earlier(RequestStatus.DECLINED, NOW));
        assertThat(CancellationRules.mayAsk(declined, NOW.plus(Duration.ofHours(47)), limits)).isFalse();
        assertThatThrownBy(() -> CancellationRules.checkMayAsk(declined, NOW.plus(Duration.ofHours(47)), limits))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(OrderProblems.REQUEST_COOLDOWN);
                    assertThat(e.getMessage()).contains(NOW.plus(Duration.ofDays(2)).toString());
                });
        assertThat(CancellationRules.mayAsk(declined, NOW.plus(Duration.ofDays(2)), limits)).isTrue();

        List<Earlier> expired = List.of(new Earlier(RequestStatus.EXPIRED, NOW));
        assertThat(CancellationRules.mayAsk(expired, NOW.plus(Duration.ofDays(1)), limits)).isFalse();
        // A request withdrawn by its author is a negotiation, not a refusal: no cooldown, but it counts.
        List<Earlier> withdrawn = List.of(new Earlier(RequestStatus.WITHDRAWN, NOW));
        assertThat(CancellationRules.mayAsk(withdrawn, NOW, limits)).isTrue();

        List<Earlier> twice = List.of(new Earlier(RequestStatus.DECLINED, NOW.minus(Duration.ofDays(9))),
                new Earlier(RequestStatus.WITHDRAWN, NOW.minus(Duration.ofDays(5))));
        assertThat(CancellationRules.mayAsk(twice, NOW, limits)).isFalse();
        assertThatThrownBy(() -> CancellationRules.checkMayAsk(twice, NOW, limits))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(OrderProblems.REQUEST_LIMIT));
        assertThat(CancellationRules.mayAsk(twice, NOW, new Limits(Duration.ofDays(2), 3))).isTrue();
    }
}
