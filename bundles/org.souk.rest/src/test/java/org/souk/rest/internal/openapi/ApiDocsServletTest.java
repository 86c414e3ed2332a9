package org.souk.rest.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The Swagger UI files the bundle holds: the page pointing at the API's description, and nothing more. */
class ApiDocsServletTest {

    @Test
    void thePageLoadsSwaggerUiFromThisNodeAndReadsTheApiDescription() throws IOException {
        assertThat(ApiDocsServlet.fileOf(null)).isEqualTo("index.html");
        assertThat(ApiDocsServlet.fileOf("/")).isEqualTo("index.html");
        String html = new String(ApiDocsServlet.read("index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui.css").doesNotContain("://");
        String init = new String(ApiDocsServlet.read("swagger-initializer.js"), StandardCharsets.UTF_8);
        assertThat(init).contains("\"/api/v1/openapi.json\"");
    }

    @Test
    void everyListedFileIsInTheBundle() throws IOException {
        for (String file : ApiDocsServlet.FILES.keySet()) {
            assertThat(ApiDocsServlet.fileOf("/" + file)).isEqualTo(file);
            assertThat(ApiDocsServlet.read(file)).as(file).isNotEmpty();
        }
        assertThat(new String(ApiDocsServlet.read("swagger-ui-bundle.js"), StandardCharsets.UTF_8)).contains("SwaggerUIBundle");
    }

    @Test
    void nothingElseIsServed() {
        for (String other : new String[] {"/openapi.json", "/../problems.properties", "/ApiDocsServlet.class",
                "/swagger-ui-bundle.js.LICENSE.txt", "/docs/index.html"}) {
            assertThat(ApiDocsServlet.fileOf(other)).as(other).isNull();
        }
    }
}
