package org.souk.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import javax.ws.rs.NotFoundException;
import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

/** The Swagger UI files the bundle holds: the page pointing at the API's description, and nothing more. */
class ApiDocsResourceTest {

    private final ApiDocsResource docs = new ApiDocsResource();

    @Test
    void thePageLoadsSwaggerUiFromThisNodeAndReadsTheApiDescription() {
        Response page = docs.page();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getMediaType().toString()).startsWith("text/html");
        String html = new String((byte[]) page.getEntity(), StandardCharsets.UTF_8);
        assertThat(html).contains("/api/docs/swagger-ui-bundle.js", "/api/docs/swagger-ui.css").doesNotContain("://");
        String init = new String((byte[]) docs.file("swagger-initializer.js").getEntity(), StandardCharsets.UTF_8);
        assertThat(init).contains("\"/api/v1/openapi.json\"");
    }

    @Test
    void everyListedFileIsInTheBundle() {
        for (String file : ApiDocsResource.FILES.keySet()) {
            Response answer = docs.file(file);
            assertThat(answer.getStatus()).as(file).isEqualTo(200);
            assertThat((byte[]) answer.getEntity()).as(file).isNotEmpty();
            assertThat(answer.getMediaType()).as(file).isEqualTo(javax.ws.rs.core.MediaType.valueOf(ApiDocsResource.FILES.get(file)));
        }
        assertThat(new String((byte[]) docs.file("swagger-ui-bundle.js").getEntity(), StandardCharsets.UTF_8))
                .contains("SwaggerUIBundle");
    }

    @Test
    void nothingElseIsServed() {
        for (String other : new String[] {"openapi.json", "..%2Fproblems.properties", "ApiDocsResource.class",
                "swagger-ui-bundle.js.LICENSE.txt"}) {
            assertThatThrownBy(() -> docs.file(other)).as(other).isInstanceOf(NotFoundException.class);
        }
    }
}
