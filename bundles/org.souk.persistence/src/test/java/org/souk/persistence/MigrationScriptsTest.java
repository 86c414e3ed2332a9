package org.souk.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MigrationScriptsTest {

    @Test
    void aScriptLivesInItsModulesFolder() {
        assertThat(MigrationScripts.path("order", 3)).isEqualTo("db/migration/order/V3.sql");
    }

    @Test
    void eachModuleIsAtItsLastScriptInAnyOrderTheBundleListsThem() {
        Map<String, Integer> versions = MigrationScripts.versions(List.of("/db/migration/order/V1.sql",
                "/db/migration/order/V3.sql", "/db/migration/order/V2.sql", "/db/migration/catalog/V1.sql",
                "/db/migration/ledger/V2.sql", "/db/migration/ledger/V1.sql", "/db/migration/README.txt",
                "db/migration/rest/V1.sql"));

        assertThat(versions).containsExactlyInAnyOrderEntriesOf(
                Map.of("order", 3, "catalog", 1, "ledger", 2, "rest", 1));
    }

    @Test
    void aScriptPastAGapIsNotPartOfTheVersionAsTheMigratorNeverRunsIt() {
        assertThat(MigrationScripts.versions(List.of("/db/migration/demo/V1.sql", "/db/migration/demo/V3.sql")))
                .containsExactlyEntriesOf(Map.of("demo", 1));
    }
}
