package org.souk.health.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;

/** The {@code souk} DataSource answers a query. */
@Component(service = HealthCheck.class, property = HealthCheck.NAME + "=" + DatabaseHealthCheck.NAME)
public class DatabaseHealthCheck implements HealthCheck {

    static final String NAME = "database";
    static final String TARGET = "(osgi.jndi.service.name=souk)";
    static final int QUERY_TIMEOUT_SECONDS = 2;

    @Reference(target = TARGET, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DataSource dataSource;

    @Override
    public List<CheckResult> check() {
        return List.of(check(dataSource));
    }

    static CheckResult check(DataSource dataSource) {
        if (dataSource == null) {
            return CheckResult.down(NAME, true, "no DataSource " + TARGET + " (etc/org.ops4j.datasource-souk.cfg)");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String product = c.getMetaData().getDatabaseProductName();
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            // Derby knows no SELECT without FROM; PostgreSQL and the others do.
            String query = product != null && product.contains("Derby") ? "VALUES 1" : "SELECT 1";
            try (ResultSet rs = s.executeQuery(query)) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    return CheckResult.down(NAME, true, product + " answered '" + query + "' wrongly");
                }
            }
            return CheckResult.up(NAME, true, product + " answers");
        } catch (SQLException | RuntimeException e) {
            return CheckResult.down(NAME, true, "the database does not answer: " + e.getMessage());
        }
    }
}
