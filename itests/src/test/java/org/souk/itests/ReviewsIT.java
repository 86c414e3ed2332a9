package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the two sides of an order say about it, over real HTTP: reviews of completed orders (the review, the
 * reply, a gig's average, every refusal) and the order's message thread.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ReviewsIT extends SoukTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GIG = "{\"title\":\"Calligraphy\",\"description\":\"Your name in Arabic calligraphy\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One word\",\"price\":\"150.00\",\"deliveryDays\":2,\"revisions\":1,\"deliverables\":[\"PNG\"]}]}";
    /** Arabic, markup, quotes and spaces at both ends: all of it must come back exactly. */
    private static final String COMMENT = "  عمل رائع، شكراً! <html><b>bold</b><script>alert('x')</script></html> & \"quoted\"\n\t😀  ";

    private String freelancer;
    private String client;

    @Test
    public void clientsReviewCompletedOrdersOnceAndFreelancersReplyOnce() throws Exception {
        freelancer = token("zineb", "freelancer");
        client = token("mehdi", "client");
        String otherClient = token("souad", "client");
        String otherFreelancer = token("khalid", "freelancer");
        // The review resource publishes on its own: a refusal of ours, not the container's 404, means it is up.
        await("the review resource", () -> "urn:souk:problem:not-found".equals(http.get("orders/none/review", client).at("/type")));

        String gigId = createGig();
        Reply fresh = http.get("gigs/" + gigId, client);
        assertEquals(fresh.toString(), 200, fresh.status());
        assertEquals("Calligraphy", fresh.at("/title"));
        assertTrue(fresh.toString(), fresh.json().get("averageRating").isNull());
        assertEquals(0, fresh.json().get("reviewCount").asInt());
        Reply none = http.get("gigs/" + gigId + "/reviews", otherClient);
        assertEquals(none.toString(), 200, none.status());
        assertTrue(none.json().get("averageRating").isNull());
        assertEquals(0, none.json().get("count").asInt());
        assertEquals(0, none.json().get("total").asInt());
        assertEquals(0, none.json().get("items").size());

        // Not before the order is completed: pending, paid, delivered.
        String orderId = placeOrder(gigId);
        String review5 = review(5, COMMENT);
        assertProblem(http.post("orders/" + orderId + "/review", client, review5), 409, "order-not-completed");
        assertEquals("SUCCESS", pay(orderId).at("/status"));
        assertProblem(http.post("orders/" + orderId + "/review", client, review5), 409, "order-not-completed");
        assertEquals("IN_PROGRESS", http.post("orders/" + orderId + "/accept", freelancer, null).at("/stage"));
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}").at("/stage"));
        assertProblem(http.post("orders/" + orderId + "/review", client, review5), 409, "order-not-completed");
        assertEquals("COMPLETED", http.post("orders/" + orderId + "/complete", client, null).at("/status"));

        // Completed, not reviewed yet: nothing to show or reply to; only the client reviews; others see nothing.
        assertProblem(http.get("orders/" + orderId + "/review", client), 404, "no-review");
        assertProblem(http.post("orders/" + orderId + "/review/reply", freelancer, "{\"reply\":\"thanks\"}"), 404, "no-review");
        assertProblem(http.post("orders/" + orderId + "/review", freelancer, review5), 403, "not-the-client");
        assertProblem(http.post("orders/" + orderId + "/review", otherClient, review5), 404, "not-found");
        assertProblem(http.get("orders/" + orderId + "/review", otherClient), 404, "not-found");
        assertProblem(http.post("orders/nosuchorder/review", client, review5), 404, "not-found");

        // Bad input names the field and stores nothing.
        assertField(http.post("orders/" + orderId + "/review", client, "{\"rating\":0,\"comment\":\"x\"}"), "rating");
        assertField(http.post("orders/" + orderId + "/review", client, "{\"rating\":6}"), "rating");
        assertField(http.post("orders/" + orderId + "/review", client, "{\"comment\":\"no rating\"}"), "rating");
        assertField(http.post("orders/" + orderId + "/review", client, "{\"rating\":4.5}"), "rating");
        assertField(http.post("orders/" + orderId + "/review", client, "{\"rating\":99999999999}"), "rating");
        assertField(http.post("orders/" + orderId + "/review", client, review(5, "x".repeat(2001))), "comment");
        assertField(http.post("orders/" + orderId + "/review", client, "{\"rating\":5,\"stars\":5}"), "stars");
        assertProblem(http.post("orders/" + orderId + "/review", client, null), 400, "validation");
        assertProblem(http.get("orders/" + orderId + "/review", client), 404, "no-review");

        // The review, exactly as written.
        Reply created = http.post("orders/" + orderId + "/review", client, review5);
        assertEquals(created.toString(), 201, created.status());
        assertEquals("5", created.at("/rating"));
        assertEquals(COMMENT, created.at("/comment"));
        assertEquals(orderId, created.at("/orderId"));
        assertEquals(gigId, created.at("/gigId"));
        assertEquals("mehdi", created.at("/clientId"));
        assertEquals("zineb", created.at("/freelancerId"));
        assertNotNull(created.at("/createdAt"));
        assertNull(created.at("/reply"));
        for (String party : List.of(client, freelancer)) {
            Reply read = http.get("orders/" + orderId + "/review", party);
            assertEquals(read.toString(), 200, read.status());
            assertEquals(COMMENT, read.at("/comment"));
            assertEquals(created.at("/id"), read.at("/id"));
        }
        assertProblem(http.post("orders/" + orderId + "/review", client, review(1, "changed my mind")), 409, "already-reviewed");
        assertEquals(COMMENT, http.get("orders/" + orderId + "/review", client).at("/comment"));

        // The freelancer's reply, once.
        String replyText = "  شكراً لك! <i>Thank you</i>  ";
        String replyBody = JSON.writeValueAsString(Map.of("reply", replyText));
        assertProblem(http.post("orders/" + orderId + "/review/reply", client, replyBody), 403, "not-the-freelancer");
        assertProblem(http.post("orders/" + orderId + "/review/reply", otherFreelancer, replyBody), 404, "not-found");
        assertField(http.post("orders/" + orderId + "/review/reply", freelancer, "{\"reply\":\"   \"}"), "reply");
        assertField(http.post("orders/" + orderId + "/review/reply", freelancer, "{}"), "reply");
        assertField(http.post("orders/" + orderId + "/review/reply", freelancer,
                JSON.writeValueAsString(Map.of("reply", "y".repeat(2001)))), "reply");
        assertNull(http.get("orders/" + orderId + "/review", client).at("/reply"));
        Reply replied = http.post("orders/" + orderId + "/review/reply", freelancer, replyBody);
        assertEquals(replied.toString(), 200, replied.status());
        assertEquals(replyText, replied.at("/reply"));
        assertNotNull(replied.at("/repliedAt"));
        assertEquals(COMMENT, replied.at("/comment"));
        assertProblem(http.post("orders/" + orderId + "/review/reply", freelancer, "{\"reply\":\"again\"}"), 409, "already-replied");
        assertEquals(replyText, http.get("orders/" + orderId + "/review", client).at("/reply"));

        // A second review of the gig: the list is newest first with the average and count; so is the gig's view.
        String secondId = completedOrder(gigId);
        assertEquals(201, http.post("orders/" + secondId + "/review", client, "{\"rating\":4}").status());
        Reply list = http.get("gigs/" + gigId + "/reviews", otherClient);
        assertEquals(list.toString(), 200, list.status());
        assertEquals("4.5", list.at("/averageRating"));
        assertEquals(2, list.json().get("count").asInt());
        assertEquals(2, list.json().get("total").asInt());
        assertEquals(secondId, list.at("/items/0/orderId"));
        assertNull(list.at("/items/0/comment"));
        assertEquals(orderId, list.at("/items/1/orderId"));
        assertEquals(COMMENT, list.at("/items/1/comment"));
        assertEquals(replyText, list.at("/items/1/reply"));
        Reply second = http.get("gigs/" + gigId + "/reviews?offset=1&limit=1", otherClient);
        assertEquals(1, second.json().get("items").size());
        assertEquals(orderId, second.at("/items/0/orderId"));
        assertEquals(2, second.json().get("total").asInt());
        assertField(http.get("gigs/" + gigId + "/reviews?limit=0", client), "limit");
        assertField(http.get("gigs/" + gigId + "/reviews?offset=-1", client), "offset");
        assertProblem(http.get("gigs/nosuchgig/reviews", client), 404, "not-found");
        Reply view = http.get("gigs/" + gigId, otherClient);
        assertEquals("4.5", view.at("/averageRating"));
        assertEquals(2, view.json().get("reviewCount").asInt());
        assertEquals("One word", view.at("/packages/0/title"));

        // Two clients' tabs at once: of concurrent reviews of one order exactly one is stored.
        String raced = completedOrder(gigId);
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Reply> replies = new ArrayList<>();
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return http.post("orders/" + raced + "/review", client, "{\"rating\":3}");
                }));
            }
            start.countDown();
            for (Future<Reply> f : futures) {
                replies.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        int createdCount = 0;
        for (Reply r : replies) {
            if (r.status() == 201) {
                createdCount++;
            } else {
                assertProblem(r, 409, "already-reviewed");
            }
        }
        assertEquals(replies.toString(), 1, createdCount);
        Reply after = http.get("gigs/" + gigId + "/reviews", client);
        assertEquals(3, after.json().get("count").asInt());
        assertEquals("4.0", after.at("/averageRating"));
        JsonNode items = after.json().get("items");
        assertEquals(3, items.size());
        assertEquals(raced, items.get(0).get("orderId").asText());
    }

    @Test
    public void theTwoPartiesOfAnOrderExchangeMessagesThatNobodyElseReads() throws Exception {
        freelancer = token("zineb", "freelancer");
        client = token("mehdi", "client");
        String outsider = token("souad", "client");
        String admin = token("root", "admin");
        await("the message resource", () -> "urn:souk:problem:not-found".equals(http.get("orders/none/messages", client).at("/type")));
        String orderId = placeOrder(createGig());
        String thread = "orders/" + orderId + "/messages";

        Reply empty = http.get(thread, client);
        assertEquals(empty.toString(), 200, empty.status());
        assertEquals(0, empty.json().get("items").size());
        assertTrue(empty.json().get("next").isNull());

        Reply first = http.post(thread, client, "{\"body\":\"" + "السلام عليكم, the name is Omar" + "\"}");
        assertEquals(first.toString(), 201, first.status());
        assertEquals("CLIENT", first.at("/authorRole"));
        assertEquals("mehdi", first.at("/authorId"));
        Reply answer = http.post(thread, freelancer, "{\"body\":\"Here is a first sketch\",\"attachments\":["
                + "{\"name\":\"sketch.png\",\"url\":\"https://files.example.com/o/sketch.png\",\"contentType\":\"image/png\",\"size\":52311}]}");
        assertEquals(answer.toString(), 201, answer.status());
        assertEquals("FREELANCER", answer.at("/authorRole"));
        assertEquals("https://files.example.com/o/sketch.png", answer.at("/attachments/0/url"));
        for (int i = 0; i < 3; i++) {
            assertEquals(201, http.post(thread, client, "{\"body\":\"note " + i + "\"}").status());
        }

        // Each message tells the other side in its inbox: the gig in the title, the start of the text as the body.
        await("the freelancer's four message notifications", () -> messageNotifications(freelancer, orderId).size() == 4);
        List<JsonNode> toFreelancer = messageNotifications(freelancer, orderId);
        assertEquals("New message on \"Calligraphy\"", toFreelancer.get(0).get("title").asText());
        List<String> told = new ArrayList<>();
        toFreelancer.forEach(n -> told.add(n.get("body").asText()));
        assertTrue(told.toString(), told.containsAll(List.of("السلام عليكم, the name is Omar", "note 0", "note 1", "note 2")));
        await("the client's message notification", () -> messageNotifications(client, orderId).size() == 1);
        assertEquals("Here is a first sketch", messageNotifications(client, orderId).get(0).get("body").asText());

        // Newest first, two at a time, the cursor walking back to the first message; the same for both parties.
        List<String> bodies = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Reply page = http.get(thread + "?limit=2" + (after == null ? "" : "&after=" + after), freelancer);
            assertEquals(page.toString(), 200, page.status());
            page.json().get("items").forEach(m -> bodies.add(m.get("body").asText()));
            after = page.json().get("next").isNull() ? null : page.json().get("next").asText();
            pages++;
        } while (after != null && pages < 10);
        assertEquals(List.of("note 2", "note 1", "note 0", "Here is a first sketch", "السلام عليكم, the name is Omar"), bodies);
        assertEquals(3, pages);
        assertEquals(5, http.get(thread + "?limit=100", client).json().get("items").size());

        // An administrator reads but does not write; an outsider sees no order at all, and writes nothing.
        assertEquals(5, http.get(thread + "?limit=100", admin).json().get("items").size());
        assertProblem(http.post(thread, admin, "{\"body\":\"hello\"}"), 403, "forbidden");
        assertProblem(http.get(thread, outsider), 404, "not-found");
        assertProblem(http.post(thread, outsider, "{\"body\":\"let me in\"}"), 404, "not-found");
        assertProblem(http.post("orders/nosuchorder/messages", client, "{\"body\":\"x\"}"), 404, "not-found");

        // Bad input names its field and changes nothing.
        Reply bad = http.post(thread, client, "{\"body\":\"\",\"attachments\":[{\"name\":\"x\",\"url\":\"javascript:alert(1)\"}]}");
        assertProblem(bad, 400, "validation");
        assertField(bad, "body");
        assertField(bad, "attachments[0].url");
        assertProblem(http.get(thread + "?after=not-a-cursor", client), 400, "validation");
        assertEquals(5, http.get(thread + "?limit=100", client).json().get("items").size());
    }

    // ------------------------------------------------------------------------------------------

    /** The MESSAGE notifications about an order in the inbox of the token's user, newest first. */
    private List<JsonNode> messageNotifications(String token, String orderId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode n : http.get("notifications?limit=100", token).json().get("items")) {
            if ("MESSAGE".equals(n.get("type").asText()) && orderId.equals(n.get("orderId").asText())) {
                found.add(n);
            }
        }
        return found;
    }

    private static String review(int rating, String comment) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rating", rating);
        body.put("comment", comment);
        return JSON.writeValueAsString(body);
    }

    private String createGig() {
        return souk.createGig(freelancer, GIG);
    }

    private String placeOrder(String gigId) {
        return souk.placedOrder(client, gigId, "My name: Omar");
    }

    private Reply pay(String orderId) {
        return souk.pay(orderId, client, SoukFixtures.SUCCESS_CARD);
    }

    /** An order placed, paid with the sandbox's success card, accepted, delivered and completed. */
    private String completedOrder(String gigId) {
        String orderId = placeOrder(gigId);
        assertEquals("SUCCESS", pay(orderId).at("/status"));
        assertEquals("IN_PROGRESS", http.post("orders/" + orderId + "/accept", freelancer, null).at("/stage"));
        assertEquals("DELIVERED", http.post("orders/" + orderId + "/deliveries", freelancer, "{\"note\":\"done\"}").at("/stage"));
        assertEquals("COMPLETED", http.post("orders/" + orderId + "/complete", client, null).at("/status"));
        return orderId;
    }

}
