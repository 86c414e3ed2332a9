package org.souk.provider.paypal.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.paypal.internal.PayPalApi.CredentialsRejected;
import org.souk.provider.paypal.internal.PayPalApi.Reply;
import org.souk.provider.paypal.internal.WebhookShape.Transmission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/** PayPal's webhooks, verified by PayPal itself ({@code verify-webhook-signature}) within the configured limits. */
final class WebhookVerifier {

    /** Logs under the provider's name, where an operator looks for PayPal's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(PayPalProvider.class);
    /** Webhook bodies: one JSON value and nothing after it, since the body is passed on verbatim. */
    private static final ObjectReader STRICT = PayPalApi.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /**
     * The event types Souk acts on, and the only ones verified: each settles or fails a payment, or (an approval)
     * has the payment looked up at once, which captures it. Any other type would change nothing in Souk even
     * if genuine, so it is acknowledged as ignored without asking PayPal, which would cost its quota for nothing,
     * and without its event id: a type that is not verified must leave no trace (not even its event id, which
     * a genuine event might carry later).
     */
    static final Set<String> EVENT_TYPES = Set.of("PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED",
            "PAYMENT.CAPTURE.DECLINED", "CHECKOUT.ORDER.APPROVED");
    private static final String EVENT_TYPE_LIST = String.join(", ", new TreeSet<>(EVENT_TYPES));

    private final Settings settings;
    /** {@code paypal}, or {@code paypal-<account>}. */
    private final String id;
    private final PayPalApi api;
    private final WebhookShape shape;
    /** Verifications with PayPal under way; a webhook beyond the cap is refused at once, not queued. */
    private final Semaphore verifications;
    /** Verifications that may start from now on: {@code webhook.verifications.per.minute}, refilled continuously. */
    private final VerificationAllowance allowance;
    /** Transmissions PayPal refused, refused again here without asking. */
    private final RefusedTransmissions refused;

    WebhookVerifier(Settings settings, String id, PayPalApi api, Clock clock) {
        this.settings = settings;
        this.id = id;
        this.api = api;
        this.shape = new WebhookShape(settings.webhooks(), clock);
        this.verifications = new Semaphore(settings.webhooks().maxConcurrentVerifications());
        this.allowance = new VerificationAllowance(settings.webhooks().verificationsPerMinute(), clock);
        this.refused = new RefusedTransmissions(settings.webhooks().refusedCacheSize(), clock);
    }

    /**
     * Has PayPal verify the webhook ({@code verify-webhook-signature}) with the transmission headers, the
     * configured webhook id and the body, passed on byte for byte so that PayPal checks what it signed.
     * Anything short of {@code SUCCESS} is refused, as is a webhook that cannot be checked.
     *
     * <p>Asking PayPal costs the merchant's API quota and a thread for the length of the call, and anyone can
     * post to the webhook endpoint. So a webhook is first checked here, without any call: the headers must be
     * what PayPal sends (its algorithm, its certificate hosts over https, a transmission time near now, ids of
     * a sane shape) and the body a JSON event with an id and a type Souk acts on ({@link #EVENT_TYPES}; any other
     * is refused unverified, since it would change nothing). A transmission PayPal already refused is refused
     * again without asking. Then at most {@code webhook.verifications.per.minute} verifications start per minute
     * and at most {@code webhook.max.verifications} are under way at once, each bounded by
     * {@code webhook.verify.timeout.ms}, token included; a webhook beyond either limit is refused at once, and
     * PayPal, which redelivers with backoff, retries it (look-ups settle payments meanwhile).
     */
    WebhookEvent verify(WebhookRequest request) throws WebhookRejectedException {
        Transmission transmission = WebhookShape.headers(request);
        if (settings.webhookId() == null) {
            LOG.warn("{}: a PayPal webhook was refused because webhook.id is not configured", id);
            throw new WebhookRejectedException("no webhook.id configured to verify against");
        }
        Instant sent = shape.checkTransmission(transmission);
        JsonNode event;
        try {
            event = STRICT.readTree(request.body());
        } catch (IOException e) {
            throw new WebhookRejectedException("the body is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new WebhookRejectedException("the body is not a JSON object");
        }
        WebhookShape.checkEvent(event);
        String type = PayPalJson.text(event.path("event_type"));
        if (!EVENT_TYPES.contains(type)) {
            // Changes nothing in Souk even if genuine: not worth a call to PayPal. Acknowledged (PayPal disables an
            // endpoint that keeps failing) and ignored without its event id, so that nothing unverified is recorded.
            LOG.debug("A PayPal webhook of type {} is ignored unverified: Souk does not act on it", type);
            return WebhookEvent.ignored(null, "event type " + type + " is not one Souk acts on; subscribe the webhook to "
                    + EVENT_TYPE_LIST + " only");
        }
        ObjectNode verification = PayPalApi.JSON.createObjectNode();
        verification.put("auth_algo", transmission.algo());
        verification.put("cert_url", transmission.certUrl());
        verification.put("transmission_id", transmission.id());
        verification.put("transmission_sig", transmission.signature());
        verification.put("transmission_time", transmission.time());
        verification.put("webhook_id", settings.webhookId());
        verification.putRawValue("webhook_event", new RawValue(new String(request.body(), StandardCharsets.UTF_8)));
        String json;
        try {
            json = PayPalApi.JSON.writeValueAsString(verification);
        } catch (JsonProcessingException e) {
            throw new WebhookRejectedException("the body cannot be passed on");
        }
        if (refused.contains(json)) {
            throw new WebhookRejectedException("PayPal already refused transmission " + transmission.id() + "; not asked again");
        }
        if (!verifications.tryAcquire()) {
            LOG.debug("A PayPal webhook was refused: {} verifications already under way",
                    settings.webhooks().maxConcurrentVerifications());
            throw new WebhookRejectedException("too many webhook verifications under way ("
                    + settings.webhooks().maxConcurrentVerifications() + "); retry later");
        }
        Reply reply;
        try {
            if (!allowance.tryTake()) {
                LOG.debug("A PayPal webhook was refused: {} verifications per minute already spent", allowance.perMinute());
                throw new WebhookRejectedException("too many webhook verifications (at most " + allowance.perMinute()
                        + " per minute); retry later");
            }
            reply = api.post("/v1/notifications/verify-webhook-signature", json, null, settings.webhooks().verifyTimeout());
        } catch (CredentialsRejected e) {
            throw new WebhookRejectedException("cannot verify: " + e.getMessage());
        } catch (IOException e) {
            LOG.debug("Verifying a PayPal webhook failed: {}", PayPalApi.describe(e));
            throw new WebhookRejectedException("cannot verify: PayPal did not answer (" + PayPalApi.describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookRejectedException("cannot verify: interrupted");
        } finally {
            verifications.release();
        }
        Instant stale = sent.plus(settings.webhooks().timeWindow()); // refused for its time from then on
        if (!reply.ok()) {
            if (reply.status() == 400 || reply.status() == 422) {
                refused.add(json, stale); // PayPal refused the request itself: the same one gets the same answer
            }
            throw new WebhookRejectedException("cannot verify: PayPal answered " + reply.status() + " (" + reply.error() + ")");
        }
        String verdict = reply.body().path("verification_status").asText("");
        if (!"SUCCESS".equals(verdict)) {
            refused.add(json, stale);
            throw new WebhookRejectedException("PayPal did not verify the signature (" + (verdict.isBlank() ? "no verdict" : verdict) + ")");
        }
        return WebhookEvents.read(event);
    }
}
