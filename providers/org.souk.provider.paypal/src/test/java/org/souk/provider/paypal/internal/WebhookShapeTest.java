package org.souk.provider.paypal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.paypal.internal.WebhookShape.Transmission;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The checks a webhook passes before PayPal is asked, made without any call. */
class WebhookShapeTest {

    private static final Instant NOW = Instant.parse("2024-05-02T10:00:00Z");
    private final WebhookShape shape = new WebhookShape(new Settings.Webhooks(List.of("paypal.com"),
            Duration.ofMinutes(30), 4, Duration.ofSeconds(3)), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Transmission transmission(String certUrl, String time) {
        return new Transmission(WebhookShape.AUTH_ALGO, certUrl, "8e2a-44_f", "c2lnbmF0dXJlLW9mLXBheXBhbA==", time);
    }

    private static Map<String, List<String>> headers() {
        Map<String, List<String>> h = new HashMap<>();
        h.put(WebhookShape.H_ALGO, List.of(" SHA256withRSA "));
        h.put(WebhookShape.H_CERT, List.of("https://api.paypal.com/v1/notifications/certs/CERT-1"));
        h.put(WebhookShape.H_ID, List.of("8e2a"));
        h.put(WebhookShape.H_SIG, List.of("c2lnbmF0dXJlLW9mLXBheXBhbA=="));
        h.put(WebhookShape.H_TIME, List.of("2024-05-02T10:01:02Z"));
        return h;
    }

    @Test
    void readsTheFiveTransmissionHeadersTrimmedAndRefusesAWebhookWithoutOne() throws Exception {
        Transmission t = WebhookShape.headers(new WebhookRequest(headers(), new byte[0]));
        assertThat(t.algo()).isEqualTo("SHA256withRSA");
        assertThat(t.id()).isEqualTo("8e2a");

        for (String name : headers().keySet()) {
            Map<String, List<String>> missing = headers();
            missing.put(name, List.of(" "));
            assertThatThrownBy(() -> WebhookShape.headers(new WebhookRequest(missing, new byte[0])))
                    .isInstanceOf(WebhookRejectedException.class).hasMessage("missing " + name + " header");
        }
    }

    @Test
    void acceptsPayPalsCertificateHostsOverHttpsOnlyAndATimeNearNow() throws Exception {
        assertThat(shape.checkTransmission(transmission("https://api.sandbox.paypal.com/certs/1", "2024-05-02T10:20:00Z")))
                .isEqualTo(Instant.parse("2024-05-02T10:20:00Z"));

        for (String cert : new String[] {"http://api.paypal.com/certs/1", "https://paypal.com.evil.test/certs/1",
                "https://user@api.paypal.com/certs/1", "https://api.paypal.com:8443/certs/1", "not a url"}) {
            assertThatThrownBy(() -> shape.checkTransmission(transmission(cert, "2024-05-02T10:00:00Z")))
                    .as(cert).isInstanceOf(WebhookRejectedException.class).hasMessageContaining(WebhookShape.H_CERT);
        }
        assertThatThrownBy(() -> shape.checkTransmission(transmission("https://api.paypal.com/c", "2024-05-02T10:31:00Z")))
                .hasMessageContaining("1800 s away from now");
        assertThatThrownBy(() -> shape.checkTransmission(transmission("https://api.paypal.com/c", "yesterday")))
                .hasMessageContaining(WebhookShape.H_TIME);
        assertThatThrownBy(() -> shape.checkTransmission(new Transmission("SHA1withRSA", "https://api.paypal.com/c",
                "1", "c2lnbmF0dXJlLW9mLXBheXBhbA==", "2024-05-02T10:00:00Z"))).hasMessageContaining(WebhookShape.H_ALGO);
    }

    @Test
    void anEventNeedsAnIdAndATypeOfASaneShape() throws Exception {
        ObjectMapper json = new ObjectMapper();
        WebhookShape.checkEvent(json.readTree("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}"));

        assertThatThrownBy(() -> WebhookShape.checkEvent(json.readTree("{\"event_type\":\"X\"}"))).hasMessage("'id' is required");
        assertThatThrownBy(() -> WebhookShape.checkEvent(json.readTree("{\"id\":\"a b\",\"event_type\":\"X\"}")))
                .hasMessageContaining("'id' must be");
        assertThatThrownBy(() -> WebhookShape.checkEvent(json.readTree("{\"id\":\"WH-1\"}"))).hasMessage("'event_type' is required");
    }
}
