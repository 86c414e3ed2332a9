package org.souk.rest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.rest.internal.Contexts;
import org.souk.rest.internal.RestConfigs;

class CorsFilterTest {

    private static CorsFilter filter(String origins) {
        return new CorsFilter(RestConfigs.of(Map.of("cors_allowed_origins", origins)));
    }

    @Test
    void noOriginConfiguredMeansNoCors() {
        CorsFilter none = new CorsFilter(RestConfigs.of(Map.of()));
        assertThat(none.enabled()).isFalse();
        assertThat(filter(" , ").enabled()).isFalse();
        // CXF would allow every origin on an empty list: nothing reaches it while disabled.
        Contexts.Request request = new Contexts.Request().header("Origin", "https://evil.example");
        Contexts.Answer answer = new Contexts.Answer();
        none.filter(request.context());
        none.filter(request.context(), answer.context());
        assertThat(answer.headers).isEmpty();
        assertThat(request.aborted).isNull();
    }

    @Test
    void originsAreReadAsBrowsersSendThem() {
        assertThat(CorsFilter.origins("https://app.example.com, http://localhost:3000/ ,,"))
                .containsExactly("https://app.example.com", "http://localhost:3000");
        assertThat(CorsFilter.origins("*")).containsExactly("*");
        assertThat(CorsFilter.origins("app.example.com, ftp://x, https://a.example/path")).isEmpty();
        assertThat(CorsFilter.origins(null)).isEmpty();
    }

    @Test
    void theSettingIsFollowedWithoutARestart() {
        CorsFilter cors = filter("https://app.example.com");
        assertThat(cors.enabled()).isTrue();
        assertThat(cors.getAllowOrigins()).containsExactly("https://app.example.com");
        cors.configure(RestConfigs.of(Map.of("cors_allowed_origins", "*")));
        assertThat(cors.enabled()).isTrue();
        assertThat(cors.getAllowOrigins()).as("CXF's 'any origin'").isEmpty();
        cors.configure(RestConfigs.of(Map.of("cors_allowed_origins", "")));
        assertThat(cors.enabled()).isFalse();
    }

    @Test
    void browsersMaySendTheApisHeadersAndReadItsAnswers() {
        CorsFilter cors = filter("https://app.example.com");
        assertThat(cors.getAllowHeaders()).contains("Authorization", "Content-Type", "Idempotency-Key", "If-Match",
                "X-Request-Id");
        assertThat(cors.getExposeHeaders()).contains("ETag", "Location", "X-Request-Id");
        assertThat(cors.getMaxAge()).isEqualTo(600);
        assertThat(cors.isAllowCredentials()).isFalse();
    }
}
