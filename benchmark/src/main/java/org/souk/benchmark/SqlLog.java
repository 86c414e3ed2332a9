package org.souk.benchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL a run caused, counted from Derby's own statement log: a node started with
 * {@code -Dderby.language.logStatementText=true} writes every statement it executes to its
 * {@code derby.log}, with the id of the transaction it ran in. The log is read from where it ended
 * before the run, so pollers' statements during the run count too: they are part of what a checkout costs.
 */
final class SqlLog {

    private static final Pattern EXECUTED = Pattern.compile(
            "\\(XID = (\\d+)\\).*Executing (?:prepared )?statement: (.*?)(?: :End prepared statement.*)?$");

    /** What the log shows between two points: statements executed, by text, and transactions seen. */
    record Counts(long statements, long transactions, Map<String, Long> byStatement) {
    }

    private final Path file;

    SqlLog(Path file) {
        this.file = file;
    }

    /** Where the log ends now. */
    long end() throws IOException {
        return Files.size(file);
    }

    /** Counts what was logged from {@code from} to the end of the log now. */
    Counts since(long from) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            return count(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** Counts the executed statements and the distinct transactions of a piece of {@code derby.log}. */
    static Counts count(String log) {
        long statements = 0;
        Set<String> transactions = new HashSet<>();
        Map<String, Long> byStatement = new LinkedHashMap<>();
        for (String line : log.split("\n")) {
            Matcher m = EXECUTED.matcher(line);
            if (m.find()) {
                statements++;
                transactions.add(m.group(1));
                byStatement.merge(shape(m.group(2)), 1L, Long::sum);
            }
        }
        return new Counts(statements, transactions.size(), byStatement);
    }

    /** A statement without its literal values, cut to a readable length, to group equal statements. */
    static String shape(String sql) {
        String shape = sql.replaceAll("'[^']*'", "?").replaceAll("\\s+", " ").trim();
        return shape.length() > 140 ? shape.substring(0, 137) + "..." : shape;
    }
}
