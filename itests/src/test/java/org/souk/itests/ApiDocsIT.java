package org.souk.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API description and Swagger UI on the running distribution: /api/v1/openapi.json needs no token and
 * names the bearer scheme; /api/docs opens the page; in a real headless Chromium the page lists the
 * operations, takes a token through "Authorize", and a "Try it out" of GET /payment-methods shows the
 * sandbox's method in the response panel.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ApiDocsIT extends SoukTestSupport {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String origin;

    @Before
    public void docsArePublished() throws Exception {
        origin = "http://localhost:" + httpPort();
        // The page is its own JAX-RS application, published apart from the API that health covers.
        await("GET /api/docs", () -> get("/api/docs").statusCode() == 200);
    }

    private HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(origin + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    @Test
    public void theDescriptionNeedsNoTokenAndNamesTheBearerScheme() {
        Reply doc = http.get("openapi.json", null);
        assertEquals(doc.toString(), 200, doc.status());
        assertTrue(doc.contentType(), doc.contentType().startsWith("application/json"));
        assertTrue(doc.at("/openapi"), doc.at("/openapi").startsWith("3."));
        assertEquals("http", doc.at("/components/securitySchemes/bearer/type"));
        assertEquals("bearer", doc.at("/components/securitySchemes/bearer/scheme"));
        assertEquals("/api/v1", doc.at("/servers/0/url"));
        JsonNode payWith = doc.json().at("/paths/~1payment-methods/get");
        assertTrue(payWith.toString(), payWith.at("/security/0").has("bearer"));
        assertTrue(doc.json().at("/paths/~1orders~1{id}~1payment/post/requestBody").isObject());
        assertTrue(doc.json().at("/components/schemas/Problem/properties/code/enum").toString().contains("order_not_pending"));
        // The public calls say so: no token for health.
        JsonNode healthSecurity = doc.json().at("/paths/~1health/get/security");
        assertTrue(healthSecurity.toString(), healthSecurity.isArray() && healthSecurity.isEmpty());
    }

    @Test
    public void theDocsPageIsServedByTheNodeItself() {
        for (String path : new String[] {"/api/docs", "/api/docs/"}) {
            HttpResponse<String> page = get(path);
            assertEquals(path, 200, page.statusCode());
            assertTrue(path, page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.body(), page.body().contains("/api/docs/swagger-ui-bundle.js"));
        }
        HttpResponse<String> bundle = get("/api/docs/swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode());
        assertTrue(bundle.body().contains("SwaggerUIBundle"));
        assertTrue(get("/api/docs/swagger-initializer.js").body().contains("/api/v1/openapi.json"));
        assertEquals(404, get("/api/docs/problems.properties").statusCode());
    }

    /** The operation block of GET /payment-methods on the page. */
    private static final String PAYMENT_METHODS = "[...document.querySelectorAll('.opblock.opblock-get')].find(b => "
            + "b.querySelector('.opblock-summary-path') && b.querySelector('.opblock-summary-path').getAttribute('data-path') === '/payment-methods')";

    @Test
    public void aPersonAuthorizesAndTriesOutPaymentMethodsInABrowser() throws Exception {
        String token = token("docs-reader", "client");
        Path screenshot = Path.of(System.getProperty("karaf.base", "."), "..", "..", "api-docs.png").normalize();
        try (Chromium browser = Chromium.start()) {
            try {
                browser.navigate(origin + "/api/docs");
                awaitPage(browser, "the operations listed", "document.querySelectorAll('.opblock').length > 20");
                List<String> paths = new ArrayList<>();
                ObjectMapper json = new ObjectMapper();
                json.readTree(browser.eval("JSON.stringify([...document.querySelectorAll('.opblock-summary-path')]"
                        + ".map(e => e.getAttribute('data-path')))").asText()).forEach(p -> paths.add(p.asText()));
                assertTrue(paths.toString(), paths.containsAll(List.of("/payment-methods", "/orders", "/orders/{id}/payment",
                        "/gigs/{id}", "/withdrawals")));
                assertTrue(browser.eval("document.body.innerText").asText().contains("Souk API"));

                // Authorize: paste the token into the bearer field, as a person would.
                browser.eval("document.querySelector('.btn.authorize').click()");
                awaitPage(browser, "the Authorize dialog", "!!document.querySelector('.modal-ux input')");
                String typed = browser.eval("(() => { const input = document.querySelector('.modal-ux input');"
                        + " Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '" + token + "');"
                        + " input.dispatchEvent(new Event('input', {bubbles: true})); return input.value; })()").asText();
                assertEquals(token, typed);
                browser.eval("[...document.querySelectorAll('.modal-ux button')].find(b => b.textContent.trim() === 'Authorize').click()");
                awaitPage(browser, "the token accepted", "[...document.querySelectorAll('.modal-ux button')]"
                        + ".some(b => b.textContent.trim() === 'Logout')");
                browser.eval("document.querySelector('.modal-ux .btn-done, .modal-ux .close-modal').click()");
                awaitPage(browser, "the dialog closed", "!document.querySelector('.modal-ux')");

                // Try it out: GET /payment-methods, executed from the page.
                browser.eval("(b => (b.querySelector('.opblock-summary-control') || b.querySelector('.opblock-summary')).click())("
                        + PAYMENT_METHODS + ")");
                awaitPage(browser, "the operation opened", "!!" + PAYMENT_METHODS + ".querySelector('.try-out__btn')");
                browser.eval(PAYMENT_METHODS + ".querySelector('.try-out__btn').click()");
                awaitPage(browser, "the Execute button", "!!" + PAYMENT_METHODS + ".querySelector('.btn.execute')");
                browser.eval(PAYMENT_METHODS + ".querySelector('.btn.execute').click()");
                awaitPage(browser, "the live response", "!!" + PAYMENT_METHODS + ".querySelector('.live-responses-table')");
                String panel = browser.eval(PAYMENT_METHODS + ".querySelector('.live-responses-table').innerText").asText();
                assertTrue(panel, panel.contains("200"));
                assertTrue(panel, panel.contains("sandbox.card"));
                String curl = browser.eval(PAYMENT_METHODS + ".querySelector('.curl-command') ? "
                        + PAYMENT_METHODS + ".querySelector('.curl-command').innerText : ''").asText();
                assertTrue(curl, curl.contains("Authorization: Bearer " + token));
            } finally {
                browser.screenshot(screenshot);
            }
        }
        assertNotNull(screenshot);
    }

    private static void awaitPage(Chromium browser, String what, String condition) throws InterruptedException {
        await(what, () -> {
            try {
                return browser.eval(condition).asBoolean();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
