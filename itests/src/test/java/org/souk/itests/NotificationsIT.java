package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.ServiceRegistration;
import org.souk.itests.Http.Reply;
import org.souk.notification.spi.DeliveryResult;
import org.souk.notification.spi.NotificationChannel;
import org.souk.notification.spi.OutgoingNotification;
import org.souk.notification.spi.Recipient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Notifications on the running distribution, over real HTTP and the console: each user's preference matrix,
 * the inbox, a delivery that waits for its channel's bundle, and a delivery that gave up, listed and retried.
 * Delivery is asynchronous (the dispatcher polls): every wait polls with a deadline.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class NotificationsIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Menu design\",\"description\":\"A menu for your restaurant\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One page\",\"price\":\"300.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PDF\"]}]}";


    @Test
    public void eachUserChoosesWhatReachesThemOnWhichChannel() throws Exception {
        String freelancer = token("nt-pref-fatima", "freelancer");
        String client = token("nt-pref-omar", "client");

        // Defaults: everything in the inbox; by email what asks to act or moves money; money can't be switched off.
        Reply defaults = http.get("notification-preferences", freelancer);
        assertEquals(defaults.toString(), 200, defaults.status());
        assertTrue(defaults.toString(), channels(defaults).containsAll(List.of("in_app", "email")));
        assertEquals(18, defaults.json().get("types").size());
        assertEquals(Boolean.TRUE, cell(defaults, "new_order", "in_app"));
        assertEquals(Boolean.TRUE, cell(defaults, "new_order", "email"));
        assertEquals(Boolean.FALSE, cell(defaults, "order_status_changed", "email"));
        assertTrue(row(defaults, "payment_confirmed").get("mandatory").asBoolean());
        assertFalse(row(defaults, "message").get("mandatory").asBoolean());

        // PATCH sets one cell and answers the whole document.
        Reply patched = http.patch("notification-preferences", freelancer,
                "{\"type\":\"order_status_changed\",\"channel\":\"email\",\"enabled\":true}");
        assertEquals(patched.toString(), 200, patched.status());
        assertEquals(Boolean.TRUE, cell(patched, "order_status_changed", "email"));
        assertEquals(Boolean.TRUE, cell(http.get("notification-preferences", freelancer), "order_status_changed", "email"));
        // Someone else's document is not touched.
        assertEquals(Boolean.FALSE, cell(http.get("notification-preferences", client), "order_status_changed", "email"));

        // Refusals name the field and change nothing.
        Reply mandatory = http.patch("notification-preferences", client,
                "{\"type\":\"payment_confirmed\",\"channel\":\"in_app\",\"enabled\":false}");
        assertField(mandatory, "enabled");
        assertTrue(mandatory.toString(), mandatory.text().contains("mandatory"));
        assertField(http.patch("notification-preferences", client, "{\"type\":\"gossip\",\"channel\":\"in_app\",\"enabled\":false}"), "type");
        assertField(http.patch("notification-preferences", client, "{\"type\":\"message\",\"channel\":\"pigeon\",\"enabled\":false}"), "channel");
        assertField(http.patch("notification-preferences", client, "{\"type\":\"message\",\"channel\":\"in_app\"}"), "enabled");
        assertEquals(Boolean.TRUE, cell(http.get("notification-preferences", client), "payment_confirmed", "in_app"));

        // PUT replaces the whole document: cells given are stored, cells left out return to their defaults.
        Reply put = http.put("notification-preferences", freelancer,
                "{\"types\":[{\"type\":\"new_order\",\"mandatory\":false,\"channels\":{\"in_app\":false,\"email\":true}}]}");
        assertEquals(put.toString(), 200, put.status());
        assertEquals(Boolean.FALSE, cell(put, "new_order", "in_app"));
        assertEquals(Boolean.FALSE, cell(put, "order_status_changed", "email")); // back to its default
        Reply refused = http.put("notification-preferences", freelancer, "{\"types\":["
                + "{\"type\":\"message\",\"mandatory\":false,\"channels\":{\"in_app\":false}},"
                + "{\"type\":\"refund\",\"mandatory\":true,\"channels\":{\"email\":false}}]}");
        assertField(refused, "types[1].channels.email");
        Reply after = http.get("notification-preferences", freelancer);
        assertEquals(Boolean.TRUE, cell(after, "message", "in_app")); // the valid part of a refused document is not kept
        assertEquals(Boolean.FALSE, cell(after, "new_order", "in_app"));

        // In-app off for new orders: the freelancer's next new order leaves no inbox row, while the client's
        // receipt of the same payment and the freelancer's other notifications still arrive.
        String orderId = placeOrder(freelancer, client);
        Reply paid = pay(orderId, client);
        assertEquals(paid.toString(), "SUCCESS", paid.at("/status"));
        await("the client's receipt", () -> find(client, "PAYMENT_CONFIRMED", orderId) != null);
        // Recorded after the payment's notifications were delivered: once it arrives, any new-order row would be there.
        assertEquals(201, http.post("orders/" + orderId + "/messages", client, "{\"body\":\"Welcome aboard\"}").status());
        await("the freelancer's message notification", () -> find(freelancer, "MESSAGE", orderId) != null);
        assertNull(find(freelancer, "NEW_ORDER", orderId));
    }

    @Test
    public void theInboxPagesCountsAndMarksRead() throws Exception {
        String freelancer = token("nt-inbox-fatima", "freelancer");
        String client = token("nt-inbox-omar", "client");
        String outsider = token("nt-inbox-salma", "client");
        String orderId = placeOrder(freelancer, client);
        String thread = "orders/" + orderId + "/messages";
        for (int i = 1; i <= 3; i++) {
            assertEquals(201, http.post(thread, client, "{\"body\":\"question " + i + "\"}").status());
        }
        await("three unread notifications", () -> "3".equals(http.get("notifications/unread-count", freelancer).at("/unread")));

        // Pages, newest first.
        Reply first = http.get("notifications?limit=2", freelancer);
        assertEquals(first.toString(), 200, first.status());
        assertEquals(2, first.json().get("items").size());
        assertEquals(3, first.json().get("total").asInt());
        Reply second = http.get("notifications?limit=2&offset=2", freelancer);
        assertEquals(1, second.json().get("items").size());
        List<String> bodies = new ArrayList<>();
        first.json().get("items").forEach(n -> bodies.add(n.get("body").asText()));
        second.json().get("items").forEach(n -> bodies.add(n.get("body").asText()));
        assertTrue(bodies.toString(), bodies.containsAll(List.of("question 1", "question 2", "question 3")));
        assertField(http.get("notifications?limit=0", freelancer), "limit");

        // Mark one read: gone from ?unread=true and the count; someone else's is not found.
        String id = first.at("/items/0/id");
        assertProblem(http.postEmpty("notifications/" + id + "/read", outsider), 404, "not-found");
        assertEquals("3", http.get("notifications/unread-count", freelancer).at("/unread"));
        Reply read = http.postEmpty("notifications/" + id + "/read", freelancer);
        assertEquals(read.toString(), 200, read.status());
        assertNotNull(read.at("/readAt"));
        assertEquals(read.at("/readAt"), http.postEmpty("notifications/" + id + "/read", freelancer).at("/readAt"));
        assertEquals("2", http.get("notifications/unread-count", freelancer).at("/unread"));
        Reply unread = http.get("notifications?unread=true", freelancer);
        assertEquals(2, unread.json().get("total").asInt());
        for (JsonNode n : unread.json().get("items")) {
            assertFalse(id.equals(n.get("id").asText()));
            assertTrue(n.get("readAt").isNull());
        }

        // Mark all read.
        Reply all = http.postEmpty("notifications/read-all", freelancer);
        assertEquals(all.toString(), 200, all.status());
        assertEquals("2", all.at("/marked"));
        assertEquals("0", http.get("notifications/unread-count", freelancer).at("/unread"));
        assertEquals(0, http.get("notifications?unread=true", freelancer).json().get("items").size());
        assertEquals(3, http.get("notifications", freelancer).json().get("total").asInt());
        assertEquals("0", http.postEmpty("notifications/read-all", freelancer).at("/marked"));
        // The client's own inbox holds none of the freelancer's.
        assertNull(find(client, "MESSAGE", orderId));
    }

    @Test
    public void aNotificationWaitsForItsChannelBundleAndArrivesOnceItStarts() throws Exception {
        String freelancer = token("nt-wait-fatima", "freelancer");
        String client = token("nt-wait-omar", "client");
        String orderId = placeOrder(freelancer, client);

        console("bundle:stop org.souk.notification.inapp");
        try {
            // The cause is recorded with the message while no in-app channel is deployed anywhere.
            Reply sent = http.post("orders/" + orderId + "/messages", client, "{\"body\":\"Are you there?\"}");
            assertEquals(sent.toString(), 201, sent.status());
        } finally {
            console("bundle:start org.souk.notification.inapp");
        }
        await("the inbox back", () -> http.get("notifications", freelancer).status() == 200);
        await("the message notification delivered once the channel is back",
                () -> find(freelancer, "MESSAGE", orderId) != null);
        assertEquals("Are you there?", find(freelancer, "MESSAGE", orderId).get("body").asText());
    }

    @Test
    public void aDeliveryThatGaveUpIsListedAndRetriedFromTheConsole() throws Exception {
        String freelancer = token("nt-fail-fatima", "freelancer");
        String client = token("nt-fail-omar", "client");
        String channelId = "itest_pager";
        AtomicBoolean refusing = new AtomicBoolean(true);
        List<String> delivered = new CopyOnWriteArrayList<>();
        NotificationChannel pager = new NotificationChannel() {
            @Override
            public String id() {
                return channelId;
            }

            @Override
            public DeliveryResult deliver(Recipient recipient, OutgoingNotification notification) {
                if (refusing.get()) {
                    return DeliveryResult.failed("pager number rejected");
                }
                delivered.add(recipient.userId() + ":" + notification.type() + ":" + notification.orderId());
                return DeliveryResult.delivered();
            }
        };
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(NotificationChannel.ID_PROPERTY, channelId);
        ServiceRegistration<NotificationChannel> registration = bundleContext.registerService(NotificationChannel.class, pager, props);
        try {
            // A deployed channel is offered in the preferences, off until chosen.
            await("the pager channel in the preferences", () -> channels(http.get("notification-preferences", freelancer)).contains(channelId));
            assertEquals(Boolean.FALSE, cell(http.get("notification-preferences", freelancer), "message", channelId));
            Reply on = http.patch("notification-preferences", freelancer,
                    "{\"type\":\"message\",\"channel\":\"" + channelId + "\",\"enabled\":true}");
            assertEquals(on.toString(), Boolean.TRUE, cell(on, "message", channelId));

            String orderId = placeOrder(freelancer, client);
            assertEquals(201, http.post("orders/" + orderId + "/messages", client, "{\"body\":\"Page me\"}").status());
            // The in-app delivery of the same notification is not held back by the other channel's failure.
            await("the in-app notification", () -> find(freelancer, "MESSAGE", orderId) != null);
            String[] failedRow = new String[1];
            await("the pager delivery listed as failed", () -> (failedRow[0] = failedRow("nt-fail-fatima", channelId)) != null);
            assertTrue(failedRow[0], failedRow[0].contains("message"));
            assertTrue(failedRow[0], failedRow[0].contains("pager number rejected"));
            String deliveryId = failedRow[0].split("\\|")[0].trim();
            assertTrue(delivered.isEmpty());

            // Fixed, then retried by an administrator: delivered, and no longer listed.
            refusing.set(false);
            String retried = console("souk:notifications-retry " + deliveryId);
            assertTrue(retried, retried.contains("queued again"));
            await("the retried delivery", () -> delivered.contains("nt-fail-fatima:message:" + orderId));
            assertNull(failedRow("nt-fail-fatima", channelId));
            String again = console("souk:notifications-retry " + deliveryId);
            assertTrue(again, again.contains("No failed delivery"));
            assertEquals(1, delivered.size());
        } finally {
            registration.unregister();
        }
    }

    // ------------------------------------------------------------------------------------------

    /** The row of souk:notifications-failed for the user on the channel, or null. */
    private String failedRow(String userId, String channel) {
        try {
            for (String line : console("souk:notifications-failed").split("\n")) {
                if (line.contains(userId) && line.contains(channel)) {
                    return line;
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String placeOrder(String freelancer, String client) {
        return souk.placedOrder(client, souk.createGig(freelancer, GIG), "A menu for my cafe");
    }

    private Reply pay(String orderId, String client) {
        return souk.pay(orderId, client, "4242 4242 4242 4242");
    }

    private JsonNode find(String token, String type, String orderId) {
        return souk.notification(token, type, orderId);
    }

    private static List<String> channels(Reply preferences) {
        List<String> out = new ArrayList<>();
        preferences.json().get("channels").forEach(c -> out.add(c.asText()));
        return out;
    }

    private static ObjectNode row(Reply preferences, String type) {
        for (JsonNode row : preferences.json().get("types")) {
            if (type.equals(row.get("type").asText())) {
                return (ObjectNode) row;
            }
        }
        throw new AssertionError("no type " + type + " in " + preferences);
    }

    private static Boolean cell(Reply preferences, String type, String channel) {
        JsonNode value = row(preferences, type).get("channels").get(channel);
        return value == null || value.isNull() ? null : value.asBoolean();
    }
}
