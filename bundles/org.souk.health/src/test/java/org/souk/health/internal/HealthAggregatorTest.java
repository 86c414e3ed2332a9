package org.souk.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;
import org.souk.common.api.health.HealthReport;
import org.souk.common.api.health.HealthStatus;

class HealthAggregatorTest {

    private final HealthAggregator health = new HealthAggregator(Runnable::run, 1_000);

    private void register(String name, HealthCheck check) {
        health.addCheck(check, Map.of(HealthCheck.NAME, name));
    }

    private void registerAllUp() {
        for (String name : HealthAggregator.REQUIRED) {
            register(name, () -> List.of(CheckResult.up(name, true, "fine")));
        }
    }

    private static CheckResult result(HealthReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyRequiredCheckUpIsUp() {
        registerAllUp();
        HealthReport report = health.report();
        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.ready()).isTrue();
        assertThat(report.checks()).extracting(CheckResult::name).containsExactlyInAnyOrderElementsOf(HealthAggregator.REQUIRED);
    }

    @Test
    void aRequiredCheckNotRegisteredKeepsTheNodeDown() {
        registerAllUp();
        HealthCheck database = () -> List.of(CheckResult.up("database", true, "fine"));
        health.removeCheck(database, Map.of(HealthCheck.NAME, "database")); // another instance: stays
        assertThat(health.report().status()).isEqualTo(HealthStatus.UP);

        HealthAggregator fresh = new HealthAggregator(Runnable::run, 1_000);
        for (String name : HealthAggregator.REQUIRED) {
            if (!name.equals(DatabaseHealthCheck.NAME)) {
                fresh.addCheck(() -> List.of(CheckResult.up(name, true, "fine")), Map.of(HealthCheck.NAME, name));
            }
        }
        HealthReport report = fresh.report();
        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.ready()).isFalse();
        assertThat(result(report, "database").status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result(report, "database").detail()).contains("not registered");
    }

    @Test
    void theDatabaseDownMakesTheNodeDown() {
        registerAllUp();
        register(DatabaseHealthCheck.NAME, () -> List.of(CheckResult.down("database", true, "connection refused")));
        HealthReport report = health.report();
        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result(report, "database").detail()).isEqualTo("connection refused");
    }

    @Test
    void aCheckThatIsNotCriticalMakesTheNodeDegradedButReady() {
        registerAllUp();
        register(PaymentProvidersHealthCheck.NAME, () -> List.of(
                CheckResult.up("payment-providers", false, "live: sandbox"),
                CheckResult.down("provider:org.souk.provider.paypal", false, "bundle RESOLVED: not started")));
        HealthReport report = health.report();
        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(report.ready()).isTrue();
        assertThat(result(report, "provider:org.souk.provider.paypal").status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void aCheckThatThrowsOrReportsNothingIsACriticalDown() {
        registerAllUp();
        register(SchemaHealthCheck.NAME, () -> {
            throw new IllegalStateException("boom");
        });
        register("extra", List::of);
        HealthReport report = health.report();
        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(result(report, "schemas").detail()).contains("boom");
        assertThat(result(report, "extra").status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void aCheckThatDoesNotAnswerByTheDeadlineIsDown() {
        List<Runnable> neverRun = new ArrayList<>();
        HealthAggregator stuck = new HealthAggregator(neverRun::add, 0);
        for (String name : HealthAggregator.REQUIRED) {
            stuck.addCheck(() -> List.of(CheckResult.up(name, true, "fine")), Map.of(HealthCheck.NAME, name));
        }
        HealthReport report = stuck.report();
        assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.detail()).contains("no answer within"));
    }

    @Test
    void statusFolding() {
        assertThat(HealthAggregator.status(List.of())).isEqualTo(HealthStatus.UP);
        assertThat(HealthAggregator.status(List.of(CheckResult.down("a", false, ""), CheckResult.down("b", true, ""))))
                .isEqualTo(HealthStatus.DOWN);
        assertThat(HealthAggregator.status(List.of(CheckResult.up("a", true, ""), CheckResult.down("b", false, ""))))
                .isEqualTo(HealthStatus.DEGRADED);
    }
}
