package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.service.cm.Configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a browser frontend and an editor rely on, over real HTTP: CORS for configured origins, a request id
 * on every answer and in the log, and ETag / If-Match on gigs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ApiBasicsIT extends SoukTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "https://app.souk.test";
    private static final String OTHER = "https://evil.example";
    private static final String GIG = "{\"title\":\"%s\",\"description\":\"Your name in Arabic calligraphy\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One word\",\"price\":\"150.00\",\"deliveryDays\":2,\"revisions\":1,"
            + "\"deliverables\":[\"PNG\"]}]}";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer with its headers, which the shared client leaves out. */
    private record Answer(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    private Answer send(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort() + "/api/v1/" + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = ContractCheck.send(client, b.build());
            return new Answer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer preflight(String path, String origin, String method, String requestHeaders) {
        return send("OPTIONS", path, null, null, "Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", requestHeaders);
    }

    private static void assertNoCors(Answer answer) {
        assertTrue(answer.toString(), answer.header("Access-Control-Allow-Origin").isEmpty());
        assertTrue(answer.toString(), answer.header("Access-Control-Allow-Methods").isEmpty());
        assertTrue(answer.toString(), answer.header("Access-Control-Expose-Headers").isEmpty());
    }

    private static List<String> list(Answer answer, String header) {
        return List.of(answer.header(header).orElse("").toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }

    private void configureOrigins(String origins) throws Exception {
        Configuration config = configurationAdmin.getConfiguration("org.souk.rest", null);
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        properties.put("cors.allowed.origins", origins);
        config.update(properties);
    }

    @Test
    public void browsersOnConfiguredOriginsAndOnlyThereGetCors() throws Exception {
        String token = token("cors-client", "client");
        // As shipped, no origin is allowed: no CORS header at all, not even for the app's origin.
        assertNoCors(preflight("gigs", APP, "POST", "authorization,content-type"));
        assertNoCors(send("GET", "gigs", token, null, "Origin", APP));

        configureOrigins(APP + ", http://localhost:3000");
        try {
            await("the allowed origins", () -> preflight("gigs", APP, "GET", "authorization")
                    .header("Access-Control-Allow-Origin").isPresent());

            // A preflight needs no token and allows what a frontend sends.
            Answer allowed = preflight("gigs", APP, "POST", "authorization, content-type, idempotency-key, x-request-id");
            assertEquals(allowed.toString(), 200, allowed.status());
            assertEquals(allowed.toString(), APP, allowed.header("Access-Control-Allow-Origin").orElse(null));
            assertTrue(allowed.toString(), list(allowed, "Access-Control-Allow-Methods").contains("post"));
            assertTrue(allowed.toString(), list(allowed, "Access-Control-Allow-Headers")
                    .containsAll(List.of("authorization", "content-type", "idempotency-key", "x-request-id")));
            assertTrue(allowed.toString(), allowed.header("Access-Control-Max-Age").isPresent());
            Answer edit = preflight("gigs/some-gig", "http://localhost:3000", "PUT", "authorization, content-type, if-match");
            assertEquals(edit.toString(), "http://localhost:3000", edit.header("Access-Control-Allow-Origin").orElse(null));
            assertTrue(edit.toString(), list(edit, "Access-Control-Allow-Methods").contains("put"));

            // Another origin learns nothing, and neither does a header the API does not take.
            assertNoCors(preflight("gigs", OTHER, "POST", "authorization, content-type"));
            assertNoCors(preflight("gigs", APP, "POST", "authorization, x-secret"));

            // The actual request: the origin allowed, and the headers a frontend needs readable.
            Answer get = send("GET", "gigs", token, null, "Origin", APP);
            assertEquals(get.toString(), 200, get.status());
            assertEquals(get.toString(), APP, get.header("Access-Control-Allow-Origin").orElse(null));
            assertTrue(get.toString(), list(get, "Access-Control-Expose-Headers")
                    .containsAll(List.of("etag", "location", "x-request-id")));
            assertTrue(get.toString(), list(get, "Vary").contains("origin"));
            // A refusal is readable by the page too (else the browser only says "network error").
            Answer refused = send("GET", "gigs", null, null, "Origin", APP);
            assertEquals(refused.toString(), 401, refused.status());
            assertEquals(refused.toString(), APP, refused.header("Access-Control-Allow-Origin").orElse(null));
            assertNoCors(send("GET", "gigs", token, null, "Origin", OTHER));
        } finally {
            configureOrigins("");
        }
        await("no allowed origin again", () -> preflight("gigs", APP, "GET", "authorization")
                .header("Access-Control-Allow-Origin").isEmpty());
        assertNoCors(send("GET", "gigs", token, null, "Origin", APP));
    }

    @Test
    public void everyAnswerCarriesARequestIdThatTheLogCarriesToo() throws Exception {
        String token = token("request-id-client", "client");
        Answer given = send("GET", "gigs", token, null, "X-Request-Id", "it-123");
        assertEquals(given.toString(), 200, given.status());
        assertEquals("it-123", given.header("X-Request-Id").orElse(null));

        String generated = send("GET", "gigs", token, null).header("X-Request-Id").orElse(null);
        assertNotNull(generated);
        assertEquals(generated, UUID.fromString(generated).toString());
        assertNotEquals(generated, send("GET", "gigs", token, null).header("X-Request-Id").orElse(null));
        // An id that could forge log lines or flood them is replaced, not echoed.
        String insane = send("GET", "gigs", token, null, "X-Request-Id", "x".repeat(101)).header("X-Request-Id").orElse("");
        assertEquals(insane, UUID.fromString(insane).toString());
        assertEquals(insane, insane.trim());
        // Refusals carry it as well: the token check, a 404, a bad body.
        assertEquals("it-401", send("GET", "gigs", null, null, "X-Request-Id", "it-401").header("X-Request-Id").orElse(null));
        assertEquals("it-404", send("GET", "nothing-here", token, null, "X-Request-Id", "it-404").header("X-Request-Id").orElse(null));
        Answer bad = send("POST", "gigs", token("request-id-freelancer", "freelancer"), "{\"title\":", "X-Request-Id", "it-400");
        assertEquals(bad.toString(), 400, bad.status());
        assertEquals("it-400", bad.header("X-Request-Id").orElse(null));

        // Everything logged for a request is tagged with its id, in log:display (log:tail) and in karaf.log,
        // although the line itself does not name it.
        String id = "it-log-" + UUID.randomUUID().toString().substring(0, 8);
        console("log:set DEBUG org.souk.rest.internal.RequestIdFilter");
        try {
            // The logging configuration changes in the background: ask until the access line is logged.
            await("the request's line in log:display", () -> {
                assertEquals(200, send("GET", "payment-methods", token, null, "X-Request-Id", id).status());
                try {
                    return console("log:display").lines().anyMatch(l -> l.contains(id) && l.contains("GET /payment-methods"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            console("log:set WARN org.souk.rest.internal.RequestIdFilter");
        }
        File log = new File(System.getProperty("karaf.log", System.getProperty("karaf.data") + "/log"), "karaf.log");
        await("the request in karaf.log", () -> {
            try {
                return Files.readAllLines(log.toPath()).stream()
                        .anyMatch(l -> l.contains("[" + id + "]") && l.contains("GET /payment-methods"));
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Test
    public void editorsChangeAGigOnlyAtTheVersionTheyRead() throws Exception {
        String freelancer = token("etag-freelancer", "freelancer");
        String reader = token("etag-client", "client");
        Answer created = send("POST", "gigs", freelancer, String.format(GIG, "Calligraphy"));
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get("id").asText();
        String v1 = created.header("ETag").orElse(null);
        assertNotNull(created.toString(), v1);
        assertTrue(v1, v1.matches("\"[0-9]+\""));

        Answer read = send("GET", "gigs/" + id, reader, null);
        assertEquals(read.toString(), 200, read.status());
        assertEquals(v1, read.header("ETag").orElse(null));
        assertEquals(v1, "\"" + read.json().get("version").asText() + "\"");

        // Editor A saves with the version it read: a new version.
        Answer saved = send("PUT", "gigs/" + id, freelancer, String.format(GIG, "Calligraphy, any script"), "If-Match", v1);
        assertEquals(saved.toString(), 200, saved.status());
        String v2 = saved.header("ETag").orElse(null);
        assertNotNull(saved.toString(), v2);
        assertNotEquals(v1, v2);
        assertEquals(v2, send("GET", "gigs/" + id, reader, null).header("ETag").orElse(null));

        // Editor B still holds version 1: refused, and the gig keeps A's edit.
        Answer stale = send("PUT", "gigs/" + id, freelancer, String.format(GIG, "Overwritten"), "If-Match", v1);
        assertEquals(stale.toString(), 412, stale.status());
        assertTrue(stale.toString(), stale.header("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(stale.toString(), "urn:souk:problem:precondition-failed", stale.json().get("type").asText());
        Answer unchanged = send("GET", "gigs/" + id, reader, null);
        assertEquals("Calligraphy, any script", unchanged.json().get("title").asText());
        assertEquals(v2, unchanged.header("ETag").orElse(null));
        // A weak tag never matches (If-Match compares strongly), nor one of no version; a list matches on any.
        assertEquals(412, send("PUT", "gigs/" + id, freelancer, String.format(GIG, "Weak"), "If-Match", "W/" + v2).status());
        assertEquals(412, send("PUT", "gigs/" + id, freelancer, String.format(GIG, "Foreign"), "If-Match", "\"abc\"").status());
        // Not a list of entity tags at all: a 400 naming the header.
        Answer malformed = send("PUT", "gigs/" + id, freelancer, String.format(GIG, "Bad"), "If-Match", "2");
        assertEquals(malformed.toString(), 400, malformed.status());
        assertEquals(malformed.toString(), "If-Match", malformed.json().get("errors").get(0).get("field").asText());
        assertEquals(v2, send("GET", "gigs/" + id, reader, null).header("ETag").orElse(null));

        Answer listed = send("PUT", "gigs/" + id, freelancer, String.format(GIG, "Listed"), "If-Match", v1 + ", " + v2);
        assertEquals(listed.toString(), 200, listed.status());
        String v3 = listed.header("ETag").orElse(null);
        assertNotEquals(v2, v3);
        // Without If-Match the last write wins, as before; * asks only that the gig exists.
        Answer blind = send("PUT", "gigs/" + id, freelancer, String.format(GIG, "Blind"));
        assertEquals(blind.toString(), 200, blind.status());
        assertNotEquals(v3, blind.header("ETag").orElse(null));
        assertEquals(200, send("PUT", "gigs/" + id, freelancer, String.format(GIG, "Any"), "If-Match", "*").status());
        assertEquals(404, send("PUT", "gigs/no-such-gig", freelancer, String.format(GIG, "None"), "If-Match", "*").status());
        // The owner check comes first: someone else's If-Match learns nothing about the version.
        assertEquals(403, send("PUT", "gigs/" + id, token("etag-other", "freelancer"), String.format(GIG, "Theirs"),
                "If-Match", v1).status());
        assertNull(send("GET", "gigs", reader, null).header("ETag").orElse(null));
    }
}
