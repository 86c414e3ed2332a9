package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.ledger.api.payout.PayoutResult;

class PayoutRulesTest {

    private static void refusedAs(Runnable call, String type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.problemType()).isEqualTo(type));
    }

    @Test
    void aWithdrawalIsClaimedOnceWhileRequestedAndOnlyWithPayoutDetails() {
        PayoutRules.mayClaim("w1", WithdrawalStatus.REQUESTED, null, true);
        refusedAs(() -> PayoutRules.mayClaim("w1", WithdrawalStatus.PAID, null, true), LedgerProblems.WITHDRAWAL_DECIDED);
        refusedAs(() -> PayoutRules.mayClaim("w1", WithdrawalStatus.REQUESTED, "banktransfer", true),
                LedgerProblems.WITHDRAWAL_PAYING);
        refusedAs(() -> PayoutRules.mayClaim("w1", WithdrawalStatus.REQUESTED, null, false), LedgerProblems.NO_PAYOUT_DETAILS);
    }

    @Test
    void aClaimedWithdrawalIsDecidedByItsProviderOnly() {
        PayoutRules.mayDecide("w1", null, "admin");
        PayoutRules.mayDecide("w1", "banktransfer", PayoutRules.settler("banktransfer").userId());
        refusedAs(() -> PayoutRules.mayDecide("w1", "banktransfer", "admin"), LedgerProblems.WITHDRAWAL_PAYING);
        refusedAs(() -> PayoutRules.mayDecide("w1", "banktransfer", "payout:wallet"), LedgerProblems.WITHDRAWAL_PAYING);
    }

    @Test
    void theProvidersAnswerDecides() {
        assertThat(PayoutRules.next(new PayoutResult(PayoutResult.Status.PAID, "r", null))).isEqualTo(PayoutRules.Next.PAY);
        assertThat(PayoutRules.next(new PayoutResult(PayoutResult.Status.FAILED, "r", "x"))).isEqualTo(PayoutRules.Next.REJECT);
        assertThat(PayoutRules.next(new PayoutResult(PayoutResult.Status.PENDING, "r", null))).isEqualTo(PayoutRules.Next.WAIT);
        assertThat(PayoutRules.next(null)).isEqualTo(PayoutRules.Next.WAIT);
    }

    @Test
    void anUnansweredClaimIsAskedAgainAfterAWhile() {
        Instant claimed = Instant.parse("2025-03-01T10:00:00Z");
        assertThat(PayoutRules.askAgain(null, claimed, claimed.plusSeconds(60))).isFalse();
        assertThat(PayoutRules.askAgain(null, claimed, claimed.plus(PayoutRules.UNANSWERED))).isTrue();
        assertThat(PayoutRules.askAgain("REF", claimed, claimed.plusSeconds(3600))).isFalse();
        // Asked again: the wait starts again from that ask.
        Instant askedAgain = claimed.plus(PayoutRules.UNANSWERED);
        assertThat(PayoutRules.askAgain(null, askedAgain, askedAgain.plusSeconds(60))).isFalse();
        assertThat(PayoutRules.text(null, 10, "fallback")).isEqualTo("fallback");
        assertThat(PayoutRules.text(" 0123456789abc ", 10, "f")).isEqualTo("0123456789");
    }

    @Test
    void onlyAClaimedRequestedWithdrawalIsReleasedAndWithANote() {
        assertThat(PayoutRules.mayRelease("w1", WithdrawalStatus.REQUESTED, "banktransfer", " batch lost ")).isEqualTo("batch lost");
        refusedAs(() -> PayoutRules.mayRelease("w1", WithdrawalStatus.REQUESTED, null, "x"), LedgerProblems.WITHDRAWAL_NOT_PAYING);
        refusedAs(() -> PayoutRules.mayRelease("w1", WithdrawalStatus.PAID, "banktransfer", "x"), LedgerProblems.WITHDRAWAL_DECIDED);
        assertThatThrownBy(() -> PayoutRules.mayRelease("w1", WithdrawalStatus.REQUESTED, "banktransfer", " "))
                .isInstanceOf(org.souk.common.api.ValidationException.class);
        assertThatThrownBy(() -> PayoutRules.mayRelease("w1", WithdrawalStatus.REQUESTED, "banktransfer", "a\nb"))
                .isInstanceOf(org.souk.common.api.ValidationException.class);
        assertThat(PayoutRules.releaseNote("banktransfer", "w1", "lost")).isEqualTo("banktransfer (w1): lost");
        assertThat(PayoutRules.releaseNote("wallet", null, "gone")).isEqualTo("wallet: gone");
    }
}
