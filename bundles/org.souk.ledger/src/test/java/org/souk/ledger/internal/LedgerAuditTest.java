package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.LedgerCheck;
import org.souk.ledger.internal.LedgerAudit.AccountSum;
import org.souk.ledger.internal.LedgerAudit.OpenSum;
import org.souk.ledger.internal.LedgerAudit.PostingSum;

class LedgerAuditTest {

    private static final List<AccountSum> HEALTHY = List.of(
            new AccountSum(AccountKind.GATEWAY_CLEARING, "sandbox", "MAD", -1000),
            new AccountSum(AccountKind.ESCROW, "o1", "MAD", 0),
            new AccountSum(AccountKind.PLATFORM_REVENUE, "platform", "MAD", 200),
            new AccountSum(AccountKind.FREELANCER_AVAILABLE, "f1", "MAD", 300),
            new AccountSum(AccountKind.WITHDRAWAL_RESERVED, "f1", "MAD", 500));

    private static LedgerCheck audit(List<PostingSum> sums, List<AccountSum> accounts, Set<String> clawedBack,
            List<OpenSum> open) {
        return LedgerAudit.audit(3, sums, List.of(), accounts, Set.of("o1"), clawedBack, open);
    }

    @Test
    void aHealthyLedgerIsClean() {
        LedgerCheck check = audit(List.of(), HEALTHY, Set.of(), List.of(new OpenSum("f1", "MAD", 500)));
        assertThat(check.clean()).isTrue();
        assertThat(check.accounts()).isEqualTo(5);
    }

    @Test
    void eachBrokenRuleIsReported() {
        List<AccountSum> broken = List.of(
                new AccountSum(AccountKind.GATEWAY_CLEARING, "sandbox", "MAD", 10),
                new AccountSum(AccountKind.ESCROW, "o1", "MAD", 7),
                new AccountSum(AccountKind.ESCROW, "o2", "MAD", 7),
                new AccountSum(AccountKind.ESCROW, "o2", "EUR", 1),
                new AccountSum(AccountKind.FREELANCER_AVAILABLE, "f1", "MAD", -300),
                new AccountSum(AccountKind.FREELANCER_PENDING, "f2", "MAD", -1));
        LedgerCheck check = LedgerAudit.audit(3, List.of(new PostingSum("p9", "MAD", 5)), List.of("order:x:completed"),
                broken, Set.of("o1"), Set.of(), List.of(new OpenSum("f1", "MAD", 500)));
        assertThat(check.differences()).hasSize(8);
        assertThat(String.join("\n", check.differences()))
                .contains("posting p9 sums to 0.05 MAD")
                .contains("order:x:completed has no entries")
                .contains("GATEWAY_CLEARING/sandbox/MAD is 0.10 MAD")
                .contains("ESCROW/o1/MAD still holds 0.07 MAD")
                .contains("escrow of order o2 holds 2 currencies")
                .contains("FREELANCER_AVAILABLE/f1/MAD is -3.00 MAD without a clawback")
                .contains("FREELANCER_PENDING/f2/MAD is -0.01 MAD")
                .contains("WITHDRAWAL_RESERVED/f1/MAD holds 0 minor units but the open requests ask 500");
    }

    @Test
    void aNegativeAvailableBalanceIsAllowedAfterAClawbackOnly() {
        List<AccountSum> negative = List.of(new AccountSum(AccountKind.FREELANCER_AVAILABLE, "f1", "MAD", -300));
        assertThat(audit(List.of(), negative, Set.of("f1"), List.of()).clean()).isTrue();
        assertThat(audit(List.of(), negative, Set.of("f2"), List.of()).clean()).isFalse();
    }
}
