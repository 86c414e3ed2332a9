package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.souk.itests.Http.Reply;

/**
 * Unpacks the shipped tar.gz and runs it as an administrator would, with bin/karaf, then stops it and
 * starts it again: what was committed before the restart is all there after it.
 */
public class RestartIT {

    private Path home;
    private int httpPort;
    private Process karaf;

    @Before
    public void unpack() throws Exception {
        Path target = Path.of(System.getProperty("souk.itests.target", "target"));
        Path dir = target.resolve("restart");
        if (Files.exists(dir)) {
            run(List.of("rm", "-rf", dir.toString()));
        }
        Files.createDirectories(dir);
        run(List.of("tar", "xzf", System.getProperty("souk.distribution"), "-C", dir.toString()));
        try (var entries = Files.list(dir)) {
            home = entries.findFirst().orElseThrow();
        }
        httpPort = freePort();
        replace("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port = 8181", "org.osgi.service.http.port = " + httpPort);
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + freePort());
        replace("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        replace("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + freePort());
    }

    @After
    public void stop() throws Exception {
        if (karaf != null && karaf.isAlive()) {
            karaf.destroy();
            karaf.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    public void ordersAndPaymentsSurviveARestart() throws Exception {
        Http http = new Http(httpPort);
        String freelancer = Tokens.sign(Tokens.DEVELOPMENT_SECRET, "nadia", "freelancer", 3600);
        String client = Tokens.sign(Tokens.DEVELOPMENT_SECRET, "youssef", "client", 3600);

        long boot = start(http);
        System.out.println("Fresh boot to a ready API: " + boot + " ms");
        Reply gig = http.post("gigs", freelancer, "{\"title\":\"Translation\",\"description\":\"FR to AR\",\"packages\":"
                + "[{\"tier\":\"BASIC\",\"title\":\"1000 words\",\"price\":\"300\",\"deliveryDays\":2,\"revisions\":1,\"deliverables\":[\"DOCX\"]}]}");
        assertEquals(gig.toString(), 201, gig.status());
        Reply order = http.post("orders", client, "{\"gigId\":\"" + gig.at("/id") + "\",\"package\":\"BASIC\",\"requirements\":\"Contract\"}");
        String orderId = order.at("/id");
        Reply paid = http.post("orders/" + orderId + "/payment", client,
                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"4242424242424242\"}}");
        assertEquals(paid.toString(), "SUCCESS", paid.at("/status"));

        shutdown();
        long reboot = start(http);
        System.out.println("Restart to a ready API: " + reboot + " ms");

        Reply after = http.get("orders/" + orderId, client);
        assertEquals(after.toString(), 200, after.status());
        assertEquals("PROCESSING", after.at("/status"));
        assertEquals("SUCCESS", after.at("/payment/status"));
        assertEquals(paid.at("/transactionId"), after.at("/payment/transactionId"));
        assertEquals(2, after.json().get("timeline").size());
        assertEquals("Translation", http.get("gigs/" + gig.at("/id"), client).at("/title"));
        // The migrations ran once: the second boot found the schema in place.
        String log = Files.readString(home.resolve("data/log/karaf.log"));
        assertEquals(1, log.split("Schema 'order' migrated to version 1", -1).length - 1);
        assertTrue(http.post("orders/" + orderId + "/payment", client,
                "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"4242424242424242\"}}").status() == 409);
    }

    private long start(Http http) throws Exception {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .redirectErrorStream(true).redirectOutput(home.resolve("karaf.out").toFile());
        pb.environment().put("KARAF_EXEC", "exec"); // the script becomes the JVM, so stopping it stops Karaf
        assertPortClosed();
        karaf = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!karaf.isAlive()) {
                throw new AssertionError("karaf exited: " + Files.readString(home.resolve("karaf.out")));
            }
            try {
                if (http.ready(Tokens.sign(Tokens.DEVELOPMENT_SECRET, "probe", "client", 60))) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }
            } catch (IllegalStateException notYet) {
                // connection refused while booting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the API did not come up");
    }

    private void shutdown() throws Exception {
        karaf.destroy(); // SIGTERM: Karaf stops its bundles and closes the database cleanly
        assertTrue("karaf did not stop", karaf.waitFor(60, TimeUnit.SECONDS));
        assertPortClosed();
    }

    /** Nothing may answer on the port before a start, or a stale instance would pass for the new one. */
    private void assertPortClosed() {
        try (java.net.Socket s = new java.net.Socket("localhost", httpPort)) {
            throw new AssertionError("something still listens on port " + httpPort);
        } catch (IOException expected) {
            // refused: the port is free
        }
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = home.resolve(file);
        String text = Files.readString(p);
        assertTrue(file + " has no '" + from + "'", text.contains(from));
        Files.writeString(p, text.replace(from, to));
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertEquals(String.join(" ", command), 0, p.waitFor());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
