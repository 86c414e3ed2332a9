package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.souk.itests.Http.Reply;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An operator looking for orders: filtered lists by client, freelancer, gig, status and time placed, on the
 * console and over REST, and souk:find / ?q= naming an order by its id, its payment id, the gateway's
 * reference, or a user's id or email address.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OperatorSearchIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"%s\",\"description\":\"Searchable work\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One\",\"price\":\"80.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PDF\"]}]}";

    private String suffix;
    private String clientA;
    private String clientB;
    private String freelancer;
    private String admin;
    private String tokenA;
    private String tokenB;
    private String gig1;
    private String gig2;
    private String o1;
    private String o2;
    private String o3;

    @Before
    public void threeOrdersOfTwoClientsOnTwoGigs() throws Exception {
        suffix = Long.toString(System.nanoTime(), 36);
        clientA = "search-amina-" + suffix;
        clientB = "search-salma-" + suffix;
        freelancer = "search-farid-" + suffix;
        admin = token("search-admin", "admin");
        tokenA = tokenWithContact(clientA, "client", clientA + "@example.ma", "fr");
        tokenB = token(clientB, "client");
        String tokenF = token(freelancer, "freelancer");
        gig1 = souk.createGig(tokenF, String.format(GIG, "Menus " + suffix));
        gig2 = souk.createGig(tokenF, String.format(GIG, "Logos " + suffix));
        o1 = souk.placedOrder(tokenA, gig1, "first");
        o2 = souk.placedOrder(tokenB, gig1, "second");
        o3 = souk.placedOrder(tokenA, gig2, "third");
        souk.paid(o3, tokenA);
    }

    private List<String> ids(String query, String token) {
        Reply page = http.get("orders?" + query, token);
        assertEquals(page.toString(), 200, page.status());
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(o -> ids.add(o.get("id").asText()));
        return ids;
    }

    @Test
    public void filtersFindTheRightOrdersNewestFirstOnTheConsoleAndOverRest() throws Exception {
        assertEquals(List.of(o3, o1), ids("client=" + clientA, admin));
        assertEquals(List.of(o2, o1), ids("gig=" + gig1, admin));
        assertEquals(List.of(o3), ids("client=" + clientA + "&status=processing", admin));
        assertEquals(List.of(o3, o2, o1), ids("freelancer=" + freelancer + "&since=" + LocalDate.now(ZoneOffset.UTC), admin));
        assertEquals(List.of(), ids("freelancer=" + freelancer + "&since=" + LocalDate.now(ZoneOffset.UTC).plusDays(1), admin));
        // Still paged as before: by cursor, the filter holds on every page.
        Reply first = http.get("orders?limit=1&client=" + clientA, admin);
        String next = first.at("/next");
        assertNotNull(first.toString(), next);
        assertEquals(List.of(o1), ids("limit=1&client=" + clientA + "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8), admin));

        String listed = console("souk:orders --client " + clientA);
        assertTrue(listed, listed.contains(o1) && listed.contains(o3) && !listed.contains(o2));
        assertTrue(listed, listed.contains("2 of 2 order(s)"));
        String pending = console("souk:orders --gig " + gig1 + " -s pending --since 2020-01-01 --until "
                + LocalDate.now(ZoneOffset.UTC));
        assertTrue(pending, pending.contains(o1) && pending.contains(o2) && !pending.contains(o3));
    }

    @Test
    public void badFilterValuesAreRefusedNamingTheField() throws Exception {
        Reply since = http.get("orders?since=yesterday", admin);
        assertProblem(since, 400, "validation");
        assertEquals(since.toString(), "since", since.at("/errors/0/field"));
        assertProblem(http.get("orders?status=LOST", admin), 400, "validation");
        assertProblem(http.get("orders?since=2026-12-02&until=2026-12-01", admin), 400, "validation");

        String refused = souk.consoleError("souk:orders --since yesterday");
        assertTrue(refused, refused.contains("since: 'yesterday' is neither a date (2026-12-01, UTC) nor an instant"));
    }

    @Test
    public void aClientsFiltersNeverShowSomeoneElsesOrdersAndSearchingIsForAdministrators() throws Exception {
        assertEquals(List.of(o3, o1), ids("", tokenA));
        assertEquals(List.of(), ids("client=" + clientB, tokenA));
        assertEquals(List.of(o1), ids("gig=" + gig1, tokenA));
        assertProblem(http.get("orders?q=" + o2, tokenA), 403, "forbidden");
        assertProblem(http.get("orders?q=" + o2, tokenB), 403, "forbidden");
    }

    @Test
    public void findNamesAnOrderByEachKindOfKeyAndSaysHow() throws Exception {
        Reply payment = http.get("orders/" + o3 + "/payment", tokenA);
        String paymentId = payment.at("/id");
        String reference = payment.at("/attempts/0/gatewayReference");
        assertNotNull(payment.toString(), reference);

        assertFound("souk:find " + o1, o1, "order id");
        assertFound("souk:find " + paymentId, o3, "payment id");
        assertFound("souk:find " + reference, o3, "gateway reference");
        assertFound("souk:find " + clientA, o3, "client");
        assertFound("souk:find " + clientA + "@example.ma", o1, "client");
        assertFound("souk:find " + freelancer, o2, "freelancer");
        String byClient = console("souk:find " + clientA);
        assertFalse(byClient, byClient.contains(o2));

        String nothing = console("souk:find nothing-" + suffix);
        assertTrue(nothing, nothing.contains("Nothing found for 'nothing-" + suffix + "'"));

        Reply found = http.get("orders?q=" + URLEncoder.encode(reference, StandardCharsets.UTF_8), admin);
        assertEquals(found.toString(), 200, found.status());
        assertEquals(found.toString(), o3, found.at("/items/0/id"));
        assertEquals(found.toString(), "gateway reference", found.at("/matches/0/match"));
        JsonNode byUser = http.get("orders?q=" + clientA + "&status=PENDING", admin).json();
        assertEquals(byUser.toString(), 1, byUser.get("items").size());
        assertEquals(byUser.toString(), "client", byUser.get("matches").get(0).get("match").asText());
        assertEquals(0, http.get("orders?q=nothing-" + suffix, admin).json().get("items").size());
        // An ordinary list says nothing of matches.
        assertTrue(http.get("orders?limit=1", admin).json().get("matches").isNull());
    }

    private void assertFound(String command, String orderId, String how) throws Exception {
        String said = console(command);
        String line = said.lines().filter(l -> l.contains(orderId)).findFirst().orElse("");
        assertTrue(said, line.contains(how));
    }
}
