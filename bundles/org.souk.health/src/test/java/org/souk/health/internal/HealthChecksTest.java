package org.souk.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthStatus;
import org.souk.gateway.api.ProviderInfo;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.health.internal.PaymentProvidersHealthCheck.ProviderBundle;

class HealthChecksTest {

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(HealthChecksTest.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /** A DataSource whose one query answers {@code answer}, on a database named {@code product}. */
    private static DataSource database(String product, int answer, List<String> queries) {
        ResultSet rs = proxy(ResultSet.class, (p, m, a) -> switch (m.getName()) {
            case "next" -> true;
            case "getInt" -> answer;
            default -> null;
        });
        Statement st = proxy(Statement.class, (p, m, a) -> {
            if (m.getName().equals("executeQuery")) {
                queries.add((String) a[0]);
                return rs;
            }
            return null;
        });
        DatabaseMetaData meta = proxy(DatabaseMetaData.class, (p, m, a) -> m.getName().equals("getDatabaseProductName") ? product : null);
        Connection c = proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
            case "createStatement" -> st;
            case "getMetaData" -> meta;
            default -> null;
        });
        return proxy(DataSource.class, (p, m, a) -> m.getName().equals("getConnection") ? c : null);
    }

    @Test
    void databaseUpWhenTheQueryAnswers() {
        List<String> queries = new java.util.ArrayList<>();
        assertThat(DatabaseHealthCheck.check(database("Apache Derby", 1, queries)).status()).isEqualTo(HealthStatus.UP);
        assertThat(DatabaseHealthCheck.check(database("PostgreSQL", 1, queries)).status()).isEqualTo(HealthStatus.UP);
        assertThat(queries).containsExactly("VALUES 1", "SELECT 1");
        assertThat(DatabaseHealthCheck.check(database("PostgreSQL", 2, queries)).status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void databaseDownWhenItCannotConnectOrIsMissing() {
        DataSource refusing = proxy(DataSource.class, (p, m, a) -> {
            throw new SQLException("Connection refused");
        });
        CheckResult down = DatabaseHealthCheck.check(refusing);
        assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(down.critical()).isTrue();
        assertThat(down.detail()).contains("Connection refused");
        assertThat(DatabaseHealthCheck.check(null).status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void schemasCompareTheBundlesScriptsWithTheHistory() {
        // What the bundles' scripts bring each module to (MigrationScripts reads that from the bundles).
        Map<String, Integer> expected = Map.of("order", 3, "catalog", 1, "ledger", 2);
        List<CheckResult> results = SchemaHealthCheck.compare(expected, Map.of("order", 3, "catalog", 1, "ledger", 1));
        assertThat(results).extracting(CheckResult::name).containsExactly("schema:catalog", "schema:ledger", "schema:order");
        assertThat(results).extracting(CheckResult::status)
                .containsExactly(HealthStatus.UP, HealthStatus.DOWN, HealthStatus.UP);
        assertThat(results.get(1).detail()).contains("at version 1 of 2");

        assertThat(SchemaHealthCheck.compare(Map.of("order", 3), Map.of()).get(0).status()).isEqualTo(HealthStatus.DOWN);
        assertThat(SchemaHealthCheck.compare(Map.of("order", 3), Map.of("order", 4)).get(0).detail()).contains("newer");
        assertThat(SchemaHealthCheck.compare(Map.of(), Map.of("order", 3)).get(0).status()).isEqualTo(HealthStatus.DOWN);
        assertThat(results).allMatch(CheckResult::critical);
    }

    private static ProviderInfo sandbox() {
        return new ProviderInfo("sandbox", "Sandbox", List.of(new PaymentMethod("sandbox.card", "Card", MethodType.CARD)),
                Set.of("MAD"), "org.souk.provider.sandbox 0.1.0.SNAPSHOT", true);
    }

    @Test
    void providersReportEachBundle() {
        ProviderBundle sandbox = new ProviderBundle("org.souk.provider.sandbox", "0.1.0.SNAPSHOT", "ACTIVE", false, null);
        ProviderBundle paypal = new ProviderBundle("org.souk.provider.paypal", "0.1.0.SNAPSHOT", "ACTIVE", true, null);
        ProviderBundle stopped = new ProviderBundle("org.souk.provider.youcanpay", "0.1.0.SNAPSHOT", "RESOLVED", false, null);
        ProviderBundle failed = new ProviderBundle("org.souk.provider.banktransfer", "0.1.0.SNAPSHOT", "ACTIVE", false, "bad iban");

        List<CheckResult> results = PaymentProvidersHealthCheck.evaluate(List.of(sandbox()),
                List.of(sandbox, paypal, stopped, failed));
        assertThat(results).extracting(CheckResult::name).containsExactly("payment-providers",
                "provider:org.souk.provider.sandbox", "provider:org.souk.provider.paypal",
                "provider:org.souk.provider.youcanpay", "provider:org.souk.provider.banktransfer");
        assertThat(results).extracting(CheckResult::status).containsExactly(HealthStatus.UP, HealthStatus.UP,
                HealthStatus.UP, HealthStatus.DOWN, HealthStatus.DOWN);
        assertThat(results.get(1).detail()).contains("sandbox.card");
        assertThat(results.get(2).detail()).contains("not configured");
        assertThat(results.get(3).detail()).contains("RESOLVED");
        assertThat(results.get(4).detail()).contains("bad iban");
        assertThat(results).noneMatch(CheckResult::critical);
    }

    @Test
    void aProviderWhoseKeysWereRefusedIsDownButTheNodeOnlyDegraded() {
        ProviderBundle ycp = new ProviderBundle("org.souk.provider.youcanpay", "0.1.0.SNAPSHOT", "ACTIVE", false, null);
        ProviderInfo refused = new ProviderInfo("youcanpay", "YouCanPay",
                List.of(new PaymentMethod("youcanpay.card", "Card", MethodType.CARD)), Set.of("MAD"),
                "org.souk.provider.youcanpay 0.1.0.SNAPSHOT", false,
                org.souk.gateway.spi.ConfigurationCheck.invalid("YouCanPay refused the keys (live, HTTP 404)"));
        List<CheckResult> results = PaymentProvidersHealthCheck.evaluate(List.of(sandbox(), refused), List.of(ycp));
        CheckResult check = results.stream().filter(r -> r.name().equals("provider:org.souk.provider.youcanpay"))
                .findFirst().orElseThrow();
        assertThat(check.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(check.critical()).as("the node stays ready for everything else").isFalse();
        assertThat(check.detail()).contains("refused the keys");
        assertThat(results.get(0).status()).isEqualTo(HealthStatus.UP);

        ProviderInfo unchecked = new ProviderInfo("youcanpay", "YouCanPay", refused.methods(), refused.currencies(),
                refused.bundle(), false, org.souk.gateway.spi.ConfigurationCheck.unreachable("timeout"));
        CheckResult notChecked = PaymentProvidersHealthCheck.evaluate(List.of(unchecked), List.of(ycp)).get(1);
        assertThat(notChecked.status()).isEqualTo(HealthStatus.UP);
        assertThat(notChecked.detail()).contains("not checked");
    }

    @Test
    void configurationsTheGatewayRefusedAreShownDownAndNotCountedAsLive() {
        // Two configurations of one bundle claim 'youcanpay': the gateway lists both, without methods, refused.
        ProviderBundle ycp = new ProviderBundle("org.souk.provider.youcanpay", "0.1.0.SNAPSHOT", "ACTIVE", false, null);
        org.souk.gateway.spi.ConfigurationCheck why = org.souk.gateway.spi.ConfigurationCheck.invalid("refused: 2 configurations"
                + " of org.souk.provider.youcanpay 0.1.0.SNAPSHOT claim this id, so none is used until only one is left");
        ProviderInfo one = new ProviderInfo("youcanpay", "YouCanPay", List.of(), Set.of("MAD"),
                "org.souk.provider.youcanpay 0.1.0.SNAPSHOT", false, why);
        List<CheckResult> results = PaymentProvidersHealthCheck.evaluate(List.of(one, one), List.of(ycp));
        assertThat(results.get(0).status()).isEqualTo(HealthStatus.DOWN);
        assertThat(results.get(0).detail()).contains("nothing can be paid");
        assertThat(results.get(1).status()).isEqualTo(HealthStatus.DOWN);
        assertThat(results.get(1).detail()).contains("youcanpay refused: 2 configurations").doesNotContain("live:");

        List<CheckResult> withSandbox = PaymentProvidersHealthCheck.evaluate(List.of(sandbox(), one, one), List.of(ycp));
        assertThat(withSandbox.get(0).status()).isEqualTo(HealthStatus.UP);
        assertThat(withSandbox.get(0).detail()).isEqualTo("live: sandbox (test)");
    }

    @Test
    void providersDownWhenNothingIsLive() {
        ProviderBundle refused = new ProviderBundle("org.souk.provider.sandbox", "0.1.0.SNAPSHOT", "ACTIVE", false, null);
        List<CheckResult> results = PaymentProvidersHealthCheck.evaluate(List.of(), List.of(refused));
        assertThat(results).extracting(CheckResult::status).containsOnly(HealthStatus.DOWN);
        assertThat(results.get(0).detail()).contains("nothing can be paid");
        assertThat(results.get(1).detail()).contains("no provider of it is live");
        assertThat(PaymentProvidersHealthCheck.evaluate(null, List.of()).get(0).detail()).contains("gateway is not running");
    }

    @Test
    void schedulerMissingIsDegradedNotDown() {
        CheckResult missing = SchedulerHealthCheck.of(false, List.of());
        assertThat(missing.status()).isEqualTo(HealthStatus.DOWN);
        assertThat(missing.critical()).isFalse();
        assertThat(SchedulerHealthCheck.of(true, List.of("souk-order-deadlines")).detail()).contains("souk-order-deadlines");
    }
}
