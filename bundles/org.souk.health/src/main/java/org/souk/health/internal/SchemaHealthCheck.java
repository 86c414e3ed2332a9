package org.souk.health.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;
import org.souk.persistence.MigrationScripts;
import org.souk.persistence.SchemaMigrator;

/**
 * Every schema is migrated: each bundle that uses Souk's schema migrator ships its scripts where
 * {@link MigrationScripts} says, and {@code souk_schema_history} must be at the version they bring each module
 * to. A bundle whose migrations did not run (its schema component is not active yet, or failed) keeps the
 * node DOWN.
 */
@Component(service = HealthCheck.class, property = HealthCheck.NAME + "=" + SchemaHealthCheck.NAME)
public class SchemaHealthCheck implements HealthCheck {

    static final String NAME = "schemas";
    private static final String MIGRATOR_PACKAGE = SchemaMigrator.class.getPackageName();
    /** Derby and PostgreSQL codes for "no such table". */
    private static final Set<String> NO_TABLE = Set.of("42X05", "42P01");

    private final BundleContext context;

    @Reference(target = DatabaseHealthCheck.TARGET, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DataSource dataSource;

    @Activate
    public SchemaHealthCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<CheckResult> check() {
        Map<String, Integer> expected = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            String imports = b.getHeaders().get(Constants.IMPORT_PACKAGE);
            if (b.getState() != Bundle.UNINSTALLED && imports != null && imports.contains(MIGRATOR_PACKAGE)) {
                MigrationScripts.versions(b).forEach((module, version) -> expected.merge(module, version, Math::max));
            }
        }
        DataSource ds = dataSource;
        if (ds == null) {
            return List.of(CheckResult.down(NAME, true, "no DataSource " + DatabaseHealthCheck.TARGET));
        }
        Map<String, Integer> applied;
        try {
            applied = applied(ds);
        } catch (SQLException e) {
            return List.of(CheckResult.down(NAME, true, "cannot read souk_schema_history: " + e.getMessage()));
        }
        return compare(expected, applied);
    }

    private static Map<String, Integer> applied(DataSource ds) throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(DatabaseHealthCheck.QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = s.executeQuery("SELECT module, MAX(version) FROM souk_schema_history GROUP BY module")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            if (!NO_TABLE.contains(e.getSQLState())) {
                throw e;
            }
            // Nothing migrated yet: every module is at version 0.
        }
        return out;
    }

    /** One result per module: UP when the database is at the bundle's latest version. */
    static List<CheckResult> compare(Map<String, Integer> expected, Map<String, Integer> applied) {
        if (expected.isEmpty()) {
            return List.of(CheckResult.down(NAME, true, "no bundle with schema migrations is installed"));
        }
        List<CheckResult> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : new TreeMap<>(expected).entrySet()) {
            String name = "schema:" + e.getKey();
            int want = e.getValue();
            int have = applied.getOrDefault(e.getKey(), 0);
            if (have == want) {
                out.add(CheckResult.up(name, true, "version " + have));
            } else if (have < want) {
                out.add(CheckResult.down(name, true, "at version " + have + " of " + want + ": migrations pending"));
            } else {
                out.add(CheckResult.down(name, true, "the database is at version " + have
                        + ", newer than the bundle's " + want + ": refused"));
            }
        }
        return out;
    }
}
