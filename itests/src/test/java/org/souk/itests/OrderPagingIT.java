package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Order history by cursor on the running distribution: every page follows the last without a gap or a
 * repeat, newest first, across both sides of a user's orders and within a status; offset still pages.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OrderPagingIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Paged gig\",\"description\":\"For history pages\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One\",\"price\":\"10.00\",\"deliveryDays\":1,\"revisions\":0,\"deliverables\":[\"PNG\"]}]}";

    /** One summary as the list shows it: enough to check the order of a walk. */
    private record Item(String id, Instant placedAt, String status) {
    }

    private static final Comparator<Item> NEWEST_FIRST = Comparator.comparing(Item::placedAt).thenComparing(Item::id)
            .reversed();

    @Test
    public void cursorsWalkTheWholeHistoryNewestFirstAndOffsetStillPages() throws Exception {
        String freelancer = token("paging-freelancer", "freelancer");
        String client = token("paging-client", "client");
        String other = token("paging-other-client", "client");
        String gigId = souk.createGig(freelancer, GIG);

        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            placed.add(place(client, gigId));
        }
        List<String> others = List.of(place(other, gigId), place(other, gigId));
        Set<String> cancelled = new HashSet<>();
        for (int i = 0; i < placed.size(); i += 4) {
            Reply withdrawn = http.post("orders/" + placed.get(i) + "/cancel", client, "{\"reason\":\"CLIENT_WITHDREW\"}");
            assertEquals(withdrawn.toString(), 200, withdrawn.status());
            cancelled.add(placed.get(i));
        }

        // The client: its 25 orders, 7 to a page, no more and no less, newest first, the last page ends it.
        List<Item> mine = walk(client, "", 7, new int[] {7, 7, 7, 4});
        assertEquals(new HashSet<>(placed), ids(mine));

        // The freelancer sees both clients' orders, one list merged from both sides.
        List<Item> sold = walk(freelancer, "", 10, new int[] {10, 10, 7});
        Set<String> all = new HashSet<>(placed);
        all.addAll(others);
        assertEquals(all, ids(sold));

        // A status with a cursor: only the cancelled ones, still in order.
        List<Item> withdrawn = walk(client, "status=CANCELLED&", 3, new int[] {3, 3, 1});
        assertEquals(cancelled, ids(withdrawn));
        withdrawn.forEach(o -> assertEquals("CANCELLED", o.status()));
        List<Item> pending = walk(client, "status=pending&", 9, new int[] {9, 9});
        assertEquals(placed.size() - cancelled.size(), pending.size());
        assertTrue(pending.stream().noneMatch(o -> cancelled.contains(o.id())));

        // Offset pages as before, counted, and the same orders in the same order as the cursor walk.
        Reply second = http.get("orders?offset=7&limit=7", client);
        assertEquals(second.toString(), 200, second.status());
        assertEquals(25, second.json().get("total").asLong());
        assertEquals(7, second.json().get("offset").asInt());
        assertEquals(mine.subList(7, 14).stream().map(Item::id).toList(), items(second).stream().map(Item::id).toList());
        // ... and its next cursor carries on where the offset page ended.
        Reply third = http.get("orders?limit=7&after=" + enc(second.at("/next")), client);
        assertEquals(mine.subList(14, 21).stream().map(Item::id).toList(), items(third).stream().map(Item::id).toList());
        Reply end = http.get("orders?offset=21&limit=7", client);
        assertEquals(4, items(end).size());
        assertNull(end.toString(), end.at("/next"));

        // A cursor that this API did not give out is a 400 naming 'after', and so is mixing it with offset.
        assertField(http.get("orders?after=not-a-cursor", client), "after");
        assertField(http.get("orders?after=" + enc("bzE6MTIzOg"), client), "after");
        assertField(http.get("orders?after=", client), "after");
        assertField(http.get("orders?offset=3&after=" + enc(second.at("/next")), client), "offset");
    }

    private String place(String client, String gigId) {
        return souk.placedOrder(client, gigId, "paged");
    }

    /** Follows {@code next} from the first page to the end, checking each page's size and the order overall. */
    private List<Item> walk(String token, String filter, int limit, int[] sizes) {
        List<Item> seen = new ArrayList<>();
        Reply page = http.get("orders?" + filter + "limit=" + limit, token);
        for (int i = 0; i < sizes.length; i++) {
            assertEquals(page.toString(), 200, page.status());
            List<Item> items = items(page);
            assertEquals(page.toString(), sizes[i], items.size());
            seen.addAll(items);
            String next = page.at("/next");
            if (i > 0) {
                // A page read by cursor is not counted.
                assertTrue(page.toString(), page.json().get("total").isNull());
            }
            if (i == sizes.length - 1) {
                assertNull(page.toString(), next);
            } else {
                assertNotNull(page.toString(), next);
                page = http.get("orders?" + filter + "limit=" + limit + "&after=" + enc(next), token);
            }
        }
        assertEquals("a repeated order in " + seen, seen.size(), ids(seen).size());
        List<Item> sorted = new ArrayList<>(seen);
        sorted.sort(NEWEST_FIRST);
        assertEquals(sorted, seen);
        assertFalse(seen.isEmpty());
        return seen;
    }

    private static List<Item> items(Reply page) {
        List<Item> out = new ArrayList<>();
        for (JsonNode o : page.json().get("items")) {
            out.add(new Item(o.get("id").asText(), Instant.parse(o.get("placedAt").asText()), o.get("status").asText()));
        }
        return out;
    }

    private static Set<String> ids(List<Item> items) {
        Set<String> out = new HashSet<>();
        items.forEach(o -> out.add(o.id()));
        return out;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
