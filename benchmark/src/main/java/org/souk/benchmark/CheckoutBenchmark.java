package org.souk.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Complete checkouts against a running Souk: each one places an order for a gig package and pays it
 * with the sandbox success card, and counts only if the payment comes back SUCCESS (which commits
 * together with the order's move to PROCESSING). Prints checkouts per second and latency percentiles
 * of whole checkouts, for one concurrency or several in turn; with the node's JVM on this machine, the
 * server's CPU time per checkout, its heap and resident memory; with the node's Derby statement log, the
 * SQL statements and transactions per checkout.
 *
 * <pre>java -jar benchmark/target/souk-benchmark.jar [--url http://localhost:8181] [--concurrency 1,4,16]
 *      [--seconds 30] [--warmup 10] [--secret &lt;HS256 secret&gt;] [--server-pid auto|none|&lt;pid&gt;]
 *      [--sql-log run/souk/derby.log] [--report-every 30] [--help]</pre>
 *
 * Without {@code --secret} it reads the node's generated secret from {@code run/souk/etc/org.souk.auth.cfg},
 * where {@code ./run.sh} keeps it.
 */
public final class CheckoutBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]+)\"");

    private final String api;
    private final String secret;

    private CheckoutBenchmark(String url, String secret) {
        this.api = url.replaceAll("/+$", "") + "/api/v1/";
        this.secret = secret;
    }

    static final List<CommandLine.Option> OPTIONS = List.of(
            new CommandLine.Option("--url", "<url>", "http://localhost:8181", "the Souk node to run against"),
            new CommandLine.Option("--concurrency", "<n[,n...]>", "4", "checkouts under way at once; a list "
                    + "(1,4,16,64) runs each in turn, each with its own warm-up"),
            new CommandLine.Option("--seconds", "<n>", "30", "how long the measured run lasts"),
            new CommandLine.Option("--warmup", "<n>", "10", "seconds of checkouts before measuring"),
            new CommandLine.Option("--secret", "<secret>", null, "the node's HS256 secret; without it, the .secret of "
                    + "run/souk/etc/org.souk.auth.cfg (where ./run.sh keeps it)"),
            new CommandLine.Option("--server-pid", "<auto|none|pid>", "auto", "the node's JVM, for its CPU time per "
                    + "checkout and its memory; auto: the only Karaf JVM on this machine"),
            new CommandLine.Option("--sql-log", "<derby.log>", null, "the derby.log of a node started with "
                    + "EXTRA_JAVA_OPTS=-Dderby.language.logStatementText=true: counts SQL statements and transactions "
                    + "per checkout (the logging itself costs CPU: measure throughput without it)"),
            new CommandLine.Option("--report-every", "<s>", "0", "during each measured run, prints checkouts/s, heap "
                    + "and resident memory every so many seconds (0: never)"));
    private static final String USAGE = "java -jar benchmark/target/souk-benchmark.jar [options]";

    public static void main(String[] args) throws Exception {
        CommandLine line;
        List<Integer> levels;
        int seconds;
        int warmup;
        int reportEvery;
        try {
            line = new CommandLine(USAGE, OPTIONS, args);
            if (line.help()) {
                line.usage(System.out);
                return;
            }
            levels = line.numbers("--concurrency", 1);
            seconds = line.number("--seconds", 1);
            warmup = line.number("--warmup", 0);
            reportEvery = line.number("--report-every", 0);
            serverPid(line.text("--server-pid"));
        } catch (CommandLine.Refused e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + USAGE + " (--help lists the options)");
            System.exit(2);
            return;
        }
        String secret = line.text("--secret");
        if (secret == null) {
            secret = generatedSecret(Path.of("run", "souk", "etc", "org.souk.auth.cfg"));
        }
        String sqlLog = line.text("--sql-log");
        try (ServerProbe probe = probe(serverPid(line.text("--server-pid")))) {
            new CheckoutBenchmark(line.text("--url"), secret).run(levels, warmup, seconds, reportEvery, probe,
                    sqlLog == null ? null : new SqlLog(Path.of(sqlLog)));
        }
    }

    /** The JVM to read the server's figures from: empty for none, -1 for the only Karaf JVM here. */
    private static Optional<Long> serverPid(String text) throws CommandLine.Refused {
        if (text.equals("none")) {
            return Optional.empty();
        }
        if (text.equals("auto")) {
            return Optional.of(-1L);
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new CommandLine.Refused("--server-pid must be auto, none or a process id, not '" + text + "'");
        }
    }

    private static ServerProbe probe(Optional<Long> pid) {
        if (pid.isEmpty()) {
            return null;
        }
        Optional<Long> target = pid.get() == -1L ? ServerProbe.onlyKaraf() : pid;
        if (target.isEmpty()) {
            System.out.println("(no server figures: not exactly one Karaf JVM on this machine; give --server-pid)");
            return null;
        }
        try {
            return ServerProbe.attach(target.get());
        } catch (Exception e) {
            System.out.println("(no server figures: cannot attach to JVM " + target.get() + ": " + e.getMessage() + ")");
            return null;
        }
    }

    private void run(List<Integer> levels, int warmupSeconds, int seconds, int reportEvery, ServerProbe probe,
            SqlLog sql) throws Exception {
        HttpClient setup = client();
        String freelancer = token("bench-freelancer", "freelancer");
        String gig = send(setup, post("gigs", freelancer, "{\"title\":\"Benchmark gig\",\"description\":\"Load test\","
                + "\"packages\":[{\"tier\":\"BASIC\",\"title\":\"Basic\",\"price\":\"99.00\",\"deliveryDays\":1,"
                + "\"revisions\":0,\"deliverables\":[\"Result\"]}]}"), 201);
        String gigId = first(ID, gig);
        System.out.printf(Locale.ROOT, "Souk checkout benchmark: %s, concurrency %s, warm-up %d s, measured %d s each%s%n",
                api, levels, warmupSeconds, seconds, probe == null ? "" : ", server JVM " + probe.pid());

        List<String> table = new ArrayList<>();
        for (int concurrency : levels) {
            phase(gigId, concurrency, warmupSeconds, null, 0, null);
            List<long[]> latencies = new ArrayList<>();
            AtomicLong failures = new AtomicLong();
            ServerProbe.Reading before = probe == null ? null : probe.read();
            long logFrom = sql == null ? 0 : sql.end();
            long elapsed = phase(gigId, concurrency, seconds, new Result(latencies, failures), reportEvery, probe);
            ServerProbe.Reading after = probe == null ? null : probe.read();

            long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
            double perSecond = all.length / (elapsed / 1e9);
            System.out.printf(Locale.ROOT, "%nconcurrency %d%n", concurrency);
            System.out.printf(Locale.ROOT, "checkouts: %d ok, %d failed in %.1f s%n", all.length, failures.get(), elapsed / 1e9);
            System.out.printf(Locale.ROOT, "throughput: %.1f checkouts/s (%.1f HTTP requests/s)%n", perSecond, perSecond * 2);
            System.out.printf(Locale.ROOT, "latency per checkout (place + pay): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    pct(all, 50), pct(all, 90), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
            String cpu = "-";
            String memory = "-";
            if (probe != null && all.length > 0) {
                double cpuMs = (after.cpuNanos() - before.cpuNanos()) / 1e6 / all.length;
                cpu = String.format(Locale.ROOT, "%.2f", cpuMs);
                memory = String.format(Locale.ROOT, "%d / %d", after.heapUsedBytes() >> 20, after.residentBytes() >> 20);
                System.out.printf(Locale.ROOT, "server: %.2f ms CPU per checkout (process CPU time, all threads); "
                        + "heap used %d MiB, resident %d MiB after the run%n", cpuMs, after.heapUsedBytes() >> 20,
                        after.residentBytes() >> 20);
            }
            String statements = "-";
            if (sql != null && all.length > 0) {
                Thread.sleep(2000); // the pollers' share of these checkouts (notifications) comes just after
                SqlLog.Counts counts = sql.since(logFrom);
                statements = String.format(Locale.ROOT, "%.1f / %.1f", (double) counts.statements() / all.length,
                        (double) counts.transactions() / all.length);
                System.out.printf(Locale.ROOT, "SQL: %.1f statements and %.1f transactions per checkout; the most run:%n",
                        (double) counts.statements() / all.length, (double) counts.transactions() / all.length);
                counts.byStatement().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(12).forEach(e -> System.out.printf(Locale.ROOT, "  %5.2f  %s%n",
                                (double) e.getValue() / all.length, e.getKey()));
            }
            table.add(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %d | %s | %s | %s |", concurrency, perSecond,
                    pct(all, 50), pct(all, 99), failures.get(), cpu, memory, statements));
        }
        System.out.println();
        System.out.println("| concurrency | checkouts/s | p50 ms | p99 ms | failed | server CPU ms/checkout "
                + "| heap / resident MiB | SQL statements / transactions per checkout |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        table.forEach(System.out::println);
    }

    private record Result(List<long[]> latencies, AtomicLong failures) {
    }

    /** Runs workers for the given time; each records the nanoseconds of its successful checkouts. */
    private long phase(String gigId, int concurrency, int seconds, Result result, int reportEvery, ServerProbe probe)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        if (result != null && reportEvery > 0) {
            long[] last = {0, start};
            reporter.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                long count = done.get();
                String memory = "";
                try {
                    if (probe != null) {
                        ServerProbe.Reading r = probe.read();
                        memory = String.format(Locale.ROOT, ", heap used %d MiB, resident %d MiB", r.heapUsedBytes() >> 20,
                                r.residentBytes() >> 20);
                    }
                } catch (Exception e) {
                    memory = ", server unreadable: " + e.getMessage();
                }
                System.out.printf(Locale.ROOT, "  at %4.0f s: %.1f checkouts/s%s%n", (now - start) / 1e9,
                        (count - last[0]) / ((now - last[1]) / 1e9), memory);
                last[0] = count;
                last[1] = now;
            }, reportEvery, reportEvery, TimeUnit.SECONDS);
        }
        List<Future<long[]>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            String client = token("bench-client-" + w, "client");
            workers.add(pool.submit(() -> {
                HttpClient http = client();
                long[] samples = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        String order = send(http, post("orders", client, "{\"gigId\":\"" + gigId
                                + "\",\"package\":\"BASIC\",\"requirements\":\"benchmark\"}"), 201);
                        String paid = send(http, post("orders/" + first(ID, order) + "/payment", client,
                                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"4242424242424242\"}}"), 201);
                        if (!"SUCCESS".equals(first(STATUS, paid))) {
                            throw new IllegalStateException("payment not successful: " + paid);
                        }
                        if (n == samples.length) {
                            samples = Arrays.copyOf(samples, n * 2);
                        }
                        samples[n++] = System.nanoTime() - t0;
                        done.incrementAndGet();
                    } catch (Exception e) {
                        if (result != null && result.failures().incrementAndGet() <= 3) {
                            System.err.println("checkout failed: " + e.getMessage());
                        }
                    }
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        for (Future<long[]> f : workers) {
            long[] samples = f.get();
            if (result != null) {
                result.latencies().add(samples);
            }
        }
        pool.shutdown();
        reporter.shutdownNow();
        return System.nanoTime() - start;
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }

    private HttpRequest post(String path, String token, String json) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(request.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + text);
        }
        return m.group(1);
    }

    /** An HS256 token as the marketplace's identity service would issue it, signed with the configured secret. */
    private String token(String subject, String role) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"iss\":\"souk\",\"exp\":"
                + (now + 86_400) + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + payload + "." + b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    /** The {@code .secret} that the node generated at its first start. */
    private static String generatedSecret(Path cfg) throws Exception {
        if (Files.isReadable(cfg)) {
            for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
                java.util.regex.Matcher m = Pattern.compile("^\\.secret\\s*[=:]\\s*(\\S+)\\s*$").matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new IllegalStateException("No --secret given and no .secret in " + cfg.toAbsolutePath()
                + ": start the node with ./run.sh first, or pass the node's HS256 secret");
    }
}
