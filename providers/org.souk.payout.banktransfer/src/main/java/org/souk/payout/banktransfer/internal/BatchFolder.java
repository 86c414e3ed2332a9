package org.souk.payout.banktransfer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch files on disk, the only memory of this provider (so a restart forgets nothing):
 * <ul>
 * <li>{@code payouts-<date>.xml}: the day's open batch, which each payout joins;</li>
 * <li>{@code sent/}: where the operator moves a batch once the bank executed it: its payouts are paid;</li>
 * <li>{@code rejected.txt}: one line per transfer the bank refused, {@code <withdrawal id> <reason>}: failed.</li>
 * </ul>
 * A day whose batch was sent already starts {@code payouts-<date>-2.xml}, and so on.
 */
final class BatchFolder {

    private static final Logger LOG = LoggerFactory.getLogger(BatchFolder.class);
    static final String SENT = "sent";
    static final String REJECTED = "rejected.txt";
    private static final String PREFIX = "payouts-";
    private static final String SUFFIX = ".xml";

    /** Where a payout stands, by the files. */
    enum State {
        OPEN, SENT, REJECTED, UNKNOWN
    }

    /** A payout found: where, in which batch (null if unknown), and the bank's reason for a rejection. */
    record Found(State state, String batch, String reason) {
    }

    private final Path directory;
    private final Path sent;
    private final Clock clock;

    BatchFolder(Path directory, Clock clock) {
        this.directory = directory;
        this.sent = directory.resolve(SENT);
        this.clock = clock;
        try {
            Files.createDirectories(sent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the payout batch directory " + sent, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** Where the payout with this end-to-end id stands: a rejection first, then a sent batch, then an open one. */
    Found find(String withdrawalId) {
        String e2e = Pain001.endToEndId(withdrawalId);
        Optional<String> reason = rejection(withdrawalId, e2e);
        if (reason.isPresent()) {
            return new Found(State.REJECTED, null, reason.get());
        }
        for (Path file : batches(sent)) {
            Pain001 batch = read(file);
            if (batch != null && batch.contains(e2e)) {
                return new Found(State.SENT, batch.messageId(), null);
            }
        }
        for (Path file : batches(directory)) {
            Pain001 batch = read(file);
            if (batch != null && batch.contains(e2e)) {
                return new Found(State.OPEN, batch.messageId(), null);
            }
        }
        return new Found(State.UNKNOWN, null, null);
    }

    /**
     * Adds a transfer to today's open batch (a new one if there is none, or today's was sent already), writing
     * the whole file anew and moving it into place in one step, so a reader never sees half a batch.
     */
    String append(Pain001.Transfer transfer, String debtorName, String debtorIban) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = now.toLocalDate();
        Path file = openBatch(today);
        Pain001 batch = Files.exists(file) ? read(file) : null;
        if (batch == null) {
            String name = file.getFileName().toString();
            String messageId = ("SOUK-" + name.substring(0, name.length() - SUFFIX.length())).toUpperCase();
            batch = new Pain001(messageId, now, today, debtorName, debtorIban, List.of());
        }
        Pain001 more = batch.with(transfer);
        try {
            Path temp = Files.createTempFile(directory, ".batch-", ".tmp");
            Files.writeString(temp, more.toXml(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the payout batch " + file, e);
        }
        return more.messageId();
    }

    /** Today's first batch file whose name is not taken in {@code sent/}. */
    private Path openBatch(LocalDate today) {
        for (int n = 1; ; n++) {
            String name = PREFIX + today + (n == 1 ? "" : "-" + n) + SUFFIX;
            if (!Files.exists(sent.resolve(name))) {
                return directory.resolve(name);
            }
        }
    }

    private Optional<String> rejection(String withdrawalId, String e2e) {
        Path file = directory.resolve(REJECTED);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+", 2);
                if (parts[0].equals(withdrawalId) || parts[0].equals(e2e)) {
                    return Optional.of(parts.length > 1 ? parts[1].trim() : "rejected by the bank");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.empty();
    }

    private static List<Path> batches(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(f);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A batch file, or null (and a warning) for one that is no pain.001 this provider can read. */
    private static Pain001 read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Pain001.parse(in);
        } catch (IOException e) {
            LOG.warn("Payout batch {} cannot be read and is ignored: {}", file, e.getMessage());
            return null;
        }
    }

    List<Path> openBatches() {
        return new ArrayList<>(batches(directory));
    }
}
