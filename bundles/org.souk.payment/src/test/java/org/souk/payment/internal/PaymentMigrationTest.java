package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.souk.persistence.SchemaMigrator;

/** Schema versions on a database with payments made before them. */
class PaymentMigrationTest {

    @TempDir
    Path dir;

    @Test
    void everyExistingPaymentGetsTheAttemptItHad() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db").toString());
        ds.setCreateDatabase("create");
        Path scripts = dir.resolve("scripts");
        for (int v = 1; v <= 4; v++) {
            copy(scripts, v);
        }
        assertThat(new SchemaMigrator(ds, "payment", loader(scripts)).migrate()).isEqualTo(4);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(insert("p-ok", "o-1", "SUCCESS", "'sbx_p-ok'", "NULL"));
            s.executeUpdate(insert("p-no", "o-2", "FAILED", "'sbx_p-no'", "'card declined'"));
            s.executeUpdate(insert("p-wait", "o-3", "PENDING", "NULL", "NULL"));
        }

        copy(scripts, 5);
        assertThat(new SchemaMigrator(ds, "payment", loader(scripts)).migrate()).isEqualTo(5);
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT a.id, a.payment_id, a.attempt_number, a.status, a.gateway_reference, a.failure_reason, a.method,"
                + " a.test_mode, a.ended_at, p.attempt_number FROM payment_attempt a JOIN payment p ON p.id = a.payment_id"
                + " ORDER BY a.id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getString(7) + "|" + rs.getBoolean(8) + "|"
                        + (rs.getTimestamp(9) != null) + "|" + rs.getInt(10));
            }
        }
        assertThat(rows).containsExactly(
                "p-no|p-no|1|FAILED|sbx_p-no|card declined|sandbox.card|true|true|1",
                "p-ok|p-ok|1|SUCCEEDED|sbx_p-ok|null|sandbox.card|true|true|1",
                "p-wait|p-wait|1|PENDING|null|null|sandbox.card|true|false|1");
    }

    @Test
    void eachAttemptTakesItsConversionAndAnotherAttemptsRefundItsProvider() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db6").toString());
        ds.setCreateDatabase("create");
        Path scripts = dir.resolve("scripts6");
        for (int v = 1; v <= 5; v++) {
            copy(scripts, v);
        }
        assertThat(new SchemaMigrator(ds, "payment", loader(scripts)).migrate()).isEqualTo(5);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // Attempt 1 a MAD card (declined), attempt 2 PayPal in EUR, the latest; then attempt 1's charge
            // was refunded as a second charge.
            s.executeUpdate(insert("p-2", "o-2", "SUCCESS", "'PAYPAL-2'", "NULL"));
            s.executeUpdate("UPDATE payment SET provider = 'paypal', charged_minor = 2300, charged_currency = 'EUR', "
                    + "exchange_rate = 0.092, attempt_number = 2 WHERE id = 'p-2'");
            s.executeUpdate("INSERT INTO payment_attempt (id, payment_id, attempt_number, method, provider, test_mode, "
                    + "status, gateway_reference, started_at, version) VALUES "
                    + "('p-2', 'p-2', 1, 'sandbox.card', 'sandbox', TRUE, 'DECLINED', 'sbx_p-2', CURRENT_TIMESTAMP, 0), "
                    + "('p-2-2', 'p-2', 2, 'paypal.wallet', 'paypal', FALSE, 'SUCCEEDED', 'PAYPAL-2', CURRENT_TIMESTAMP, 0)");
            s.executeUpdate("INSERT INTO payment_refund (id, payment_id, order_id, amount_minor, currency, status, reason, "
                    + "requested_by, requested_at, updated_at, version, charge_reference) VALUES "
                    + "('r-1', 'p-2', 'o-2', 25000, 'MAD', 'REQUESTED', 'a second charge', 'system', CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP, 0, 'sbx_p-2'), "
                    + "('r-2', 'p-2', 'o-2', 10000, 'MAD', 'REQUESTED', 'agreed', 'cli', CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP, 0, NULL)");
        }

        copy(scripts, 6);
        assertThat(new SchemaMigrator(ds, "payment", loader(scripts)).migrate()).isEqualTo(6);
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id, charged_minor, charged_currency, exchange_rate "
                    + "FROM payment_attempt ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getObject(2) + "|" + rs.getString(3) + "|" + rs.getBigDecimal(4));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, provider, charged_minor FROM payment_refund ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getObject(3));
                }
            }
        }
        assertThat(rows).containsExactly("p-2|null|null|null", "p-2-2|2300|EUR|0.09200000",
                "r-1|sandbox|null", "r-2|null|null");
    }

    @Test
    void declinesRecordedBeforeCodesReadUnknown() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db7").toString());
        ds.setCreateDatabase("create");
        Path scripts = dir.resolve("scripts7");
        for (int v = 1; v <= 6; v++) {
            copy(scripts, v);
        }
        assertThat(new SchemaMigrator(ds, "payment", loader(scripts)).migrate()).isEqualTo(6);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // p-d awaits a new attempt after a decline; p-x expired after one; p-ok was paid.
            s.executeUpdate(insert("p-d", "o-1", "PENDING", "'sbx_p-d'", "'card declined'"));
            s.executeUpdate(insert("p-x", "o-2", "FAILED", "'sbx_p-x'", "'payment expired'"));
            s.executeUpdate(insert("p-ok", "o-3", "SUCCESS", "'sbx_p-ok'", "NULL"));
            s.executeUpdate("INSERT INTO payment_attempt (id, payment_id, attempt_number, method, provider, test_mode, "
                    + "status, gateway_reference, failure_reason, started_at, version) VALUES "
                    + "('p-d', 'p-d', 1, 'sandbox.card', 'sandbox', TRUE, 'DECLINED', 'sbx_p-d', 'card declined', CURRENT_TIMESTAMP, 0), "
                    + "('p-x', 'p-x', 1, 'sandbox.card', 'sandbox', TRUE, 'DECLINED', 'sbx_p-x', 'card declined', CURRENT_TIMESTAMP, 0), "
                    + "('p-ok', 'p-ok', 1, 'sandbox.card', 'sandbox', TRUE, 'SUCCEEDED', 'sbx_p-ok', NULL, CURRENT_TIMESTAMP, 0)");
        }

        copy(scripts, 7);
        assertThat(new SchemaMigrator(ds, "payment", loader(scripts)).migrate()).isEqualTo(7);
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT a.id, a.decline_code, p.decline_code FROM payment_attempt a "
                    + "JOIN payment p ON p.id = a.payment_id ORDER BY a.id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                }
            }
        }
        assertThat(rows).containsExactly("p-d|unknown|unknown", "p-ok|null|null", "p-x|unknown|null");
    }

    private static String insert(String id, String order, String status, String reference, String reason) {
        return "INSERT INTO payment (id, order_id, client_id, freelancer_id, status, amount_minor, currency, method, "
                + "provider, gateway_reference, failure_reason, initiated_at, updated_at, version, test_mode) VALUES ('"
                + id + "', '" + order + "', 'cli', 'fre', '" + status + "', 25000, 'MAD', 'sandbox.card', 'sandbox', "
                + reference + ", " + reason + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, TRUE)";
    }

    private static void copy(Path root, int version) throws IOException {
        String name = "db/migration/payment/V" + version + ".sql";
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        try (InputStream in = PaymentMigrationTest.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(in, file);
        }
    }

    private static ClassLoader loader(Path root) throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
