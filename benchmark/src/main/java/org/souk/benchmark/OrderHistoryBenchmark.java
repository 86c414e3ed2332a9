package org.souk.benchmark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Order history at scale. Two steps:
 *
 * <pre>
 * load     writes orders of one client straight into the Derby database of a STOPPED node (the node's
 *          schema must exist: start it once first). Needs Derby on the class path:
 *   java -cp benchmark/target/souk-benchmark.jar:$HOME/system/org/apache/derby/derby/10.14.2.0/derby-10.14.2.0.jar \
 *        org.souk.benchmark.OrderHistoryBenchmark load --home $HOME --orders 10000 [--client bench-history-client]
 * measure  against the running node: walks the client's whole history by cursor, 20 orders a page, and
 *          then jumps to pages all over it in random order; then searches as an administrator (an order by
 *          its id, a user's orders by ?q=, filtered lists by client, status and time placed); prints the
 *          latency percentiles of each.
 *   java -cp benchmark/target/souk-benchmark.jar org.souk.benchmark.OrderHistoryBenchmark measure \
 *        --home $HOME [--url http://localhost:8181] [--limit 20] [--warmup 5000]
 * </pre>
 *
 * Each load adds orders older than those already there, one second apart (every tenth shares its second
 * with the one before, so ties by id are exercised), a tenth of them cancelled, for the client and one
 * freelancer; a few other clients' orders are mixed in.
 */
public final class OrderHistoryBenchmark {

    private static final Pattern NEXT = Pattern.compile("\"next\"\\s*:\\s*(null|\"([^\"]+)\")");
    private static final Pattern ITEM_ID = Pattern.compile("\"id\"\\s*:\\s*\"[0-9a-f-]{36}\"");

    private OrderHistoryBenchmark() {
    }

    static final List<CommandLine.Option> OPTIONS = List.of(
            new CommandLine.Option("--home", "<node dir>", "run/souk", "the node's folder (its database, its etc/)"),
            new CommandLine.Option("--client", "<user>", "bench-history-client", "the client whose history is loaded and walked"),
            new CommandLine.Option("--freelancer", "<user>", "bench-history-freelancer", "load: the freelancer of the orders"),
            new CommandLine.Option("--orders", "<n>", "10000", "load: how many orders to add"),
            new CommandLine.Option("--url", "<url>", "http://localhost:8181", "measure: the running node"),
            new CommandLine.Option("--secret", "<secret>", null, "measure: the node's HS256 secret; without it, the "
                    + ".secret of <node dir>/etc/org.souk.auth.cfg"),
            new CommandLine.Option("--limit", "<n>", "20", "measure: orders a page"),
            new CommandLine.Option("--warmup", "<n>", "5000", "measure: pages read before measuring"));
    private static final String USAGE = "OrderHistoryBenchmark load|measure [options]";

    public static void main(String[] args) throws Exception {
        boolean stepFirst = args.length > 0 && !args[0].startsWith("-");
        String step = stepFirst ? args[0] : "";
        CommandLine line;
        try {
            line = new CommandLine(USAGE, OPTIONS, stepFirst ? Arrays.copyOfRange(args, 1, args.length) : args);
            if (line.help()) {
                line.usage(System.out);
                return;
            }
            if (!List.of("load", "measure").contains(step)) {
                throw new CommandLine.Refused(step.isEmpty() ? "load or measure?" : "unknown step " + step + ": load or measure");
            }
            Path home = Path.of(line.text("--home"));
            String client = line.text("--client");
            if (step.equals("load")) {
                load(home, client, line.text("--freelancer"), line.number("--orders", 1));
            } else {
                String secret = line.text("--secret");
                int limit = line.number("--limit", 1);
                int warmup = line.number("--warmup", 0);
                String key = secret != null ? secret : generatedSecret(home.resolve("etc/org.souk.auth.cfg"));
                String api = line.text("--url").replaceAll("/+$", "") + "/api/v1/";
                measure(api, token(client, "client", key), limit, warmup);
                measureSearch(api, token("bench-admin", "admin", key), client, limit);
            }
        } catch (CommandLine.Refused e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + USAGE + " (--help lists the options)");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------- load

    private static void load(Path home, String client, String freelancer, int count) throws Exception {
        Path db = home.resolve("data/derby/souk");
        if (!Files.isDirectory(db)) {
            throw new IllegalStateException("No database at " + db.toAbsolutePath() + ": start the node once, then stop it");
        }
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db.toAbsolutePath())) {
            c.setAutoCommit(false);
            Instant oldest;
            long already;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MIN(placed_at), COUNT(*) FROM orders")) {
                rs.next();
                Timestamp min = rs.getTimestamp(1);
                oldest = min == null ? Instant.now() : min.toInstant();
                already = rs.getLong(2);
            }
            String sql = "INSERT INTO orders (id, client_id, freelancer_id, gig_id, gig_title, tier, package_title,"
                    + " package_description, price_minor, currency, delivery_days, revisions, deliverables, requirements,"
                    + " status, stage, cancellation_reason, revisions_used, placed_at, updated_at, last_event, version)"
                    + " VALUES (?, ?, ?, ?, 'Benchmark gig', 'BASIC', 'Basic', 'Load test', 9900, 'MAD', 1, 0, 'Result',"
                    + " 'benchmark', ?, NULL, ?, 0, ?, ?, 1, 1)";
            String gig = UUID.randomUUID().toString();
            Random random = new Random(42);
            Instant at = oldest;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 1; i <= count; i++) {
                    if (i % 10 != 0) {
                        at = at.minusSeconds(1);
                    }
                    // One order in fifty belongs to someone else, as on a shared database.
                    String who = random.nextInt(50) == 0 ? "bench-other-" + random.nextInt(1000) : client;
                    boolean cancelled = i % 10 == 3;
                    Timestamp ts = Timestamp.from(at);
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, who);
                    ps.setString(3, freelancer);
                    ps.setString(4, gig);
                    ps.setString(5, cancelled ? "CANCELLED" : "PENDING");
                    ps.setString(6, cancelled ? "CLIENT_WITHDREW" : null);
                    ps.setTimestamp(7, ts);
                    ps.setTimestamp(8, ts);
                    ps.addBatch();
                    if (i % 1000 == 0 || i == count) {
                        ps.executeBatch();
                    }
                    if (i % 20_000 == 0 || i == count) {
                        c.commit();
                        System.out.printf(Locale.ROOT, "\r%,d orders written", i);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%nloaded %,d orders in %.1f s; the table now holds %,d%n", count,
                    (System.nanoTime() - t0) / 1e9, already + count);
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true");
            } catch (java.sql.SQLException expected) {
                // Derby reports a clean shutdown as an exception (XJ015)
            }
        }
    }

    // ---------------------------------------------------------------- measure

    private static void measure(String api, String token, int limit, int warmupPages) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // Warm-up: the JIT and Derby's caches, the same number of pages whatever the history's length (a short
        // history is walked again), so that short and long histories are measured equally warm.
        for (int warmed = 0; warmed < warmupPages;) {
            warmed += Math.max(1, walk(http, api, token, limit, warmupPages - warmed, null).length);
        }
        List<String> sample = new ArrayList<>();
        long[] walk = walk(http, api, token, limit, Integer.MAX_VALUE, sample);
        System.out.printf(Locale.ROOT, "whole history by cursor, %d a page: %,d pages (%,d orders)%n", limit, walk.length,
                (long) walk.length * limit);
        report("  every page in turn", walk);
        // Pages all over the history, out of order: no page just read before it.
        Collections.shuffle(sample, new Random(7));
        long[] jumps = new long[sample.size()];
        for (int i = 0; i < jumps.length; i++) {
            long t = System.nanoTime();
            page(http, api + "orders?limit=" + limit + "&after=" + URLEncoder.encode(sample.get(i), StandardCharsets.UTF_8), token);
            jumps[i] = System.nanoTime() - t;
        }
        report("  random pages      ", jumps);
        long t = System.nanoTime();
        String first = page(http, api + "orders?limit=" + limit, token);
        System.out.printf(Locale.ROOT, "  first page by offset, with its count: %.2f ms (total %s)%n", (System.nanoTime() - t) / 1e6,
                first.replaceAll("(?s).*\"total\"\\s*:\\s*(\\d+).*", "$1"));
    }

    private static final Pattern ORDER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /**
     * What an administrator's searches cost: an order by its id (?q=), a user's orders by their id (?q=), a small
     * client's orders by filter with their count, and the big client's cancelled orders of the last days walked
     * by cursor. Each is one index lookup or range, so none should grow with the table.
     */
    private static void measureSearch(String api, String admin, String client, int limit) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> ids = new ArrayList<>();
        String next = null;
        for (int i = 0; i < 20; i++) {
            String body = page(http, api + "orders?limit=" + Math.max(limit, 20) + "&client=" + client
                    + (next == null ? "" : "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8)), admin);
            ORDER_ID.matcher(body).results().forEach(m -> ids.add(m.group(1)));
            next = next(body);
            if (next == null) {
                break;
            }
        }
        Collections.shuffle(ids, new Random(11));
        Random random = new Random(13);
        int rounds = Math.min(200, ids.size());
        long[] byId = new long[rounds];
        long[] byUser = new long[rounds];
        long[] byFilter = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            String found = page(http, api + "orders?q=" + ids.get(i), admin);
            byId[i] = System.nanoTime() - t;
            if (!found.contains("\"order id\"")) {
                throw new IllegalStateException("order " + ids.get(i) + " not found by its id: " + found);
            }
            String other = "bench-other-" + random.nextInt(1000);
            t = System.nanoTime();
            page(http, api + "orders?limit=" + limit + "&q=" + other, admin);
            byUser[i] = System.nanoTime() - t;
            t = System.nanoTime();
            page(http, api + "orders?limit=" + limit + "&client=" + other, admin);
            byFilter[i] = System.nanoTime() - t;
        }
        System.out.printf(Locale.ROOT, "searches as an administrator:%n");
        report("  an order by its id (q)            ", byId);
        report("  a user's orders by their id (q)   ", byUser);
        report("  a client's orders, counted        ", byFilter);
        // The big client's cancelled orders placed in the last 30 days of the history, page after page by cursor.
        String filter = "orders?limit=" + limit + "&client=" + client + "&status=CANCELLED&since="
                + Instant.now().minus(Duration.ofDays(30)).toString().substring(0, 10);
        next = next(page(http, api + filter, admin));
        long[] pages = new long[200];
        int n = 0;
        while (next != null && n < pages.length) {
            long t = System.nanoTime();
            String body = page(http, api + filter + "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8), admin);
            pages[n++] = System.nanoTime() - t;
            next = next(body);
        }
        report("  filtered pages by cursor          ", Arrays.copyOf(pages, n));
    }

    /** Follows next from the first page; returns the time of each page read by cursor, keeps every 25th cursor. */
    private static long[] walk(HttpClient http, String api, String token, int limit, int maxPages, List<String> sample)
            throws Exception {
        long[] times = new long[1 << 16];
        int n = 0;
        String next = next(page(http, api + "orders?limit=" + limit, token));
        while (next != null && n < maxPages) {
            if (sample != null && n % 25 == 0) {
                sample.add(next);
            }
            long t = System.nanoTime();
            String body = page(http, api + "orders?limit=" + limit + "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8), token);
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
            }
            times[n++] = System.nanoTime() - t;
            if (ITEM_ID.matcher(body).results().count() == 0) {
                throw new IllegalStateException("empty page with a cursor: " + body);
            }
            next = next(body);
        }
        return Arrays.copyOf(times, n);
    }

    private static String page(HttpClient http, String uri, String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String next(String body) {
        Matcher m = NEXT.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no next in " + body);
        }
        return m.group(2);
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s: %,d requests, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", what,
                s.length, pct(s, 50), pct(s, 90), pct(s, 99), s.length == 0 ? 0 : s[s.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
    }

    // ---------------------------------------------------------------- tokens

    private static String token(String subject, String role, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"role\":\"" + role + "\",\"iss\":\"souk\",\"exp\":"
                + (now + 86_400) + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + payload + "." + b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    private static String generatedSecret(Path cfg) throws Exception {
        if (Files.isReadable(cfg)) {
            for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
                Matcher m = Pattern.compile("^\\.secret\\s*[=:]\\s*(\\S+)\\s*$").matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new IllegalStateException("No --secret given and no .secret in " + cfg.toAbsolutePath());
    }
}
