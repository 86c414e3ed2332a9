package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.Role;
import org.souk.common.api.SoukException;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.FreelancerBalance;
import org.souk.ledger.api.LedgerProblems;
import org.souk.ledger.api.PayoutDetails;
import org.souk.ledger.api.SignedMoney;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;
import org.souk.ledger.api.payout.PayoutProvider;
import org.souk.ledger.api.payout.PayoutRequest;
import org.souk.ledger.api.payout.PayoutResult;
import org.souk.persistence.testing.DerbyJpa;
import org.souk.persistence.testing.MovableClock;

/** Payout details and payouts through a provider, on the ledger's schema in an embedded Derby. */
class JpaPayoutServiceTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String FREELANCER = "fatima";
    private static final String IBAN = "MA20011810000000123456789012";
    private static final Caller FREELANCER_CALLER = new Caller(FREELANCER, Role.FREELANCER);
    private static final Caller ADMIN = new Caller("admin", Role.ADMIN);

    private DerbyJpa jpa;
    private MovableClock clock;
    private JpaLedgerService ledger;
    private JpaPayoutService payouts;
    private FakeProvider provider;

    /** A provider that answers what the test tells it, and counts what it was asked. */
    static final class FakeProvider implements PayoutProvider {
        final List<PayoutRequest> paid = new ArrayList<>();
        final List<String> asked = new ArrayList<>();
        volatile PayoutResult.Status onPay = PayoutResult.Status.PENDING;
        volatile PayoutResult.Status onStatus = PayoutResult.Status.PENDING;
        volatile RuntimeException failure;
        volatile CountDownLatch block;

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public PayoutResult pay(PayoutRequest request) {
            CountDownLatch b = block;
            if (b != null) {
                try {
                    b.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                return answer(request);
            }
        }

        private PayoutResult answer(PayoutRequest request) {
            paid.add(request);
            if (failure != null) {
                throw failure;
            }
            return new PayoutResult(onPay, "REF-" + request.withdrawalId(), onPay == PayoutResult.Status.FAILED ? "account closed" : null);
        }

        @Override
        public synchronized PayoutResult status(String reference) {
            asked.add(reference);
            return new PayoutResult(onStatus, reference, onStatus == PayoutResult.Status.FAILED ? "returned by the bank" : null);
        }
    }

    @BeforeEach
    void start() {
        jpa = new DerbyJpa("souk-ledger", "payouts" + DATABASES.incrementAndGet());
        clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
        new LedgerSchema(jpa.dataSource);
        ledger = new JpaLedgerService(jpa, clock, LedgerSettings.parse("20", "P14D", "100.00"));
        PayoutProviders providers = new PayoutProviders();
        provider = new FakeProvider();
        providers.add(provider, Map.of(PayoutProvider.ID_PROPERTY, "fake"));
        payouts = new JpaPayoutService(jpa, ledger, clock, providers);
    }

    @AfterEach
    void stop() {
        jpa.close();
    }

    private static Money mad(String amount) {
        return Money.parse(amount, "MAD");
    }

    /** 800.00 available to the freelancer, and a withdrawal of {@code amount} of it. */
    private Withdrawal requested(String amount) {
        ledger.paymentCaptured("o1", "p1", "sandbox", mad("1000.00"), null);
        ledger.orderCompleted("o1", FREELANCER);
        clock.advance(Duration.ofDays(14));
        ledger.releaseDueClearances(10);
        return ledger.requestWithdrawal(FREELANCER_CALLER, mad(amount));
    }

    /** A withdrawal of 100.00 by another freelancer, with payout details, from an order of their own. */
    private Withdrawal requestedBy(String freelancer, String order) {
        ledger.paymentCaptured(order, "p-" + order, "sandbox", mad("200.00"), null);
        ledger.orderCompleted(order, freelancer);
        clock.advance(Duration.ofDays(14));
        ledger.releaseDueClearances(10);
        Caller caller = new Caller(freelancer, Role.FREELANCER);
        payouts.setPayoutDetails(caller, IBAN, freelancer);
        return ledger.requestWithdrawal(caller, mad("100.00"));
    }

    private WithdrawalEntity row(String id) {
        return jpa.txExpr(org.apache.aries.jpa.template.TransactionType.Supports, em -> em.find(WithdrawalEntity.class, id));
    }

    private FreelancerBalance balance() {
        return ledger.balances(FREELANCER).get(0);
    }

    @Test
    void payoutDetailsAreValidatedStoredAndShownMasked() {
        assertThat(payouts.payoutDetails(FREELANCER_CALLER)).isEmpty();
        assertThatThrownBy(() -> payouts.setPayoutDetails(FREELANCER_CALLER, "MA21011810000000123456789012", " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(f -> f.field()).containsExactly("iban", "holder"));
        assertThatThrownBy(() -> payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "x".repeat(141)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("holder");
        assertThatThrownBy(() -> payouts.setPayoutDetails(new Caller("omar", Role.CLIENT), IBAN, "Omar"))
                .isInstanceOf(ForbiddenException.class);

        PayoutDetails set = payouts.setPayoutDetails(FREELANCER_CALLER, "ma20 0118 1000 0000 1234 5678 9012", " Fatima Zahra ");
        assertThat(set.iban()).isEqualTo("************************9012");
        assertThat(set.holder()).isEqualTo("Fatima Zahra");
        PayoutDetails changed = payouts.setPayoutDetails(FREELANCER_CALLER, "BE68 5390 0754 7034", "Fatima Z.");
        assertThat(payouts.payoutDetails(FREELANCER_CALLER)).contains(changed);
        assertThat(changed.iban()).isEqualTo("************7034");
    }

    @Test
    void aWithdrawalWithoutPayoutDetailsIsRefusedAndStaysOpen() {
        Withdrawal w = requested("300.00");
        assertThatThrownBy(() -> payouts.payOut(ADMIN, w.id(), "fake", "paid on request")).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.NO_PAYOUT_DETAILS));
        assertThat(provider.paid).isEmpty();
        Withdrawal after = ledger.withdrawal(ADMIN, w.id());
        assertThat(after.payoutProvider()).isNull();
        assertThat(after.status()).isEqualTo(WithdrawalStatus.REQUESTED);
        // Paying by hand still works.
        assertThat(ledger.payWithdrawal(ADMIN, w.id(), "TRF-1").status()).isEqualTo(WithdrawalStatus.PAID);
    }

    @Test
    void onlyAnAdministratorPaysThroughADeployedProvider() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        assertThatThrownBy(() -> payouts.payOut(FREELANCER_CALLER, w.id(), "fake", "paid on request")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> payouts.payOut(ADMIN, w.id(), "wallet", "paid on request")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).reason()).contains("'wallet'", "deployed: fake"));
        assertThatThrownBy(() -> payouts.payOut(ADMIN, "nope", "fake", "paid on request")).hasMessageContaining("No withdrawal nope");
        // Money does not move without a reason, whichever door is used.
        for (String none : new String[] {null, " "}) {
            assertThatThrownBy(() -> payouts.payOut(ADMIN, w.id(), "fake", none)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.errors().get(0).field()).isEqualTo("reason"));
        }
        @SuppressWarnings("deprecation")
        Runnable withoutReason = () -> payouts.payOut(ADMIN, w.id(), "fake");
        assertThatThrownBy(withoutReason::run).isInstanceOf(ValidationException.class).hasMessageContaining("reason");
        assertThat(provider.paid).isEmpty();
        assertThat(ledger.withdrawal(ADMIN, w.id()).payoutProvider()).isNull();
    }

    @Test
    void aPendingPayoutIsClaimedOnceAndThePollerPaysItWhenTheProviderSaysPaid() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");

        Withdrawal pending = payouts.payOut(ADMIN, w.id(), "fake", "paid on request");
        assertThat(pending.status()).isEqualTo(WithdrawalStatus.REQUESTED);
        assertThat(pending.payoutProvider()).isEqualTo("fake");
        assertThat(pending.reference()).isEqualTo("REF-" + w.id());
        assertThat(provider.paid).singleElement().satisfies(r -> {
            assertThat(r.withdrawalId()).isEqualTo(w.id());
            assertThat(r.amount()).isEqualTo(mad("300.00"));
            assertThat(r.destination()).containsExactlyInAnyOrderEntriesOf(Map.of("iban", IBAN, "holder", "Fatima Zahra"));
        });

        // Asked again, or paid or rejected by hand meanwhile: refused, the provider is not asked twice.
        for (Runnable again : List.<Runnable>of(() -> payouts.payOut(ADMIN, w.id(), "fake", "paid on request"),
                () -> ledger.payWithdrawal(ADMIN, w.id(), "TRF-1"), () -> ledger.rejectWithdrawal(ADMIN, w.id(), "no"))) {
            assertThatThrownBy(again::run).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.WITHDRAWAL_PAYING));
        }
        assertThat(provider.paid).hasSize(1);
        assertThat(payouts.payoutsInFlight(10)).extracting(Withdrawal::id).containsExactly(w.id());
        assertThat(ledger.check().differences()).isEmpty();

        assertThat(payouts.checkPayouts(10)).isZero();
        assertThat(provider.asked).containsExactly("REF-" + w.id());
        provider.onStatus = PayoutResult.Status.PAID;
        assertThat(payouts.checkPayouts(10)).isEqualTo(1);
        Withdrawal paid = ledger.withdrawal(FREELANCER_CALLER, w.id());
        assertThat(paid.status()).isEqualTo(WithdrawalStatus.PAID);
        assertThat(paid.reference()).isEqualTo("REF-" + w.id());
        assertThat(paid.decidedBy()).isEqualTo("payout:fake");
        assertThat(balance().paidOut()).isEqualTo(new SignedMoney(30000, "MAD"));
        assertThat(balance().available()).isEqualTo(new SignedMoney(50000, "MAD"));
        assertThat(payouts.payoutsInFlight(10)).isEmpty();
        assertThat(payouts.checkPayouts(10)).isZero();
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aFailedPayoutRejectsTheWithdrawalWithTheProvidersMessage() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        provider.onPay = PayoutResult.Status.FAILED;
        Withdrawal rejected = payouts.payOut(ADMIN, w.id(), "fake", "paid on request");
        assertThat(rejected.status()).isEqualTo(WithdrawalStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo("account closed");
        assertThat(balance().available()).isEqualTo(new SignedMoney(80000, "MAD"));
        assertThat(balance().reserved()).isEqualTo(new SignedMoney(0, "MAD"));
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aPayoutPaidAtOnceIsPaid() {
        Withdrawal w = requested("800.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        provider.onPay = PayoutResult.Status.PAID;
        Withdrawal paid = payouts.payOut(ADMIN, w.id(), "fake", "paid on request");
        assertThat(paid.status()).isEqualTo(WithdrawalStatus.PAID);
        assertThat(balance().paidOut()).isEqualTo(new SignedMoney(80000, "MAD"));
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aProviderThatGaveNoAnswerIsAskedToPayAgainAfterAWhile() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        provider.failure = new IllegalStateException("disk full");
        Withdrawal claimed = payouts.payOut(ADMIN, w.id(), "fake", "paid on request");
        assertThat(claimed.status()).isEqualTo(WithdrawalStatus.REQUESTED);
        assertThat(claimed.reference()).isNull();
        provider.failure = null;
        assertThat(payouts.checkPayouts(10)).isZero();
        assertThat(provider.paid).hasSize(1);
        clock.advance(PayoutRules.UNANSWERED);
        provider.onPay = PayoutResult.Status.PAID;
        assertThat(payouts.checkPayouts(10)).isEqualTo(1);
        assertThat(provider.paid).hasSize(2);
        assertThat(ledger.withdrawal(ADMIN, w.id()).status()).isEqualTo(WithdrawalStatus.PAID);
    }

    @Test
    void racingPayoutsClaimOnce() throws Exception {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> {
                try {
                    return payouts.payOut(ADMIN, w.id(), "fake", "paid on request");
                } catch (SoukException e) {
                    return e;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Object> outcomes = new ArrayList<>();
        try {
            for (Future<Object> f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).filteredOn(Withdrawal.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(5);
        assertThat(provider.paid).hasSize(1);
    }

    @Test
    void aProviderThatIsGoneIsAskedOnceItIsBack() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        PayoutProviders providers = new PayoutProviders();
        providers.add(provider, Map.of());
        JpaPayoutService service = new JpaPayoutService(jpa, ledger, clock, providers);
        service.payOut(ADMIN, w.id(), "fake", "paid on request");
        providers.remove(provider, Map.of());
        provider.onStatus = PayoutResult.Status.PAID;
        assertThat(service.checkPayouts(10)).isZero();
        assertThat(service.payoutProviders()).isEmpty();
        providers.add(provider, Map.of());
        assertThat(service.checkPayouts(10)).isEqualTo(1);
    }

    @Test
    void claimsThatStayPendingDoNotHideNewerOnes() {
        Withdrawal stuck = requestedBy("amine", "o-a");
        Withdrawal newer = requestedBy("badr", "o-b");
        payouts.payOut(ADMIN, stuck.id(), "fake", "paid on request");
        clock.advance(Duration.ofSeconds(1));
        payouts.payOut(ADMIN, newer.id(), "fake", "paid on request");
        clock.advance(Duration.ofMinutes(1));
        // One claim per poll: the stuck one is asked first, then goes to the back.
        payouts.checkPayouts(1);
        payouts.checkPayouts(1);
        assertThat(provider.asked).containsExactly("REF-" + stuck.id(), "REF-" + newer.id());
        // A claim whose provider is not deployed takes no place in the poll either.
        PayoutProviders gone = new PayoutProviders();
        JpaPayoutService other = new JpaPayoutService(jpa, ledger, clock, gone);
        gone.add(new FakeProvider(), Map.of(PayoutProvider.ID_PROPERTY, "gone"));
        Withdrawal orphan = requestedBy("chadi", "o-c");
        other.payOut(ADMIN, orphan.id(), "gone", "paid on request");
        assertThat(payouts.payoutsInFlight(10)).extracting(Withdrawal::id).contains(orphan.id());
        clock.advance(Duration.ofMinutes(1));
        payouts.checkPayouts(1);
        assertThat(provider.asked).hasSize(3).doesNotContain("REF-" + orphan.id());
    }

    @Test
    void anUnansweredPayoutIsAskedAgainByOneNodeToTheAccountOfTheClaim() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        provider.failure = new IllegalStateException("disk full");
        payouts.payOut(ADMIN, w.id(), "fake", "paid on request");
        // The freelancer (or whoever took their account) changes the IBAN after the claim.
        payouts.setPayoutDetails(FREELANCER_CALLER, "BE68 5390 0754 7034", "Someone Else");
        clock.advance(PayoutRules.UNANSWERED);
        PayoutProviders same = new PayoutProviders();
        same.add(provider, Map.of(PayoutProvider.ID_PROPERTY, "fake"));
        JpaPayoutService node2 = new JpaPayoutService(jpa, ledger, clock, same);
        payouts.checkPayouts(10);
        node2.checkPayouts(10);
        // The claim and one ask again, not one per node.
        assertThat(provider.paid).hasSize(2);
        assertThat(provider.paid.get(1).destination()).containsEntry("iban", IBAN).containsEntry("holder", "Fatima Zahra");
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeLeavesTheClaimForTheNextPoll() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        PayoutProviders providers = new PayoutProviders();
        providers.add(provider, Map.of(PayoutProvider.ID_PROPERTY, "fake"));
        JpaPayoutService impatient = new JpaPayoutService(jpa, ledger, clock, providers, Duration.ofMillis(200));
        provider.block = new CountDownLatch(1);
        try {
            Withdrawal claimed = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> impatient.payOut(ADMIN, w.id(), "fake", "paid on request"));
            assertThat(claimed.status()).isEqualTo(WithdrawalStatus.REQUESTED);
            assertThat(claimed.payoutProvider()).isEqualTo("fake");
            assertThat(claimed.reference()).isNull();
        } finally {
            provider.block.countDown();
            provider.block = null;
            impatient.deactivate();
        }
    }

    @Test
    void anAdministratorReleasesAStuckClaimAfterAskingTheProviderOnceMore() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        assertThatThrownBy(() -> payouts.releasePayout(ADMIN, w.id(), "lost")).isInstanceOfSatisfying(
                ConflictException.class, e -> assertThat(e.problemType()).isEqualTo(LedgerProblems.WITHDRAWAL_NOT_PAYING));
        payouts.payOut(ADMIN, w.id(), "fake", "paid on request");
        assertThatThrownBy(() -> payouts.releasePayout(FREELANCER_CALLER, w.id(), "lost"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> payouts.releasePayout(ADMIN, w.id(), " ")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("note");
        assertThatThrownBy(() -> payouts.releasePayout(ADMIN, "nope", "lost")).hasMessageContaining("No withdrawal nope");

        // Still pending at the provider: released, recorded, and the administrator decides by hand.
        Withdrawal released = payouts.releasePayout(ADMIN, w.id(), "batch file lost, bank never received it");
        assertThat(provider.asked).containsExactly("REF-" + w.id());
        assertThat(released.status()).isEqualTo(WithdrawalStatus.REQUESTED);
        assertThat(released.payoutProvider()).isNull();
        assertThat(row(w.id()).payoutReleasedBy()).isEqualTo("admin");
        assertThat(row(w.id()).payoutReleaseNote()).isEqualTo("fake (REF-" + w.id() + "): batch file lost, bank never received it");
        assertThat(payouts.payoutsInFlight(10)).isEmpty();
        assertThat(ledger.rejectWithdrawal(ADMIN, w.id(), "paid again next month").status()).isEqualTo(WithdrawalStatus.REJECTED);
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aReleasedClaimThatTheProviderPaidIsPaidAndOneWhoseProviderIsGoneIsReleasedWithoutAsking() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        payouts.payOut(ADMIN, w.id(), "fake", "paid on request");
        provider.onStatus = PayoutResult.Status.PAID;
        Withdrawal paid = payouts.releasePayout(ADMIN, w.id(), "stuck?");
        assertThat(paid.status()).isEqualTo(WithdrawalStatus.PAID);
        assertThat(paid.decidedBy()).isEqualTo("payout:fake");

        Withdrawal v = requestedBy("driss", "o-d");
        PayoutProviders providers = new PayoutProviders();
        providers.add(provider, Map.of(PayoutProvider.ID_PROPERTY, "fake"));
        JpaPayoutService service = new JpaPayoutService(jpa, ledger, clock, providers);
        provider.onStatus = PayoutResult.Status.PENDING;
        service.payOut(ADMIN, v.id(), "fake", "paid on request");
        providers.remove(provider, Map.of(PayoutProvider.ID_PROPERTY, "fake"));
        int asked = provider.asked.size();
        assertThat(service.releasePayout(ADMIN, v.id(), "provider removed for good").payoutProvider()).isNull();
        assertThat(provider.asked).hasSize(asked);
        assertThat(ledger.payWithdrawal(ADMIN, v.id(), "TRF-9").status()).isEqualTo(WithdrawalStatus.PAID);
    }
}
