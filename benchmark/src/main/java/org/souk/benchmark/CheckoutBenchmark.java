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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Complete checkouts against a running Souk: each one places an order for a gig package and pays it
 * with the sandbox success card, and counts only if the payment comes back SUCCESS (which commits
 * together with the order's move to PROCESSING). Prints checkouts per second and latency percentiles
 * of whole checkouts.
 *
 * <pre>java -jar benchmark/target/souk-benchmark.jar [--url http://localhost:8181] [--concurrency 4]
 *      [--seconds 30] [--warmup 10] [--secret &lt;HS256 secret&gt;] [--help]</pre>
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
            new CommandLine.Option("--concurrency", "<n>", "4", "checkouts under way at once"),
            new CommandLine.Option("--seconds", "<n>", "30", "how long the measured run lasts"),
            new CommandLine.Option("--warmup", "<n>", "10", "seconds of checkouts before measuring"),
            new CommandLine.Option("--secret", "<secret>", null, "the node's HS256 secret; without it, the .secret of "
                    + "run/souk/etc/org.souk.auth.cfg (where ./run.sh keeps it)"));
    private static final String USAGE = "java -jar benchmark/target/souk-benchmark.jar [options]";

    public static void main(String[] args) throws Exception {
        CommandLine line;
        int concurrency;
        int seconds;
        int warmup;
        try {
            line = new CommandLine(USAGE, OPTIONS, args);
            if (line.help()) {
                line.usage(System.out);
                return;
            }
            concurrency = line.number("--concurrency", 1);
            seconds = line.number("--seconds", 1);
            warmup = line.number("--warmup", 0);
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
        new CheckoutBenchmark(line.text("--url"), secret).run(concurrency, warmup, seconds);
    }

    private void run(int concurrency, int warmupSeconds, int seconds) throws Exception {
        HttpClient setup = client();
        String freelancer = token("bench-freelancer", "freelancer");
        String gig = send(setup, post("gigs", freelancer, "{\"title\":\"Benchmark gig\",\"description\":\"Load test\","
                + "\"packages\":[{\"tier\":\"BASIC\",\"title\":\"Basic\",\"price\":\"99.00\",\"deliveryDays\":1,"
                + "\"revisions\":0,\"deliverables\":[\"Result\"]}]}"), 201);
        String gigId = first(ID, gig);
        System.out.printf(Locale.ROOT, "Souk checkout benchmark: %s, concurrency %d, warm-up %d s, measured %d s%n", api,
                concurrency, warmupSeconds, seconds);

        phase(gigId, concurrency, warmupSeconds, null);
        List<long[]> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        long elapsed = phase(gigId, concurrency, seconds, new Result(latencies, failures));

        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        double perSecond = all.length / (elapsed / 1e9);
        System.out.printf(Locale.ROOT, "checkouts: %d ok, %d failed in %.1f s%n", all.length, failures.get(), elapsed / 1e9);
        System.out.printf(Locale.ROOT, "throughput: %.1f checkouts/s (%.1f HTTP requests/s)%n", perSecond, perSecond * 2);
        System.out.printf(Locale.ROOT, "latency per checkout (place + pay): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                pct(all, 50), pct(all, 90), pct(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private record Result(List<long[]> latencies, AtomicLong failures) {
    }

    /** Runs workers for the given time; each records the nanoseconds of its successful checkouts. */
    private long phase(String gigId, int concurrency, int seconds, Result result) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
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
