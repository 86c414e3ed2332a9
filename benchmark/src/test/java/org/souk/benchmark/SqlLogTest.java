package org.souk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlLogTest {

    private static final String PREFIX = "Mon Dec 07 23:50:11 UTC 2026 Thread[qtp-1,5,main] (XID = %d), (SESSIONID = 5), "
            + "(DATABASE = /souk), (DRDAID = null), ";

    private static String executed(int xid, String sql) {
        return String.format(PREFIX, xid) + "Executing prepared statement: " + sql
                + " :End prepared statement with 1 parameters begin parameter #1: x :end parameter \n";
    }

    @Test
    void countsExecutedStatementsAndDistinctTransactionsButNotPlansOrCompilations() {
        String log = executed(7, "SELECT id FROM order_timer WHERE state = 'PENDING' AND due_at <= ?")
                + String.format(PREFIX, 7) + "Begin compiling prepared statement: INSERT INTO orders (ID) VALUES (?) :End prepared statement\n"
                + executed(7, "INSERT INTO orders (ID) VALUES (?)")
                + "Number of opens = 1\nRows seen = 1\n"
                + executed(8, "INSERT INTO orders (ID) VALUES (?)")
                + String.format(PREFIX, 9) + "Executing statement: VALUES 1\n";

        SqlLog.Counts counts = SqlLog.count(log);

        assertThat(counts.statements()).isEqualTo(4);
        assertThat(counts.transactions()).isEqualTo(3);
        assertThat(counts.byStatement()).containsEntry("INSERT INTO orders (ID) VALUES (?)", 2L)
                .containsEntry("SELECT id FROM order_timer WHERE state = ? AND due_at <= ?", 1L)
                .containsEntry("VALUES 1", 1L);
    }

    @Test
    void readsOnlyWhatWasLoggedAfterTheGivenEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("derby.log");
        Files.writeString(file, executed(1, "SELECT 1"), StandardCharsets.UTF_8);
        SqlLog log = new SqlLog(file);
        long end = log.end();
        Files.writeString(file, executed(1, "SELECT 1") + executed(2, "SELECT 2") + executed(2, "SELECT 3"),
                StandardCharsets.UTF_8);

        SqlLog.Counts counts = log.since(end);

        assertThat(counts.statements()).isEqualTo(2);
        assertThat(counts.transactions()).isEqualTo(1);
    }
}
