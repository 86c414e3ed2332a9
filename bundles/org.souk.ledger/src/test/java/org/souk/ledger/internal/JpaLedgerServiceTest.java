package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.audit.AuditTrail;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.AccountKind;
import org.souk.ledger.api.Conversion;
import org.souk.ledger.api.FreelancerBalance;
import org.souk.ledger.api.LedgerCheck;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.PostingKind;
import org.souk.ledger.api.SignedMoney;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.persistence.testing.DerbyJpa;
import org.souk.persistence.testing.MovableClock;

/** The ledger service on its own schema in an embedded Derby, with the transaction joining of Aries JPA. */
class JpaLedgerServiceTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String FREELANCER = "fatima";
    private static final Caller FREELANCER_CALLER = new Caller(FREELANCER, Role.FREELANCER);
    private static final Caller ADMIN = new Caller("admin", Role.ADMIN);

    private DerbyJpa jpa;
    private MovableClock clock;
    private JpaLedgerService ledger;

    @BeforeEach
    void start() {
        jpa = new DerbyJpa("souk-ledger", "ledger" + DATABASES.incrementAndGet());
        clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
        new LedgerSchema(jpa.dataSource);
        ledger = new JpaLedgerService(jpa, clock, LedgerSettings.parse("20", "P14D", "100.00"));
    }

    @AfterEach
    void stop() {
        jpa.close();
    }

    private static Money mad(String amount) {
        return Money.parse(amount, "MAD");
    }

    private FreelancerBalance balance(String currency) {
        return ledger.balances(FREELANCER).stream().filter(b -> b.currency().equals(currency)).findFirst().orElseThrow();
    }

    private static long sum(Posting p, AccountKind kind) {
        return p.entries().stream().filter(e -> e.account().kind() == kind).mapToLong(e -> e.amount().minor()).sum();
    }

    @Test
    void completionTakesTheCommissionAndClearsAfterThePeriod() {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("1000.00"), null);
        Posting completed = ledger.orderCompleted("o1", FREELANCER).orElseThrow();

        assertThat(sum(completed, AccountKind.ESCROW)).isEqualTo(-100000);
        assertThat(sum(completed, AccountKind.PLATFORM_REVENUE)).isEqualTo(20000);
        assertThat(sum(completed, AccountKind.FREELANCER_PENDING)).isEqualTo(80000);
        assertThat(balance("MAD").pending()).isEqualTo(new SignedMoney(80000, "MAD"));
        assertThat(balance("MAD").available().isZero()).isTrue();

        java.util.List<String> recorded = new java.util.ArrayList<>();
        ledger.bindOutbox((topic, props) -> recorded.add(topic + " " + props.get("freelancerId") + " " + props.get("amount")));
        clock.advance(Duration.ofDays(14).minusSeconds(1));
        assertThat(ledger.releaseDueClearances(10)).isZero();
        assertThat(recorded).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(ledger.releaseDueClearances(10)).isEqualTo(1);
        assertThat(ledger.releaseDueClearances(10)).isZero();
        assertThat(recorded).as("the freelancer hears once").containsExactly(
                org.souk.notification.api.OutboxTopics.EARNINGS_AVAILABLE + " " + FREELANCER + " 800.00 MAD");

        FreelancerBalance after = balance("MAD");
        assertThat(after.pending().isZero()).isTrue();
        assertThat(after.available()).isEqualTo(new SignedMoney(80000, "MAD"));
        assertThat(ledger.orderPostings("o1")).extracting(Posting::kind)
                .containsExactly(PostingKind.PAYMENT_CAPTURED, PostingKind.ORDER_COMPLETED, PostingKind.CLEARANCE);
        assertThat(ledger.entries(FREELANCER, 0, 10).items()).hasSize(3)
                .allSatisfy(line -> assertThat(line.orderId()).isEqualTo("o1"));
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void earningsFromATestPaymentAreKeptApartNeverClearAndAreNeverWithdrawn() {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("1000.00"), null, true);
        Posting completed = ledger.orderCompleted("o1", FREELANCER).orElseThrow();
        assertThat(sum(completed, AccountKind.TEST_REVENUE)).isEqualTo(20000);
        assertThat(sum(completed, AccountKind.TEST_EARNINGS)).isEqualTo(80000);
        assertThat(sum(completed, AccountKind.PLATFORM_REVENUE)).isZero();
        assertThat(sum(completed, AccountKind.FREELANCER_PENDING)).isZero();

        clock.advance(Duration.ofDays(30));
        assertThat(ledger.releaseDueClearances(10)).as("play money never clears").isZero();
        FreelancerBalance balance = balance("MAD");
        assertThat(balance.test()).isEqualTo(new SignedMoney(80000, "MAD"));
        assertThat(balance.pending().isZero()).isTrue();
        assertThat(balance.available().isZero()).isTrue();
        assertThatThrownBy(() -> ledger.requestWithdrawal(FREELANCER_CALLER, mad("100.00")))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(LedgerProblems.INSUFFICIENT_FUNDS);
                    assertThat(e.getMessage()).contains("test payments", "800.00");
                });
        assertThat(ledger.entries(FREELANCER, 0, 10).items()).hasSize(1);

        // Real money beside it is untouched by the test book, and the test book by a withdrawal.
        ledger.paymentCaptured("o2", "p2", "youcanpay", mad("500.00"), null);
        ledger.orderCompleted("o2", FREELANCER);
        clock.advance(Duration.ofDays(14));
        assertThat(ledger.releaseDueClearances(10)).isEqualTo(1);
        Withdrawal all = ledger.requestWithdrawal(FREELANCER_CALLER, mad("400.00"));
        ledger.payWithdrawal(ADMIN, all.id(), "TRF-1");
        assertThatThrownBy(() -> ledger.requestWithdrawal(FREELANCER_CALLER, mad("100.00")))
                .isInstanceOf(ConflictException.class);
        assertThat(balance("MAD").test()).isEqualTo(new SignedMoney(80000, "MAD"));
        assertThat(balance("MAD").available().isZero()).isTrue();
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aTestOrderCancelledOrClawedBackMovesOnlyTestAccounts() {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("1000.00"), null, true);
        Posting cancelled = ledger.orderCancelled("o1", FREELANCER, mad("400.00")).orElseThrow();
        assertThat(sum(cancelled, AccountKind.REFUNDS_PAYABLE)).isEqualTo(40000);
        assertThat(sum(cancelled, AccountKind.TEST_REVENUE)).isEqualTo(12000);
        assertThat(sum(cancelled, AccountKind.TEST_EARNINGS)).isEqualTo(48000);
        ledger.refundPaid("o1", "r1", "sandbox", mad("400.00"));

        Posting clawback = ledger.clawback("o1", "r2", mad("600.00"));
        assertThat(sum(clawback, AccountKind.TEST_REVENUE)).isEqualTo(-12000);
        assertThat(sum(clawback, AccountKind.TEST_EARNINGS)).isEqualTo(-48000);
        assertThat(sum(clawback, AccountKind.FREELANCER_AVAILABLE)).isZero();
        assertThat(sum(clawback, AccountKind.PLATFORM_REVENUE)).isZero();
        ledger.refundPaid("o1", "r2", "sandbox", mad("600.00"));
        assertThat(balance("MAD").test().isZero()).isTrue();
        assertThat(balance("MAD").available().isZero()).isTrue();
        assertThat(ledger.orderPostings("o1").get(0).kind()).isEqualTo(PostingKind.TEST_PAYMENT_CAPTURED);
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aRepeatedCauseInALaterTransactionPostsNothingAndReturnsTheFirstPosting() {
        Posting first = ledger.paymentCaptured("o1", "p1", "sandbox", mad("250.00"), null);
        Posting again = ledger.paymentCaptured("o1", "p1", "sandbox", mad("250.00"), null);
        assertThat(again.id()).isEqualTo(first.id());

        Posting done = ledger.orderCompleted("o1", FREELANCER).orElseThrow();
        assertThat(ledger.orderCompleted("o1", FREELANCER)).contains(done);
        assertThat(ledger.orderPostings("o1")).hasSize(2);
        assertThat(balance("MAD").pending()).isEqualTo(new SignedMoney(20000, "MAD"));
    }

    @Test
    void anAdministratorsDecisionIsAuditedInItsOwnTransactionAndARefusedOneIsNot() {
        List<String> recorded = new ArrayList<>();
        boolean[] auditFails = {true};
        AuditTrail audit = org.souk.testing.Fakes.proxy(AuditTrail.class, (method, args) -> {
            if (auditFails[0]) {
                throw new IllegalStateException("the audit entry could not be written");
            }
            recorded.add(((Caller) args[0]).userId() + " " + args[1] + " " + args[2] + " " + args[4] + " -> " + args[5]);
            return null;
        });
        JpaLedgerService audited = new JpaLedgerService(jpa, clock, LedgerSettings.parse("20", "P14D", "100.00"), audit);
        audited.paymentCaptured("o1", "p1", "sandbox", mad("500.00"), null);
        audited.orderCompleted("o1", FREELANCER);
        clock.advance(Duration.ofDays(14));
        audited.releaseDueClearances(10);
        Withdrawal w = audited.requestWithdrawal(FREELANCER_CALLER, mad("300.00"));

        // No entry, no change: the decision rolls back with its entry.
        assertThatThrownBy(() -> audited.payWithdrawal(ADMIN, w.id(), "TRX-1")).hasMessageContaining("audit entry");
        assertThat(audited.withdrawal(ADMIN, w.id()).status()).isEqualTo(WithdrawalStatus.REQUESTED);
        assertThat(balance("MAD").paidOut().isZero()).isTrue();

        auditFails[0] = false;
        audited.rejectWithdrawal(ADMIN, w.id(), " wrong IBAN ");
        assertThat(recorded).containsExactly("admin withdrawal.reject " + w.id() + " wrong IBAN -> REJECTED 300.00 MAD to "
                + FREELANCER);
        // A refused decision writes no entry, and is refused as before.
        assertThatThrownBy(() -> audited.payWithdrawal(ADMIN, w.id(), "TRX-2")).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.WITHDRAWAL_DECIDED));
        assertThat(recorded).hasSize(1);
    }

    @Test
    void postingsJoinTheCallersTransactionAndRollBackWithIt() {
        assertThatThrownBy(() -> jpa.inCallerTransaction(() -> {
            ledger.paymentCaptured("o1", "p1", "sandbox", mad("250.00"), null);
            throw new IllegalStateException("the payment's own update failed");
        })).hasMessageContaining("payment's own update");
        assertThat(ledger.orderPostings("o1")).isEmpty();

        jpa.inCallerTransaction(() -> ledger.paymentCaptured("o1", "p1", "sandbox", mad("250.00"), null));
        assertThat(ledger.orderPostings("o1")).hasSize(1);
    }

    @Test
    void aRefusalLeavesTheCallersTransactionUsable() {
        Posting captured = jpa.inCallerTransaction(() -> {
            assertThatThrownBy(() -> ledger.refundPaid("o1", "r1", "sandbox", mad("10.00")))
                    .isInstanceOfSatisfying(ConflictException.class,
                            e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.NOTHING_PAYABLE));
            return ledger.paymentCaptured("o1", "p1", "sandbox", mad("250.00"), null);
        });
        assertThat(ledger.orderPostings("o1")).containsExactly(captured);
    }

    @Test
    void aPartialRefundOnCancellationIsPayableAndTheRestIsEarnings() {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("1000.00"), null);
        assertThatThrownBy(() -> ledger.orderCancelled("o1", FREELANCER, mad("1000.01")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("refund"));

        Posting cancelled = ledger.orderCancelled("o1", FREELANCER, mad("400.00")).orElseThrow();
        assertThat(sum(cancelled, AccountKind.REFUNDS_PAYABLE)).isEqualTo(40000);
        assertThat(sum(cancelled, AccountKind.PLATFORM_REVENUE)).isEqualTo(12000);
        assertThat(sum(cancelled, AccountKind.FREELANCER_PENDING)).isEqualTo(48000);

        assertThatThrownBy(() -> ledger.refundPaid("o1", "r1", "sandbox", mad("400.01")))
                .isInstanceOf(ConflictException.class);
        Posting paid = ledger.refundPaid("o1", "r1", "sandbox", mad("400.00"));
        assertThat(sum(paid, AccountKind.GATEWAY_CLEARING)).isEqualTo(40000);

        clock.advance(Duration.ofDays(14));
        assertThat(ledger.releaseDueClearances(10)).isEqualTo(1);
        assertThat(balance("MAD").available()).isEqualTo(new SignedMoney(48000, "MAD"));
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aFullRefundOnCancellationEarnsNothingAndAnUnpaidOrderPostsNothing() {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("300.00"), null);
        Posting cancelled = ledger.orderCancelled("o1", null, mad("300.00")).orElseThrow();
        assertThat(cancelled.entries()).extracting(e -> e.account().kind())
                .containsExactly(AccountKind.ESCROW, AccountKind.REFUNDS_PAYABLE);
        assertThat(ledger.orderCancelled("o2", null, mad("0.00"))).isEmpty();
        assertThat(ledger.orderCompleted("o3", FREELANCER)).isEmpty();
        clock.advance(Duration.ofDays(30));
        assertThat(ledger.releaseDueClearances(10)).isZero();
        assertThat(ledger.balances(FREELANCER)).isEmpty();
    }

    @Test
    void aClawbackAfterReleaseTakesFromAvailableWhichMayGoNegative() {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("1000.00"), null);
        ledger.orderCompleted("o1", FREELANCER);
        clock.advance(Duration.ofDays(14));
        ledger.releaseDueClearances(10);
        Withdrawal w = ledger.requestWithdrawal(FREELANCER_CALLER, mad("800.00"));
        ledger.payWithdrawal(ADMIN, w.id(), "TRX-1");

        assertThatThrownBy(() -> ledger.clawback("o1", "r1", mad("1000.01"))).isInstanceOf(ValidationException.class);
        Posting clawback = ledger.clawback("o1", "r1", mad("500.00"));
        assertThat(sum(clawback, AccountKind.PLATFORM_REVENUE)).isEqualTo(-10000);
        assertThat(sum(clawback, AccountKind.FREELANCER_AVAILABLE)).isEqualTo(-40000);
        assertThat(sum(clawback, AccountKind.REFUNDS_PAYABLE)).isEqualTo(50000);
        assertThat(balance("MAD").available()).isEqualTo(new SignedMoney(-40000, "MAD"));
        ledger.refundPaid("o1", "r1", "sandbox", mad("500.00"));

        assertThatThrownBy(() -> ledger.clawback("o1", "r2", mad("500.01"))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ledger.clawback("o9", "r3", mad("1.00"))).isInstanceOf(ValidationException.class);
        LedgerCheck check = ledger.check();
        assertThat(check.differences()).isEmpty();
        // captured, completed, cleared, reserved, paid out, clawed back, refund paid
        assertThat(check.postings()).isEqualTo(7);
    }

    @Test
    void aStrayChargeIsOwedInTheOrdersSuspenseUntilItsRefundIsPaid() {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("250.00"), null);
        Posting taken = ledger.strayChargeTaken("o1", "r-stray", "sandbox", mad("250.00"));
        assertThat(sum(taken, AccountKind.SUSPENSE)).isEqualTo(25000);
        assertThat(ledger.strayChargeTaken("o1", "r-stray", "sandbox", mad("250.00")).id()).isEqualTo(taken.id());
        assertThat(ledger.check().differences()).isEmpty();
        Posting returned = ledger.strayChargeReturned("o1", "r-stray", "sandbox", mad("250.00")).orElseThrow();
        assertThat(sum(returned, AccountKind.SUSPENSE)).isEqualTo(-25000);
        assertThat(ledger.strayChargeReturned("o1", "r-stray", "sandbox", mad("250.00"))).contains(returned);
        // A stray charge recorded before the ledger held them has nothing to return.
        assertThat(ledger.strayChargeReturned("o1", "r-older", "sandbox", mad("250.00"))).isEmpty();
        assertThat(ledger.strayChargeReturned("o1", "r-oldest", null, mad("250.00"))).isEmpty();
        assertThat(ledger.orderPostings("o1")).extracting(Posting::kind).containsExactly(PostingKind.PAYMENT_CAPTURED,
                PostingKind.STRAY_CHARGE, PostingKind.STRAY_CHARGE_RETURNED);
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aWithdrawalIsReservedAtOnceThenPaidOrRejected() {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("500.00"), null);
        ledger.orderCompleted("o1", FREELANCER);
        clock.advance(Duration.ofDays(14));
        ledger.releaseDueClearances(10);

        assertThatThrownBy(() -> ledger.requestWithdrawal(FREELANCER_CALLER, mad("99.99")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ledger.requestWithdrawal(FREELANCER_CALLER, mad("400.01")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.INSUFFICIENT_FUNDS));
        assertThatThrownBy(() -> ledger.requestWithdrawal(ADMIN, mad("100.00"))).isInstanceOf(ForbiddenException.class);

        Withdrawal first = ledger.requestWithdrawal(FREELANCER_CALLER, mad("300.00"));
        assertThat(balance("MAD").available()).isEqualTo(new SignedMoney(10000, "MAD"));
        assertThat(balance("MAD").reserved()).isEqualTo(new SignedMoney(30000, "MAD"));
        assertThatThrownBy(() -> ledger.requestWithdrawal(FREELANCER_CALLER, mad("100.00")))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.WITHDRAWAL_OPEN));
        assertThat(ledger.check().differences()).isEmpty();

        assertThatThrownBy(() -> ledger.rejectWithdrawal(FREELANCER_CALLER, first.id(), "no"))
                .isInstanceOf(ForbiddenException.class);
        Withdrawal rejected = ledger.rejectWithdrawal(ADMIN, first.id(), "account details do not match");
        assertThat(rejected.status()).isEqualTo(WithdrawalStatus.REJECTED);
        assertThat(balance("MAD").available()).isEqualTo(new SignedMoney(40000, "MAD"));
        assertThatThrownBy(() -> ledger.payWithdrawal(ADMIN, first.id(), "TRX"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.WITHDRAWAL_DECIDED));

        Withdrawal second = ledger.requestWithdrawal(FREELANCER_CALLER, mad("400.00"));
        assertThatThrownBy(() -> ledger.payWithdrawal(ADMIN, second.id(), " ")).isInstanceOf(ValidationException.class);
        Withdrawal paid = ledger.payWithdrawal(ADMIN, second.id(), "TRX-42");
        assertThat(paid.reference()).isEqualTo("TRX-42");
        assertThat(paid.decidedBy()).isEqualTo("admin");
        FreelancerBalance after = balance("MAD");
        assertThat(after.available().isZero()).isTrue();
        assertThat(after.reserved().isZero()).isTrue();
        assertThat(after.paidOut()).isEqualTo(new SignedMoney(40000, "MAD"));

        assertThat(ledger.withdrawals(FREELANCER_CALLER, null, 0, 10).items()).extracting(Withdrawal::id)
                .containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(ledger.withdrawals(ADMIN, WithdrawalStatus.PAID, 0, 10).items()).containsExactly(paid);
        assertThat(ledger.withdrawals(new Caller("someone", Role.FREELANCER), null, 0, 10).items()).isEmpty();
        assertThatThrownBy(() -> ledger.withdrawal(new Caller("someone", Role.FREELANCER), paid.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aChargeInAnotherCurrencyIsPostedInTheOrdersCurrencyWithItsRate() {
        Conversion eur = new Conversion(Money.parse("92.50", "EUR"), new BigDecimal("10.8108"));
        Posting captured = ledger.paymentCaptured("o1", "p1", "paypal", mad("1000.00"), eur);
        assertThat(captured.conversion()).isEqualTo(eur);
        assertThat(captured.entries()).allSatisfy(e -> assertThat(e.account().currency()).isEqualTo("MAD"));
        assertThat(ledger.orderPostings("o1").get(0).conversion()).isEqualTo(eur);

        assertThatThrownBy(() -> ledger.paymentCaptured("o1", "p2", "paypal", Money.parse("5.00", "EUR"), null))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.ESCROW_SHORT));
    }

    @Test
    void theCheckFindsAPostingThatDoesNotBalanceAndEscrowLeftBehind() throws Exception {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("100.00"), null);
        ledger.orderCompleted("o1", FREELANCER);
        assertThat(ledger.check().clean()).isTrue();

        String posting = ledger.orderPostings("o1").get(1).id();
        try (Connection c = jpa.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ledger_entry (id, seq, posting_id, line_no, posting_kind, account_kind, account_owner,"
                    + " currency, amount_minor, order_id, created_at) VALUES ('" + posting + "/9', 0, '" + posting
                    + "', 9, 'ORDER_COMPLETED', 'ESCROW', 'o1', 'MAD', 5, 'o1', CURRENT_TIMESTAMP)");
        }
        List<String> differences = ledger.check().differences();
        assertThat(differences).hasSize(2);
        assertThat(differences).anySatisfy(d -> assertThat(d).contains(posting).contains("0.05 MAD"));
        assertThat(differences).anySatisfy(d -> assertThat(d).contains("ESCROW/o1/MAD").contains("still holds"));
    }

    @Test
    void twoRacingPostingsOfOneCauseWriteItOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            String order = "o" + round;
            String payment = "p" + round;
            List<Object> outcomes = race(() -> ledger.paymentCaptured(order, payment, "sandbox", mad("250.00"), null).id());
            assertThat(ledger.orderPostings(order)).hasSize(1);
            String id = ledger.orderPostings(order).get(0).id();
            // The loser either found the winner's posting or lost on the unique key, as a conflict.
            assertThat(outcomes).allSatisfy(o -> assertThat(o.equals(id)
                    || o instanceof RuntimeException e && org.souk.persistence.Conflicts.isConflict(e))
                    .as(o instanceof Throwable t ? describe(t) : String.valueOf(o)).isTrue());
        }
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void twoRacingWithdrawalRequestsReserveOnce() throws Exception {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("1000.00"), null);
        ledger.orderCompleted("o1", FREELANCER);
        clock.advance(Duration.ofDays(14));
        ledger.releaseDueClearances(10);

        List<Object> outcomes = race(() -> ledger.requestWithdrawal(FREELANCER_CALLER, mad("500.00")));
        assertThat(outcomes).filteredOn(Withdrawal.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ConflictException.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((ConflictException) e).problemType()).isEqualTo(LedgerProblems.WITHDRAWAL_OPEN));
        assertThat(balance("MAD").reserved()).isEqualTo(new SignedMoney(50000, "MAD"));
        assertThat(ledger.check().differences()).isEmpty();
    }

    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            b.append(" <- ").append(c);
        }
        return b.toString();
    }

    /** Runs the work on two threads released together; each outcome is the result or the failure. */
    private static List<Object> race(java.util.concurrent.Callable<Object> work) throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Object>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return work.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new java.util.ArrayList<>();
            for (var f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ledger.paymentCaptured("o1", " ", "sandbox", mad("1.00"), null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("paymentId"));
        assertThatThrownBy(() -> ledger.paymentCaptured("o1", "p1", "sandbox", mad("0.00"), null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("amount"));
        assertThatThrownBy(() -> ledger.orderCancelled("o1", FREELANCER, null)).isInstanceOf(ValidationException.class);
        assertThat(ledger.orderPostings("o1")).isEmpty();
        Optional<Posting> none = ledger.orderCompleted("o1", FREELANCER);
        assertThat(none).isEmpty();
        assertThat(ledger.check().postings()).isZero();
    }
}
