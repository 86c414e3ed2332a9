package org.souk.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a module's versioned SQL migrations, in order, exactly once each.
 *
 * <p>Scripts live in the owning bundle where {@link MigrationScripts} says, numbered from 1 without gaps, and
 * run from the bundle's one {@link Schema} component, never from a service. Applied versions are recorded in
 * {@code souk_schema_history}, one row per module and version, so several bundles can migrate the same
 * database independently. A database newer than the bundle (a downgrade) is refused rather than silently
 * used.
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String HISTORY = "souk_schema_history";
    /** Derby and PostgreSQL codes for "table already exists". */
    private static final List<String> ALREADY_EXISTS = List.of("X0Y32", "42P07");

    private final DataSource dataSource;
    private final String module;
    private final ClassLoader scripts;

    public SchemaMigrator(DataSource dataSource, String module, ClassLoader scripts) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.module = Objects.requireNonNull(module);
        this.scripts = Objects.requireNonNull(scripts);
    }

    /** Applies the pending migrations and returns the schema version now in force. */
    public int migrate() {
        List<String> available = availableScripts();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            createHistoryTable(c);
            int current = currentVersion(c);
            if (current > available.size()) {
                throw new IllegalStateException("database schema of '" + module + "' is at version " + current
                        + " but this bundle knows only " + available.size());
            }
            for (int v = current + 1; v <= available.size(); v++) {
                apply(c, v, available.get(v - 1));
            }
            return available.size();
        } catch (SQLException e) {
            throw new IllegalStateException("migrating schema '" + module + "' failed: " + e.getMessage(), e);
        }
    }

    private List<String> availableScripts() {
        List<String> found = new ArrayList<>();
        for (int v = 1; ; v++) {
            String path = MigrationScripts.path(module, v);
            try (InputStream in = scripts.getResourceAsStream(path)) {
                if (in == null) {
                    return found;
                }
                found.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path, e);
            }
        }
    }

    private static void createHistoryTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE " + HISTORY + " (module VARCHAR(64) NOT NULL, version INTEGER NOT NULL, "
                    + "applied_at TIMESTAMP NOT NULL, PRIMARY KEY (module, version))");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                throw e;
            }
        }
    }

    private int currentVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM " + HISTORY + " WHERE module = ?")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } finally {
            c.commit();
        }
    }

    private void apply(Connection c, int version, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(script)) {
                s.executeUpdate(statement);
            }
            // The primary key makes a concurrent second migrator of the same module fail here and roll back.
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + HISTORY + " (module, version, applied_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                ps.setString(1, module);
                ps.setInt(2, version);
                ps.executeUpdate();
            }
            c.commit();
            LOG.info("Schema '{}' migrated to version {}", module, version);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** Splits a script on semicolons that end a line; lines starting with -- are comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                out.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(trimmed).append(' ');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }
}
