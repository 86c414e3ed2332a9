package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a frontend branches on when the API refuses: a stable {@code code} in every problem, and a
 * {@code detail} in the caller's language (English, French or Arabic) named by {@code Content-Language}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ProblemCodesIT extends SoukTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GIG = "{\"title\":\"Menu design\",\"description\":\"A menu for your restaurant\",\"packages\":["
            + "{\"tier\":\"BASIC\",\"title\":\"One page\",\"price\":\"250.00\",\"deliveryDays\":3,\"revisions\":1,\"deliverables\":[\"PDF\"]}]}";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private String freelancer;
    private String buyer;

    /** A problem as it reached the caller: its body and the language it says it is in. */
    private record Problem(int status, String contentType, String contentLanguage, JsonNode body) {
        String at(String pointer) {
            return body.at(pointer).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + contentLanguage + " " + body;
        }
    }

    @Before
    public void users() throws Exception {
        base = "http://localhost:" + httpPort() + "/api/v1/";
        freelancer = token("ghita", "freelancer");
        buyer = token("hicham", "client");
    }

    private Problem post(String path, String token, String json, String acceptLanguage) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        try {
            HttpResponse<String> r = ContractCheck.send(client, request.build());
            return new Problem(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Content-Language").orElse(null), JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertCode(Problem problem, int status, String code, String language) {
        assertEquals(problem.toString(), status, problem.status());
        assertTrue(problem.toString(), problem.contentType().startsWith("application/problem+json"));
        assertEquals(problem.toString(), code, problem.at("/code"));
        assertEquals(problem.toString(), "urn:souk:problem:" + code.replace('_', '-'), problem.at("/type"));
        assertEquals(problem.toString(), language, problem.contentLanguage());
    }

    @Test
    public void aValidationErrorHasItsCodeInEveryLanguage() {
        Problem english = post("orders", buyer, "{\"package\":\"BASIC\"}", null);
        assertCode(english, 400, "validation", "en");
        assertTrue(english.toString(), english.body().get("errors").findValuesAsText("field").contains("gigId"));
        assertTrue(english.toString(), english.at("/detail").startsWith("Invalid request: "));

        Problem french = post("orders", buyer, "{\"package\":\"BASIC\"}", "fr-MA, en;q=0.5");
        assertCode(french, 400, "validation", "fr");
        assertEquals("La requête est invalide ; chaque champ en cause est indiqué dans errors.", french.at("/detail"));
        assertEquals("the fields stay as they are", english.body().get("errors"), french.body().get("errors"));

        Problem arabic = post("orders", buyer, "{\"package\":\"BASIC\"}", "ar");
        assertCode(arabic, 400, "validation", "ar");
        assertEquals("الطلب غير صالح؛ كل حقل مخالف مذكور في errors.", arabic.at("/detail"));
    }

    @Test
    public void revisionsExhaustedThenPayingACompletedOrder() {
        String orderId = souk.placedOrder(buyer, souk.createGig(freelancer, GIG), "Lunch");
        String pay = "{\"method\":\"sandbox.card\",\"details\":{\"cardNumber\":\"4242424242424242\"}}";
        souk.paid(orderId, buyer);
        assertEquals("IN_PROGRESS", http.post("orders/" + orderId + "/accept", freelancer, null).at("/stage"));
        String deliveries = "orders/" + orderId + "/deliveries";
        String revisions = "orders/" + orderId + "/revisions";
        assertEquals("DELIVERED", http.post(deliveries, freelancer, "{\"note\":\"v1\"}").at("/stage"));
        assertEquals("IN_PROGRESS", http.post(revisions, buyer, "{\"note\":\"Bigger prices\"}").at("/stage"));
        assertEquals("DELIVERED", http.post(deliveries, freelancer, "{\"note\":\"v2\"}").at("/stage"));

        // The package had one revision: no more, whatever the language.
        Problem exhausted = post(revisions, buyer, "{\"note\":\"Smaller prices\"}", "fr");
        assertCode(exhausted, 409, "revisions_exhausted", "fr");
        assertEquals("Les révisions prévues par la formule sont épuisées.", exhausted.at("/detail"));
        Problem arabic = post(revisions, buyer, "{\"note\":\"Smaller prices\"}", "ar-MA");
        assertCode(arabic, 409, "revisions_exhausted", "ar");
        assertEquals("استُنفدت المراجعات التي تتضمنها الباقة.", arabic.at("/detail"));
        Problem unknown = post(revisions, buyer, "{\"note\":\"Smaller prices\"}", "de-DE, es;q=0.5");
        assertCode(unknown, 409, "revisions_exhausted", "en");
        assertTrue(unknown.toString(), unknown.at("/detail").toLowerCase().contains("revision"));

        assertEquals("COMPLETED", http.post("orders/" + orderId + "/complete", buyer, null).at("/status"));
        Problem paidAgain = post("orders/" + orderId + "/payment", buyer, pay, null);
        assertCode(paidAgain, 409, "order_not_pending", "en");
        assertTrue(paidAgain.toString(), paidAgain.at("/detail").contains("COMPLETED")
                && paidAgain.at("/detail").contains("only a PENDING order can be paid"));
        Problem french = post("orders/" + orderId + "/payment", buyer, pay, "fr");
        assertCode(french, 409, "order_not_pending", "fr");
        assertTrue(french.toString(), french.at("/detail").startsWith("Seule une commande en attente peut être payée"));
        assertEquals("nothing was paid twice", 1, http.get("orders/" + orderId, buyer).json().get("payment")
                .get("attempts").size());
    }
}
