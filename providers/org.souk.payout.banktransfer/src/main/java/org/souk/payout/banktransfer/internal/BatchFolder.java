package org.souk.payout.banktransfer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
 * A day whose batch was sent already starts {@code payouts-<date>-2.xml}, and so on: a name taken in {@code sent/}
 * is never written again. A batch is only ever written on its own (UTC) day, so a past day's batch is sealed.
 * Several nodes may share the directory: every find-then-write, and every reading of {@code sent/} and
 * {@code rejected.txt}, holds the lock of {@code .lock} in it ({@link #locked}).
 */
final class BatchFolder {

    private static final Logger LOG = LoggerFactory.getLogger(BatchFolder.class);
    static final String SENT = "sent";
    static final String REJECTED = "rejected.txt";
    private static final String PREFIX = "payouts-";
    private static final String SUFFIX = ".xml";
    static final String LOCK = ".lock";
    /** How long to wait for another node (or another instance in this JVM) to release the batch lock. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    /**
     * Where a payout stands, by the files: HELD in a sent batch that does not match its own totals (edited after
     * it was sealed: nothing in it is decided), UNREADABLE when not found but some batch file cannot be read.
     */
    enum State {
        OPEN, SENT, REJECTED, HELD, UNREADABLE, UNKNOWN
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

    /**
     * Runs the work holding the batch lock: this instance's monitor, and an exclusive lock on {@code .lock} in
     * the directory, which other nodes sharing the directory take too.
     */
    synchronized <T> T locked(Supplier<T> work) {
        try (FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = acquire(channel);
            try {
                return work.get();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the payout batch directory " + directory, e);
        }
    }

    private FileLock acquire(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null; // another instance in this JVM holds it
            }
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the payout batch directory " + directory + " stayed locked for "
                        + LOCK_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the payout batch lock", e);
            }
        }
    }

    /**
     * Where the payout with this end-to-end id stands: in a sent batch (then rejected if {@code rejected.txt}
     * lists it, else paid; held if the batch no longer matches its own totals), else in an open one. Call it
     * {@link #locked}.
     */
    Found find(String withdrawalId) {
        String e2e = Pain001.endToEndId(withdrawalId);
        String unreadable = null;
        for (Path file : batches(sent)) {
            Pain001 batch = read(file);
            if (batch == null) {
                unreadable = file.toString();
            } else if (batch.contains(e2e)) {
                String mismatch = totalsMismatch(file);
                if (mismatch != null) {
                    LOG.error("Payout batch {} in sent/ does not match its own totals ({}): it was edited after it was "
                            + "sealed, so none of its payouts is marked paid or rejected; check it with the bank",
                            file, mismatch);
                    return new Found(State.HELD, batch.messageId(), mismatch);
                }
                Optional<String> reason = rejection(withdrawalId, e2e);
                return reason.isPresent() ? new Found(State.REJECTED, batch.messageId(), reason.get())
                        : new Found(State.SENT, batch.messageId(), null);
            }
        }
        for (Path file : batches(directory)) {
            Pain001 batch = read(file);
            if (batch == null) {
                unreadable = file.toString();
            } else if (batch.contains(e2e)) {
                return new Found(State.OPEN, batch.messageId(), null);
            }
        }
        return unreadable == null ? new Found(State.UNKNOWN, null, null)
                : new Found(State.UNREADABLE, null, "the payout batch " + unreadable + " cannot be read");
    }

    /**
     * Adds a transfer to today's open batch (a new one if there is none, or today's was sent already), writing
     * the whole file anew and moving it into place in one step, so a reader never sees half a batch. Call it
     * {@link #locked}. A batch that cannot be read is never overwritten, and a batch the operator moved into
     * {@code sent/} meanwhile is not recreated: the transfer goes to the next batch of the day.
     */
    String append(Pain001.Transfer transfer, String debtorName, String debtorIban) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = now.toLocalDate();
        Path file = openBatch(today);
        Pain001 batch = null;
        if (Files.exists(file)) {
            batch = read(file);
            if (batch == null) {
                throw new IllegalStateException("the open payout batch " + file + " cannot be read; nothing is added "
                        + "to it until it is mended or moved away");
            }
        }
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
            if (Files.exists(sent.resolve(file.getFileName()))) {
                // The operator moved the batch into sent/ while the transfer was being added: what was just
                // written recreated it. Take it back; the transfer goes to the day's next batch.
                Files.delete(file);
                LOG.warn("Payout batch {} was moved into sent/ while a transfer was added to it; the transfer goes to "
                        + "the next batch", file.getFileName());
                return append(transfer, debtorName, debtorIban);
            }
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
        } catch (IOException | RuntimeException e) {
            LOG.warn("Payout batch {} cannot be read: {}", file, e.getMessage());
            return null;
        }
    }

    /** Why a batch's totals disagree with its transfers, or null if they agree. */
    private static String totalsMismatch(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Pain001.totalsMismatch(in);
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    List<Path> openBatches() {
        return new ArrayList<>(batches(directory));
    }
}
