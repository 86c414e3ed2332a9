package org.souk.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public synchronized PayoutResult pay(PayoutRequest request) {
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
        ledger = new JpaLedgerService(jpa, jpa.dataSource, clock, LedgerSettings.parse("20", "P14D", "100.00"));
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
        assertThatThrownBy(() -> payouts.payOut(ADMIN, w.id(), "fake")).isInstanceOfSatisfying(ConflictException.class,
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
        assertThatThrownBy(() -> payouts.payOut(FREELANCER_CALLER, w.id(), "fake")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> payouts.payOut(ADMIN, w.id(), "wallet")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors().get(0).reason()).contains("'wallet'", "deployed: fake"));
        assertThatThrownBy(() -> payouts.payOut(ADMIN, "nope", "fake")).hasMessageContaining("No withdrawal nope");
        assertThat(provider.paid).isEmpty();
    }

    @Test
    void aPendingPayoutIsClaimedOnceAndThePollerPaysItWhenTheProviderSaysPaid() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");

        Withdrawal pending = payouts.payOut(ADMIN, w.id(), "fake");
        assertThat(pending.status()).isEqualTo(WithdrawalStatus.REQUESTED);
        assertThat(pending.payoutProvider()).isEqualTo("fake");
        assertThat(pending.reference()).isEqualTo("REF-" + w.id());
        assertThat(provider.paid).singleElement().satisfies(r -> {
            assertThat(r.withdrawalId()).isEqualTo(w.id());
            assertThat(r.amount()).isEqualTo(mad("300.00"));
            assertThat(r.destination()).containsExactlyInAnyOrderEntriesOf(Map.of("iban", IBAN, "holder", "Fatima Zahra"));
        });

        // Asked again, or paid or rejected by hand meanwhile: refused, the provider is not asked twice.
        for (Runnable again : List.<Runnable>of(() -> payouts.payOut(ADMIN, w.id(), "fake"),
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
        Withdrawal rejected = payouts.payOut(ADMIN, w.id(), "fake");
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
        Withdrawal paid = payouts.payOut(ADMIN, w.id(), "fake");
        assertThat(paid.status()).isEqualTo(WithdrawalStatus.PAID);
        assertThat(balance().paidOut()).isEqualTo(new SignedMoney(80000, "MAD"));
        assertThat(ledger.check().differences()).isEmpty();
    }

    @Test
    void aProviderThatGaveNoAnswerIsAskedToPayAgainAfterAWhile() {
        Withdrawal w = requested("300.00");
        payouts.setPayoutDetails(FREELANCER_CALLER, IBAN, "Fatima Zahra");
        provider.failure = new IllegalStateException("disk full");
        Withdrawal claimed = payouts.payOut(ADMIN, w.id(), "fake");
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
                    return payouts.payOut(ADMIN, w.id(), "fake");
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
        service.payOut(ADMIN, w.id(), "fake");
        providers.remove(provider, Map.of());
        provider.onStatus = PayoutResult.Status.PAID;
        assertThat(service.checkPayouts(10)).isZero();
        assertThat(service.payoutProviders()).isEmpty();
        providers.add(provider, Map.of());
        assertThat(service.checkPayouts(10)).isEqualTo(1);
    }
}
