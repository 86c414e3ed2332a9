package org.souk.provider.paypal.internal;

import static org.souk.provider.paypal.internal.PayPalJson.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a webhook must look like before PayPal is asked to verify it, checked without any call: the
 * transmission headers as PayPal sends them (its algorithm, its certificate hosts over https, a transmission
 * time near now, ids of a sane shape) and an event with an id and a type of a sane shape.
 */
final class WebhookShape {

    static final String H_ALGO = "PAYPAL-AUTH-ALGO";
    static final String H_CERT = "PAYPAL-CERT-URL";
    static final String H_ID = "PAYPAL-TRANSMISSION-ID";
    static final String H_SIG = "PAYPAL-TRANSMISSION-SIG";
    static final String H_TIME = "PAYPAL-TRANSMISSION-TIME";
    /** The algorithm PayPal signs webhooks with; nothing else is passed on for verification. */
    static final String AUTH_ALGO = "SHA256withRSA";
    private static final Pattern TRANSMISSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9+/]{16,2048}={0,2}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int MAX_CERT_URL = 512;

    /** The transmission headers of a webhook, trimmed, in the order PayPal's verification names them. */
    record Transmission(String algo, String certUrl, String id, String signature, String time) {
    }

    private final Settings.Webhooks limits;
    private final Clock clock;

    WebhookShape(Settings.Webhooks limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** The five transmission headers; a missing or blank one refuses the webhook. */
    static Transmission headers(WebhookRequest request) throws WebhookRejectedException {
        String[] names = {H_ALGO, H_CERT, H_ID, H_SIG, H_TIME};
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = request.header(names[i]);
            if (values[i] == null || values[i].isBlank()) {
                throw new WebhookRejectedException("missing " + names[i] + " header");
            }
            values[i] = values[i].trim();
        }
        return new Transmission(values[0], values[1], values[2], values[3], values[4]);
    }

    /** The transmission headers as PayPal sends them, checked without asking anyone; returns the transmission time. */
    Instant checkTransmission(Transmission t) throws WebhookRejectedException {
        String algo = t.algo();
        String certUrl = t.certUrl();
        String transmissionId = t.id();
        String signature = t.signature();
        String time = t.time();
        if (!AUTH_ALGO.equals(algo)) {
            throw new WebhookRejectedException(H_ALGO + " must be " + AUTH_ALGO);
        }
        URI cert;
        try {
            cert = certUrl.length() > MAX_CERT_URL ? null : new URI(certUrl);
        } catch (URISyntaxException e) {
            cert = null;
        }
        if (cert == null || !"https".equalsIgnoreCase(cert.getScheme()) || cert.getRawUserInfo() != null
                || (cert.getPort() != -1 && cert.getPort() != 443) || !limits.allowsCertHost(cert.getHost())) {
            throw new WebhookRejectedException(H_CERT + " must be an https URL on " + String.join(" or ",
                    limits.certHosts()));
        }
        if (!TRANSMISSION_ID.matcher(transmissionId).matches()) {
            throw new WebhookRejectedException(H_ID + " must be 1 to 64 letters, digits, '-' or '_'");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new WebhookRejectedException(H_SIG + " must be a base64 signature");
        }
        Instant sent;
        try {
            sent = OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(H_TIME + " must be an ISO-8601 time such as 2024-05-02T10:01:02Z");
        }
        Duration window = limits.timeWindow();
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(window)) || sent.isAfter(now.plus(window))) {
            throw new WebhookRejectedException(H_TIME + " is more than " + window.toSeconds() + " s away from now");
        }
        return sent;
    }

    /** An event PayPal could have sent: an id and a type of a sane shape. */
    static void checkEvent(JsonNode event) throws WebhookRejectedException {
        String id = text(event.path("id"));
        if (id == null) {
            throw new WebhookRejectedException("'id' is required");
        }
        if (!EVENT_ID.matcher(id).matches()) {
            throw new WebhookRejectedException("'id' must be 1 to 100 letters, digits, '.', '-' or '_'");
        }
        String type = text(event.path("event_type"));
        if (type == null) {
            throw new WebhookRejectedException("'event_type' is required");
        }
        if (!EVENT_TYPE.matcher(type).matches()) {
            throw new WebhookRejectedException("'event_type' must be 1 to 100 letters, digits, '.', '-' or '_'");
        }
    }

}
