package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.Account;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.SignedMoney;
import org.souk.ledger.api.WithdrawalStatus;

class LedgerRulesTest {

    private static final BigDecimal TWENTY = new BigDecimal("20");

    private static Money mad(long minor) {
        return Money.ofMinor(minor, "MAD");
    }

    @Test
    void commissionIsRoundedHalfToEvenAndTheFreelancerGetsTheExactRest() {
        assertThat(LedgerRules.split(mad(100000), TWENTY)).isEqualTo(new LedgerRules.Split(mad(20000), mad(80000)));
        // 0.2 of a centime is no centime; 0.5 goes to the even neighbour, either way.
        assertThat(LedgerRules.split(mad(1), TWENTY).commission()).isEqualTo(mad(0));
        assertThat(LedgerRules.split(mad(3), new BigDecimal("50")).commission()).isEqualTo(mad(2));
        assertThat(LedgerRules.split(mad(5), new BigDecimal("50")).commission()).isEqualTo(mad(2));
        assertThat(LedgerRules.split(mad(7), new BigDecimal("50")).commission()).isEqualTo(mad(4));
        assertThat(LedgerRules.split(mad(1004), new BigDecimal("12.5")).commission()).isEqualTo(mad(126));
        assertThat(LedgerRules.split(Money.ofMinor(999, "JPY"), TWENTY).commission()).isEqualTo(Money.ofMinor(200, "JPY"));
        assertThat(LedgerRules.split(mad(12345), BigDecimal.ZERO).freelancer()).isEqualTo(mad(12345));
        assertThat(LedgerRules.split(mad(12345), new BigDecimal("100")).freelancer()).isEqualTo(mad(0));
    }

    @Test
    void nothingIsCreatedOrLostBySplitting() {
        for (long minor = 0; minor < 2000; minor++) {
            for (String p : List.of("20", "12.5", "33.3333", "7")) {
                LedgerRules.Split split = LedgerRules.split(mad(minor), new BigDecimal(p));
                assertThat(split.commission().plus(split.freelancer())).isEqualTo(mad(minor));
            }
        }
    }

    @Test
    void aPostingMustBalanceInEachCurrencyAndHaveNoEmptyLines() {
        var escrow = LedgerRules.escrow("o1", "MAD");
        var clearing = LedgerRules.clearing("sandbox", "MAD");
        assertThatThrownBy(() -> LedgerRules.balanced(List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LedgerRules.balanced(List.of(new LedgerEntry(escrow, new SignedMoney(5, "MAD")),
                new LedgerEntry(clearing, new SignedMoney(-4, "MAD"))))).hasMessageContaining("does not balance in MAD");
        assertThatThrownBy(() -> LedgerRules.balanced(List.of(new LedgerEntry(escrow, new SignedMoney(0, "MAD")))))
                .hasMessageContaining("zero entry");
        // An entry's currency is its account's.
        assertThatThrownBy(() -> LedgerRules.balanced(List.of(new LedgerEntry(escrow, new SignedMoney(5, "EUR")),
                new LedgerEntry(LedgerRules.escrow("o2", "EUR"), new SignedMoney(-5, "EUR")))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(LedgerRules.move(mad(500), clearing, escrow)).containsExactly(
                new LedgerEntry(clearing, new SignedMoney(-500, "MAD")), new LedgerEntry(escrow, new SignedMoney(500, "MAD")));
    }

    @Test
    void aReleaseRefundsTheAgreedPartAndSplitsTheRest() {
        List<LedgerEntry> entries = LedgerRules.release("o1", "f1", mad(100000), mad(40000), TWENTY, Book.REAL);
        assertThat(entries).containsExactly(
                new LedgerEntry(LedgerRules.escrow("o1", "MAD"), new SignedMoney(-100000, "MAD")),
                new LedgerEntry(LedgerRules.refundsPayable("o1", "MAD"), new SignedMoney(40000, "MAD")),
                new LedgerEntry(LedgerRules.revenue(Book.REAL, "MAD"), new SignedMoney(12000, "MAD")),
                new LedgerEntry(LedgerRules.freelancer(AccountKind.FREELANCER_PENDING, "f1", "MAD"), new SignedMoney(48000, "MAD")));
        assertThat(LedgerRules.release("o1", null, mad(100000), mad(100000), TWENTY, Book.REAL)).hasSize(2);

        assertThatThrownBy(() -> LedgerRules.release("o1", "f1", mad(100000), mad(100001), TWENTY, Book.REAL))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> LedgerRules.release("o1", "f1", mad(100000), Money.ofMinor(1, "EUR"), TWENTY, Book.REAL))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> LedgerRules.release("o1", null, mad(100000), mad(0), TWENTY, Book.REAL))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("freelancerId"));
    }

    @Test
    void aClawbackSplitsAtTheReleasePercentAndNeverReturnsMoreCommissionThanWasTaken() {
        List<LedgerEntry> entries = LedgerRules.clawback("o1", "f1", mad(50000), mad(100000), mad(20000), mad(0), mad(0), TWENTY, Book.REAL);
        assertThat(entries).containsExactly(
                new LedgerEntry(LedgerRules.revenue(Book.REAL, "MAD"), new SignedMoney(-10000, "MAD")),
                new LedgerEntry(LedgerRules.freelancer(AccountKind.FREELANCER_AVAILABLE, "f1", "MAD"), new SignedMoney(-40000, "MAD")),
                new LedgerEntry(LedgerRules.refundsPayable("o1", "MAD"), new SignedMoney(50000, "MAD")));
        // Rounding of earlier clawbacks gave back 3 of the 3 centimes of commission: revenue gives no more.
        List<LedgerEntry> last = LedgerRules.clawback("o1", "f1", mad(3), mad(15), mad(3), mad(12), mad(3), TWENTY, Book.REAL);
        assertThat(last).extracting(e -> e.account().kind())
                .containsExactly(AccountKind.FREELANCER_AVAILABLE, AccountKind.REFUNDS_PAYABLE);

        assertThatThrownBy(() -> LedgerRules.clawback("o1", "f1", mad(4), mad(15), mad(3), mad(12), mad(3), TWENTY, Book.REAL))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("refund"));
    }

    @Test
    void clawbacksInPartsGiveBackExactlyTheCommissionAndTheEarnings() {
        // 10.00 released: 2.00 commission, 8.00 earned; refunded as 2.02 four times, then 1.92.
        long[] parts = {202, 202, 202, 202, 192};
        long clawed = 0;
        long revenueBack = 0;
        long freelancerBack = 0;
        for (long part : parts) {
            for (LedgerEntry e : LedgerRules.clawback("o1", "f1", mad(part), mad(1000), mad(200), mad(clawed),
                    mad(revenueBack), TWENTY, Book.REAL)) {
                if (e.account().kind() == AccountKind.PLATFORM_REVENUE) {
                    revenueBack -= e.amount().minor();
                } else if (e.account().kind() == AccountKind.FREELANCER_AVAILABLE) {
                    freelancerBack -= e.amount().minor();
                }
            }
            clawed += part;
        }
        assertThat(revenueBack).isEqualTo(200);
        assertThat(freelancerBack).isEqualTo(800);
    }

    @Test
    void aTestPaymentsEscrowIsReleasedAndClawedBackInTheTestAccountsOnly() {
        assertThat(LedgerRules.release("o1", "f1", mad(100000), mad(40000), TWENTY, Book.TEST)).containsExactly(
                new LedgerEntry(LedgerRules.escrow("o1", "MAD"), new SignedMoney(-100000, "MAD")),
                new LedgerEntry(LedgerRules.refundsPayable("o1", "MAD"), new SignedMoney(40000, "MAD")),
                new LedgerEntry(new Account(AccountKind.TEST_REVENUE, Account.PLATFORM, "MAD"), new SignedMoney(12000, "MAD")),
                new LedgerEntry(LedgerRules.freelancer(AccountKind.TEST_EARNINGS, "f1", "MAD"), new SignedMoney(48000, "MAD")));
        assertThat(LedgerRules.clawback("o1", "f1", mad(50000), mad(100000), mad(20000), mad(0), mad(0), TWENTY, Book.TEST))
                .extracting(e -> e.account().kind()).containsExactly(AccountKind.TEST_REVENUE, AccountKind.TEST_EARNINGS,
                        AccountKind.REFUNDS_PAYABLE);
    }

    @Test
    void aRefusedWithdrawalNamesTheTestEarningsThatDoNotCount() {
        assertThatThrownBy(() -> LedgerRules.mayWithdraw(mad(10000), new BigDecimal("100.00"), false,
                new SignedMoney(0, "MAD"), new SignedMoney(48000, "MAD")))
                .hasMessageContaining("earnings from test payments (480.00 MAD) are never withdrawn");
    }

    @Test
    void aWithdrawalNeedsTheMinimumTheFundsAndNoOtherOpenRequest() {
        BigDecimal min = new BigDecimal("100.00");
        SignedMoney noTestEarnings = new SignedMoney(0, "MAD");
        SignedMoney available = new SignedMoney(50000, "MAD");
        LedgerRules.mayWithdraw(mad(10000), min, false, available, noTestEarnings);
        LedgerRules.mayWithdraw(mad(50000), min, false, available, noTestEarnings);
        assertThatThrownBy(() -> LedgerRules.mayWithdraw(mad(9999), min, false, available, noTestEarnings))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("amount"));
        assertThatThrownBy(() -> LedgerRules.mayWithdraw(mad(50001), min, false, available, noTestEarnings))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.INSUFFICIENT_FUNDS));
        assertThatThrownBy(() -> LedgerRules.mayWithdraw(mad(10000), min, true, available, noTestEarnings))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.WITHDRAWAL_OPEN));
        assertThatThrownBy(() -> LedgerRules.mayWithdraw(mad(10000), min, false, new SignedMoney(-100, "MAD"), noTestEarnings))
                .isInstanceOf(ConflictException.class);

        LedgerRules.mayDecide("w1", WithdrawalStatus.REQUESTED);
        assertThatThrownBy(() -> LedgerRules.mayDecide("w1", WithdrawalStatus.PAID))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.WITHDRAWAL_DECIDED));
    }
}
