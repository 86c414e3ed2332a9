package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The live event stream read by a real HTTP client while an order moves: notifications and order
 * transitions as they happen, a ticket for browsers, and resuming with Last-Event-ID after a disconnect.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class LiveEventsIT extends SoukTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GIG = "{\"title\":\"Live logo\",\"description\":\"A logo, watched live\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One logo\",\"price\":\"300.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PNG\"]}]}";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One server-sent event as the client parsed it. */
    record SseEvent(String id, String name, JsonNode data) {
    }

    /** An open stream: the events read so far, in order, and the connection to drop. */
    final class EventStream implements AutoCloseable {
        final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;
        volatile String lastId;
        /** The server completed the response (not the test dropping it). */
        volatile boolean ended;

        EventStream(HttpRequest request) {
            response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> {
                if (r.statusCode() != 200) {
                    return;
                }
                Thread reader = new Thread(() -> read(r.body()), "sse-reader");
                reader.setDaemon(true);
                reader.start();
            });
        }

        int status() throws Exception {
            return response.get(30, TimeUnit.SECONDS).statusCode();
        }

        String contentType() throws Exception {
            return response.get(30, TimeUnit.SECONDS).headers().firstValue("Content-Type").orElse("");
        }

        private void read(Stream<String> lines) {
            String[] id = {null};
            String[] name = {null};
            StringBuilder data = new StringBuilder();
            try {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            try {
                                events.add(new SseEvent(id[0], name[0], JSON.readTree(data.toString())));
                            } catch (Exception e) {
                                events.add(new SseEvent(id[0], name[0], null));
                            }
                        }
                        id[0] = null;
                        name[0] = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id[0] = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name[0] = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).trim());
                    }
                });
                ended = true;
            } catch (RuntimeException closed) {
                // the test dropped the connection
            }
        }

        /** Waits for the next event that matches, skipping others; remembers its id as the last seen. */
        SseEvent next(String what, Predicate<SseEvent> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                SseEvent e = events.poll(1, TimeUnit.SECONDS);
                if (e != null) {
                    lastId = e.id();
                    if (wanted.test(e)) {
                        return e;
                    }
                }
            }
            throw new AssertionError("no event: " + what);
        }

        @Override
        public void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }

    @Test
    public void aClientSeesItsOrderMoveLiveAndCatchesUpAfterADisconnect() throws Exception {
        String freelancer = token("nora", "freelancer");
        String client = token("younes", "client");
        String other = token("sara", "client");
        String base = "http://localhost:" + httpPort() + "/api/v1/";

        // No token, a made-up ticket: refused before anything streams.
        assertEquals(401, plain(base + "events", null));
        assertEquals(401, plain(base + "events?ticket=made-up", null));

        // A browser's way in: a ticket, good once.
        Reply ticket = http.post("events/tickets", client, null);
        assertEquals(ticket.toString(), 201, ticket.status());
        String t = ticket.at("/ticket");
        assertNotNull(ticket.at("/expiresAt"));
        EventStream live = new EventStream(sse(base + "events?ticket=" + t, null, null));
        assertEquals(200, live.status());
        assertTrue(live.contentType(), live.contentType().startsWith("text/event-stream"));
        assertEquals("a ticket opens one stream only", 401, plain(base + "events?ticket=" + t, null));
        EventStream outsider = new EventStream(sse(base + "events", other, null));
        assertEquals(200, outsider.status());

        String orderId = souk.placedOrder(client, souk.createGig(freelancer, GIG), "Blue");
        souk.paid(orderId, client);

        SseEvent processing = live.next("the order paid", e -> "order".equals(e.name())
                && orderId.equals(e.data().path("orderId").asText()) && "PROCESSING".equals(e.data().path("event").path("toStatus").asText()));
        assertEquals("Live logo", processing.data().path("gigTitle").asText());
        assertNotNull(processing.id());
        SseEvent receipt = live.next("the payment notification", e -> "notification".equals(e.name())
                && orderId.equals(e.data().path("orderId").asText()));
        assertEquals("younes", receipt.data().path("recipientId").asText());

        // Drop the connection; the freelancer accepts meanwhile; come back with the last id seen.
        String lastSeen = live.lastId;
        live.close();
        Reply accepted = http.post("orders/" + orderId + "/accept", freelancer, null);
        assertEquals(accepted.toString(), "IN_PROGRESS", accepted.at("/stage"));
        try (EventStream resumed = new EventStream(sse(base + "events", client, lastSeen))) {
            assertEquals(200, resumed.status());
            SseEvent missed = resumed.next("the acceptance missed while away", e -> "order".equals(e.name())
                    && orderId.equals(e.data().path("orderId").asText())
                    && "IN_PROGRESS".equals(e.data().path("event").path("toStage").asText()));
            assertEquals("nora", missed.data().path("event").path("actor").asText());
        }

        // Nothing of this order reached someone with no part in it.
        List<SseEvent> seen = new ArrayList<>();
        outsider.events.drainTo(seen);
        for (SseEvent e : seen) {
            assertTrue(e.toString(), !orderId.equals(e.data() == null ? null : e.data().path("orderId").asText()));
        }
        outsider.close();
    }

    @Test
    public void aUserWhoOpensOneStreamTooManyLosesTheOldestWhichIsToldAndEnded() throws Exception {
        String user = token("idriss", "client");
        String base = "http://localhost:" + httpPort() + "/api/v1/";
        List<EventStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) { // events.max.per.user = 5 as shipped; opened one after the other
                EventStream s = new EventStream(sse(base + "events", user, null));
                assertEquals(200, s.status());
                streams.add(s);
            }
            EventStream oldest = streams.get(0);
            SseEvent replaced = oldest.next("the oldest told it is replaced", e -> "replaced".equals(e.name()));
            assertTrue(replaced.toString(), replaced.data().path("reason").asText().contains("oldest"));
            await("the oldest stream to end", () -> oldest.ended);
            for (EventStream s : streams.subList(1, streams.size())) {
                assertTrue("the others stay open", !s.ended && s.events.stream().noneMatch(e -> "replaced".equals(e.name())));
            }
        } finally {
            streams.forEach(EventStream::close);
        }
    }

    private HttpRequest sse(String url, String token, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return b.build();
    }

    private int plain(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
