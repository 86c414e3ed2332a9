package org.souk.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {

    @TempDir
    Path dir;

    @Test
    void appliesEachVersionOnceAndPicksUpNewOnes() throws Exception {
        EmbeddedDataSource ds = derby("once");
        Path scripts = dir.resolve("scripts");
        write(scripts, "demo", "V1.sql", "-- first\nCREATE TABLE thing (id INTEGER PRIMARY KEY,\n name VARCHAR(10));\n");

        assertThat(new SchemaMigrator(ds, "demo", loader(scripts)).migrate()).isEqualTo(1);
        assertThat(new SchemaMigrator(ds, "demo", loader(scripts)).migrate()).isEqualTo(1);

        write(scripts, "demo", "V2.sql", "ALTER TABLE thing ADD COLUMN note VARCHAR(20);\nINSERT INTO thing VALUES (1, 'a', 'b');");
        assertThat(new SchemaMigrator(ds, "demo", loader(scripts)).migrate()).isEqualTo(2);
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT note FROM thing")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("b");
        }
    }

    @Test
    void aFailedScriptLeavesTheVersionUnrecordedAndRefusesADowngrade() throws Exception {
        EmbeddedDataSource ds = derby("fail");
        Path scripts = dir.resolve("bad");
        write(scripts, "bad", "V1.sql", "CREATE TABLE ok_table (id INTEGER);\nCREATE TABLE broken (;");
        assertThatThrownBy(() -> new SchemaMigrator(ds, "bad", loader(scripts)).migrate())
                .hasMessageContaining("migrating schema 'bad' failed");

        Path fixed = dir.resolve("fixed");
        write(fixed, "bad", "V1.sql", "CREATE TABLE ok_table (id INTEGER);");
        write(fixed, "bad", "V2.sql", "CREATE TABLE second_table (id INTEGER);");
        assertThat(new SchemaMigrator(ds, "bad", loader(fixed)).migrate()).isEqualTo(2);

        Path older = dir.resolve("older");
        write(older, "bad", "V1.sql", "CREATE TABLE ok_table (id INTEGER);");
        assertThatThrownBy(() -> new SchemaMigrator(ds, "bad", loader(older)).migrate())
                .hasMessageContaining("at version 2 but this bundle knows only 1");
    }

    @Test
    void stopsAtTheFirstMissingVersionAsMigrationScriptsCountsIt() throws Exception {
        EmbeddedDataSource ds = derby("gap-db");
        Path scripts = dir.resolve("gap");
        write(scripts, "gap", "V1.sql", "CREATE TABLE first_table (id INTEGER);");
        write(scripts, "gap", "V3.sql", "CREATE TABLE third_table (id INTEGER);");

        assertThat(new SchemaMigrator(ds, "gap", loader(scripts)).migrate()).isEqualTo(1);
        assertThat(MigrationScripts.versions(java.util.List.of("/db/migration/gap/V1.sql", "/db/migration/gap/V3.sql")))
                .containsEntry("gap", 1);
    }

    @Test
    void splitsStatementsOnLineEndingSemicolons() {
        assertThat(SchemaMigrator.statements("-- c\nA b;\nC\n d;\n\nE"))
                .containsExactly("A b", "C d", "E");
    }

    private EmbeddedDataSource derby(String name) throws SQLException {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve(name).toString());
        ds.setCreateDatabase("create");
        return ds;
    }

    private static void write(Path root, String module, String name, String sql) throws IOException {
        Path file = root.resolve("db/migration").resolve(module).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    private static ClassLoader loader(Path root) throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
