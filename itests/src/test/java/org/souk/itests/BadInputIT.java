package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.service.cm.Configuration;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Input a client gets wrong or an attacker crafts, over real HTTP: every one is a quick 400 (or 413)
 * problem naming the field, and none of them changes anything.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BadInputIT extends SoukTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;

    private String freelancer;
    private String client;

    @Before
    public void users() throws Exception {
        freelancer = token("bad-input-freelancer", "freelancer");
        client = token("bad-input-client", "client");
    }

    @Test
    public void absurdNumbersAreRefusedAtOnce() {
        long gigs = gigCount();
        // Each of these used to expand into a number of 64 million digits before being refused (40 s of CPU);
        // the HTTP client gives up after 30 s, so a request that still does that fails here.
        assertField(http.post("gigs", freelancer, gig("\"price\":\"1e64000000\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, gig("\"price\":1e64000000")), "packages[0].price");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"1E+64000000\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"1e-64000000\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"0e-99999999\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"0e99999999\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"" + "9".repeat(30) + "\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"1" + "0".repeat(5000) + "\"")), "packages[0].price");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"250.00\",\"deliveryDays\":1e64000000")
                .replace("\"deliveryDays\":3,", "")), "packages[0].deliveryDays");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"250.00\",\"deliveryDays\":2.5")
                .replace("\"deliveryDays\":3,", "")), "packages[0].deliveryDays");
        assertField(http.post("gigs", freelancer, gig("\"price\":\"250.00\",\"revisions\":99999999999999999999")
                .replace("\"revisions\":1,", "")), "packages[0].revisions");
        assertField(http.get("gigs?limit=1e64000000", freelancer), "limit");
        assertField(http.get("orders?offset=99999999999999999999", client), "offset");
        assertEquals(gigs, gigCount());
    }

    @Test
    public void textBeyondItsDocumentedMaximumIsRefusedWithTheField() {
        long gigs = gigCount();
        // Twenty deliverables of 200 characters did not fit the column that keeps them and answered 500.
        String twenty = "[" + String.join(",", java.util.Collections.nCopies(20, "\"" + "d".repeat(200) + "\"")) + "]";
        assertFieldStartsWith(http.post("gigs", freelancer, gig(price() + ",\"deliverables\":" + twenty)
                .replace(",\"deliverables\":[\"PNG\"]", "")), "packages[0].deliverables");
        assertField(http.post("gigs", freelancer, gig(price() + ",\"deliverables\":[null]")
                .replace(",\"deliverables\":[\"PNG\"]", "")), "packages[0].deliverables[0]");
        assertField(http.post("gigs", freelancer, gig(price()).replace("\"Logo design\"", quoted(121))), "title");
        assertField(http.post("gigs", freelancer, gig(price()).replace("\"A memorable logo\"", quoted(4001))), "description");
        assertField(http.post("gigs", freelancer, gig(price()).replace("\"One concept\"", quoted(121))), "packages[0].title");
        assertField(http.post("gigs", freelancer, gig(price() + ",\"description\":" + quoted(2001))), "packages[0].description");
        assertEquals(gigs, gigCount());

        Reply created = http.post("gigs", freelancer, gig(price()));
        assertEquals(created.toString(), 201, created.status());
        String gigId = created.at("/id");
        long orders = orderCount();
        assertField(http.post("orders", client, "{\"gigId\":\"" + gigId + "\",\"package\":\"BASIC\",\"requirements\":"
                + quoted(4001) + "}"), "requirements");
        assertField(http.post("orders", client, "{\"gigId\":\"" + "g".repeat(5000) + "\",\"package\":\"BASIC\","
                + "\"requirements\":\"x\"}"), "gigId");
        assertEquals(orders, orderCount());

        Reply placed = http.post("orders", client, "{\"gigId\":\"" + gigId + "\",\"package\":\"BASIC\",\"requirements\":\"x\"}");
        assertEquals(placed.toString(), 201, placed.status());
        String orderId = placed.at("/id");
        assertField(http.post("orders/" + orderId + "/cancel", client,
                "{\"reason\":\"CLIENT_WITHDREW\",\"note\":" + quoted(901) + "}"), "note");
        assertField(http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":" + quoted(901) + "}"), "note");
        assertField(http.post("orders/" + orderId + "/revisions", client, "{\"note\":" + quoted(901) + "}"), "note");
        Reply order = http.get("orders/" + orderId, client);
        assertEquals("PENDING", order.at("/status"));
        assertEquals(1, order.json().get("timeline").size());
    }

    @Test
    public void jsonThatCannotBeReadIsA400NamingTheField() {
        long gigs = gigCount();
        assertProblem(http.post("gigs", freelancer, "{\"title\":\"Logo\","), 400, "malformed-json", "title");
        assertProblem(http.post("gigs", freelancer, "{\"title\":\"Logo\",\"packages\":[{\"tier\":\"BASIC\" \"title\":1}]}"),
                400, "malformed-json", "packages[0].tier");
        assertProblem(http.post("gigs", freelancer, "not json"), 400, "malformed-json", "body");
        assertField(http.post("gigs", freelancer, "[]"), "body");
        assertField(http.post("gigs", freelancer, "\"a gig\""), "body");
        assertField(http.post("gigs", freelancer, gig(price()).replace("\"Logo design\"", "{\"en\":\"Logo\"}")), "title");
        assertField(http.post("gigs", freelancer, gig(price()).replace("\"BASIC\"", "\"GOLD\"")), "packages[0].tier");
        assertField(http.post("gigs", freelancer, gig(price()).replace("\"packages\":[", "\"packages\":[7,")), "packages[0]");
        assertField(http.post("gigs", freelancer, gig(price() + ",\"colour\":\"red\"")), "packages[0].colour");
        // Deeply nested values: refused where they start, never a stack overflow or a 500.
        String deep = "[".repeat(100_000);
        assertProblem(http.post("gigs", freelancer, deep), 400, null, "body");
        assertProblem(http.post("gigs", freelancer, "{\"title\":" + deep), 400, null, "title");
        assertProblem(http.post("gigs", freelancer, gig(price() + ",\"deliverables\":" + "[".repeat(2000) + "]".repeat(2000))
                .replace(",\"deliverables\":[\"PNG\"]", "")), 400, null, "packages[0].deliverables[0]");
        assertEquals(gigs, gigCount());

        long orders = orderCount();
        assertField(http.post("orders", client, "{\"gigId\":\"x\",\"package\":\"GOLD\",\"requirements\":\"x\"}"), "package");
        assertField(http.post("orders", client, "{\"gigId\":[\"x\"],\"package\":\"BASIC\",\"requirements\":\"x\"}"), "gigId");
        assertField(http.post("orders/nope/cancel", client, "{\"reason\":\"BORED\"}"), "reason");
        assertEquals(orders, orderCount());
    }

    @Test
    public void bodiesBeyondTheLimitAre413WithoutBeingRead() throws Exception {
        long gigs = gigCount();
        // Announced too large: refused on the headers. Only the start of the body is sent, so a server that
        // read the body (or drained it before answering) would wait here until the socket times out.
        byte[] start = "{\"title\":\"".getBytes(StandardCharsets.US_ASCII);
        assertTooLarge(raw("POST", "gigs", Map.of("Content-Length", String.valueOf(2 * MIB)), start, false));
        // The same before any resource is matched: a path that does not exist, or a type no resource takes.
        assertTooLarge(raw("POST", "no-such-resource", Map.of("Content-Length", String.valueOf(2 * MIB)), start, false));
        assertTooLarge(raw("POST", "gigs", Map.of("Content-Length", String.valueOf(2 * MIB), "Content-Type", "text/plain"),
                start, false));
        // Chunked, no length: refused once the limit is passed, although the body never ends.
        byte[] endless = ("{\"title\":\"" + "x".repeat(MIB - 9)).getBytes(StandardCharsets.US_ASCII);
        assertEquals(MIB + 1, endless.length);
        assertTooLarge(raw("POST", "gigs", Map.of("Transfer-Encoding", "chunked"), endless, true));
        // A body under the limit is read as usual.
        Reply small = raw("POST", "gigs", Map.of(), "{\"title\":".getBytes(StandardCharsets.US_ASCII), false);
        assertProblem(small, 400, "malformed-json", "title");

        Configuration config = configurationAdmin.getConfiguration("org.souk.rest", null);
        Dictionary<String, Object> before = config.getProperties();
        try {
            Dictionary<String, Object> lower = new Hashtable<>();
            lower.put("max.body.bytes", "2048");
            config.update(lower);
            Map<String, String> announced4k = Map.of("Content-Length", "4096");
            await("the lower body limit", () -> raw("POST", "gigs", announced4k, start, false).status() == 413);
            assertTooLarge(raw("POST", "gigs", announced4k, start, false));
            assertTooLarge(raw("POST", "gigs", Map.of("Transfer-Encoding", "chunked"), ("{\"title\":" + quoted(2038))
                    .getBytes(StandardCharsets.US_ASCII), true));
        } finally {
            if (before == null) {
                config.delete();
            } else {
                config.update(before);
            }
        }
        await("the default body limit", () -> raw("POST", "gigs", Map.of(),
                ("{\"title\":" + quoted(4000) + ",").getBytes(StandardCharsets.US_ASCII), false).status() == 400);
        assertEquals(gigs, gigCount());
    }

    private long gigCount() {
        Reply r = http.get("gigs?freelancer=bad-input-freelancer", freelancer);
        assertEquals(r.toString(), 200, r.status());
        return r.json().get("total").asLong();
    }

    private long orderCount() {
        Reply r = http.get("orders", client);
        assertEquals(r.toString(), 200, r.status());
        return r.json().get("total").asLong();
    }

    private static String price() {
        return "\"price\":\"250.00\"";
    }

    /** A gig whose BASIC package carries {@code extra} (its price among them). */
    private static String gig(String extra) {
        return "{\"title\":\"Logo design\",\"description\":\"A memorable logo\",\"packages\":["
                + "{\"tier\":\"BASIC\",\"title\":\"One concept\"," + extra + ",\"deliveryDays\":3,\"revisions\":1,"
                + "\"deliverables\":[\"PNG\"]}]}";
    }

    private static String quoted(int length) {
        return "\"" + "a".repeat(length) + "\"";
    }

    /** A request written by hand on a socket, to control the framing of the body. */
    private Reply raw(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "localhost");
        all.put("Authorization", "Bearer " + freelancer);
        all.put("Content-Type", "application/json");
        all.put("Connection", "close");
        if (!chunked && !headers.containsKey("Content-Length")) {
            all.put("Content-Length", String.valueOf(body.length));
        }
        all.putAll(headers);
        try (Socket socket = new Socket("localhost", httpPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " /api/v1/" + path + " HTTP/1.1\r\n");
            all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (chunked) {
                // The chunks of the body, but never the last (empty) chunk that would end it.
                for (int at = 0; at < body.length; at += 8192) {
                    int n = Math.min(8192, body.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } else {
                out.write(body);
            }
            out.flush();
            return readResponse(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        }
    }

    private static Reply readResponse(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            body.write(in.readAllBytes());
        }
        String text = body.toString(StandardCharsets.UTF_8);
        String type = headers.getOrDefault("content-type", "");
        JsonNode json = type.contains("json") && !text.isEmpty() ? JSON.readTree(text) : null;
        return new Reply(Integer.parseInt(status.split(" ")[1]), type, text, json);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static void assertTooLarge(Reply reply) {
        assertProblem(reply, 413, "too-large", "body");
    }

    private static void assertFieldStartsWith(Reply reply, String prefix) {
        assertProblem(reply, 400, "validation", null);
        List<String> fields = reply.json().get("errors").findValuesAsText("field");
        assertTrue(reply.toString(), fields.stream().anyMatch(f -> f.startsWith(prefix)));
    }

    /** A problem document of that status and type (any type when null) naming the field (any when null). */
    private static void assertProblem(Reply reply, int status, String type, String field) {
        assertEquals(reply.toString(), status, reply.status());
        assertTrue(reply.toString(), reply.contentType().startsWith("application/problem+json"));
        if (type != null) {
            assertEquals(reply.toString(), "urn:souk:problem:" + type, reply.at("/type"));
        }
        assertNotNull(reply.toString(), reply.at("/detail"));
        if (field != null) {
            assertNotNull(reply.toString(), reply.json().get("errors"));
            List<String> fields = reply.json().get("errors").findValuesAsText("field");
            assertTrue(reply.toString(), fields.contains(field));
        }
    }
}
