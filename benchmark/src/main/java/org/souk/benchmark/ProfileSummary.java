package org.souk.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a node's CPU went, from a Java Flight Recorder recording of it under the checkout benchmark:
 * the share of execution samples per layer (the library of the topmost frame that is not the JDK's), and
 * per Souk method (inclusive: the samples with that method anywhere on the stack). Record with deep stacks,
 * or the request threads' samples are cut before they reach Souk's frames:
 *
 * <pre>
 * EXTRA_JAVA_OPTS=-XX:FlightRecorderOptions:stackdepth=256 ./run.sh server
 * jcmd $(pgrep -f org.apache.karaf.main.Main) JFR.start settings=profile duration=30s filename=checkout.jfr
 * java -jar benchmark/target/souk-benchmark.jar --concurrency 4 --seconds 35
 * java -cp benchmark/target/souk-benchmark.jar org.souk.benchmark.ProfileSummary checkout.jfr [--top 40]
 * </pre>
 */
public final class ProfileSummary {

    /** The layers a sample is counted in, by the package its topmost non-JDK frame is in; first match wins. */
    static final Map<String, String> LAYERS = layers();

    private ProfileSummary() {
    }

    private static Map<String, String> layers() {
        Map<String, String> layers = new LinkedHashMap<>();
        layers.put("org.apache.derby.", "Derby (SQL and storage)");
        layers.put("org.eclipse.persistence.", "EclipseLink (JPA)");
        layers.put("org.apache.cxf.", "CXF (JAX-RS)");
        layers.put("org.eclipse.jetty.", "Jetty (HTTP)");
        layers.put("org.apache.geronimo.", "transactions (Geronimo)");
        layers.put("org.apache.aries.", "transactions and JPA glue (Aries)");
        layers.put("org.apache.commons.dbcp2.", "connection pool (DBCP)");
        layers.put("com.fasterxml.", "JSON (Jackson)");
        layers.put("com.nimbusds.", "tokens (Nimbus JOSE)");
        layers.put("org.apache.felix.", "OSGi (Felix)");
        layers.put("org.ops4j.", "OSGi (Pax)");
        layers.put("org.apache.karaf.", "Karaf");
        layers.put("org.souk.", "Souk's own code");
        return layers;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.err.println("usage: ProfileSummary <recording.jfr> [--top <n>]");
            System.exit(2);
        }
        int top = args.length >= 3 && args[1].equals("--top") ? Integer.parseInt(args[2]) : 40;
        summarize(read(Path.of(args[0])), top, System.out);
    }

    /** The stacks of the recording's execution samples, topmost frame first, as {@code class.method}. */
    static List<List<String>> read(Path recording) throws IOException {
        List<List<String>> stacks = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
            stacks.add(frames);
        }
        return stacks;
    }

    static void summarize(List<List<String>> stacks, int top, PrintStream out) {
        int n = stacks.size();
        out.printf(Locale.ROOT, "%d execution samples%n%nby layer (topmost frame outside the JDK):%n", n);
        Map<String, Integer> byLayer = new LinkedHashMap<>();
        Map<String, Integer> bySouk = new LinkedHashMap<>();
        for (List<String> stack : stacks) {
            byLayer.merge(layer(stack), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (String frame : stack) {
                // generated lambda classes only repeat the method that holds the lambda
                if (frame.startsWith("org.souk.") && !frame.contains("$$Lambda") && seen.add(frame)) {
                    bySouk.merge(frame, 1, Integer::sum);
                }
            }
        }
        print(byLayer, n, Integer.MAX_VALUE, out);
        out.printf(Locale.ROOT, "%nby Souk method (inclusive), the first %d:%n", top);
        print(bySouk, n, top, out);
    }

    static String layer(List<String> stack) {
        for (String frame : stack) {
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (frame.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
        }
        return "JDK only (GC, JIT, I/O, idle pools)";
    }

    private static void print(Map<String, Integer> counts, int n, int limit, PrintStream out) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, n), e.getKey()));
    }
}
