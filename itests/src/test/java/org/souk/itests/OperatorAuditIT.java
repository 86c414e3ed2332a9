package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
 * Who did what: administrators' changes, from the console (as the Karaf user) and over REST (as the token's
 * subject), are listed by souk:audit and GET /api/v1/audit newest first with their reason and outcome; a change
 * that was refused leaves no entry, and money does not move without a reason.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OperatorAuditIT extends SoukTestSupport {

    private static final String GIG = "{\"title\":\"Audit %s\",\"description\":\"Audited work\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One\",\"price\":\"90.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PDF\"]}]}";

    private String adminSubject;
    private String admin;
    private String client;
    private String freelancer;
    private String gig;

    @Before
    public void aGigAndItsParties() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        adminSubject = "audit-nadia-" + suffix;
        admin = token(adminSubject, "admin");
        client = token("audit-amina-" + suffix, "client");
        freelancer = token("audit-farid-" + suffix, "freelancer");
        gig = souk.createGig(freelancer, String.format(GIG, suffix));
    }

    private String paidOrder() {
        String id = souk.placedOrder(client, gig, "audited");
        souk.paid(id, client);
        return id;
    }

    private JsonNode audit(String query, String token) {
        Reply page = http.get("audit?" + query, token);
        assertEquals(page.toString(), 200, page.status());
        return page.json().get("items");
    }

    @Test
    public void consoleAndRestChangesAreListedWithTheirUserAndReasonNewestFirst() throws Exception {
        String byConsole = paidOrder();
        String byRest = paidOrder();
        String said = console("souk:order-cancel " + byConsole + " POLICY_VIOLATION \"Counterfeit goods\"");
        assertTrue(said, said.contains("CANCELLED"));
        Reply cancelled = http.post("orders/" + byRest + "/cancel", admin, "{\"reason\":\"POLICY_VIOLATION\",\"note\":\"Duplicate listing\"}");
        assertEquals(cancelled.toString(), 200, cancelled.status());

        String listed = console("souk:audit --order " + byConsole);
        assertTrue(listed, listed.contains("order.cancel") && listed.contains("itest-admin") && listed.contains("Counterfeit goods"));
        assertTrue(listed, listed.contains("1 of 1 entry(ies)"));

        JsonNode rest = audit("order=" + byRest, admin);
        assertEquals(rest.toString(), 1, rest.size());
        assertEquals(adminSubject, rest.get(0).get("actor").asText());
        assertEquals("order.cancel", rest.get(0).get("action").asText());
        assertEquals(byRest, rest.get(0).get("target").asText());
        assertTrue(rest.toString(), rest.get(0).get("reason").asText().contains("Duplicate listing"));
        assertTrue(rest.toString(), rest.get(0).get("outcome").asText().contains("CANCELLED"));
        assertEquals(byRest, audit("user=" + adminSubject, admin).get(0).get("orderId").asText());

        List<String> newestFirst = new ArrayList<>();
        audit("limit=100", admin).forEach(e -> newestFirst.add(e.get("orderId").asText()));
        assertTrue(newestFirst.toString(), newestFirst.indexOf(byRest) >= 0
                && newestFirst.indexOf(byRest) < newestFirst.indexOf(byConsole));
        String byUser = console("souk:audit --user " + adminSubject);
        assertTrue(byUser, byUser.contains(byRest) && !byUser.contains(byConsole));

        // A refused change leaves no entry: the order is cancelled already.
        Reply again = http.post("orders/" + byRest + "/cancel", admin, "{\"reason\":\"POLICY_VIOLATION\",\"note\":\"Again\"}");
        assertEquals(again.toString(), 409, again.status());
        assertEquals(1, audit("order=" + byRest, admin).size());
        assertTrue(souk.consoleError("souk:audit -n 0").contains("max: must be from 1 to 100"));
    }

    @Test
    public void theTrailOverRestIsForAdministratorsOnly() throws Exception {
        assertProblem(http.get("audit", client), 403, "forbidden");
        assertProblem(http.get("audit?order=x", freelancer), 403, "forbidden");
        assertProblem(http.get("audit?limit=0", admin), 400, "validation");
    }

    @Test
    public void aRefundWithoutAReasonIsRefusedAndChangesNothing() throws Exception {
        String id = paidOrder();
        assertEquals(200, http.postEmpty("orders/" + id + "/accept", freelancer).status());
        assertEquals(200, http.post("orders/" + id + "/deliveries", freelancer, "{\"note\":\"Here it is\"}").status());
        assertEquals(200, http.postEmpty("orders/" + id + "/complete", client).status());

        for (String body : List.of("{\"amount\":{\"amount\":\"10.00\"}}", "{\"amount\":{\"amount\":\"10.00\"},\"reason\":\"   \"}")) {
            Reply refused = http.post("orders/" + id + "/refunds", admin, body);
            assertProblem(refused, 400, "validation");
            assertEquals(refused.toString(), "reason", refused.at("/errors/0/field"));
        }
        assertEquals(0, http.get("orders/" + id, admin).json().get("refunds").size());
        assertEquals(0, audit("order=" + id, admin).size());

        Reply refunded = http.post("orders/" + id + "/refunds", admin, "{\"amount\":{\"amount\":\"10.00\"},\"reason\":\"Late by a day\"}");
        assertEquals(refunded.toString(), 201, refunded.status());
        JsonNode entries = audit("order=" + id, admin);
        assertEquals(entries.toString(), 1, entries.size());
        assertEquals("order.refund", entries.get(0).get("action").asText());
        assertEquals("Late by a day", entries.get(0).get("reason").asText());
        assertTrue(entries.toString(), entries.get(0).get("outcome").asText().contains(refunded.at("/id")));
    }
}
