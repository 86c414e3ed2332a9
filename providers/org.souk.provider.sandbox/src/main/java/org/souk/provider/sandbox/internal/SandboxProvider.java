package org.souk.provider.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;


import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.souk.gateway.spi.HmacSignature;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

/**
 * A gateway simulator for demos and tests: the card number decides the outcome, and a "pending" card
 * waits for a webhook signed with HMAC-SHA256 under the configured secret. Its state lives in memory:
 * it is a simulator, not a bank.
 */
@Component(configurationPid = SandboxProvider.PID)
@Designate(ocd = SandboxProvider.Config.class)
public class SandboxProvider implements PaymentProvider {

    static final String PID = "org.souk.provider.sandbox";
    static final String ID = "sandbox";
    static final String METHOD = "sandbox.card";
    static final String CARD_DETAIL = "cardNumber";
    static final String SIGNATURE_HEADER = "X-Sandbox-Signature";

    static final String SUCCESS_CARD = "4242424242424242";
    static final String DECLINE_CARD = "4000000000000002";
    static final String INSUFFICIENT_FUNDS_CARD = "4000000000009995";
    static final String PENDING_CARD = "4000000000000259";
    /** Pending at first; the status look-up says it succeeded, as when the gateway's webhook got lost. */
    static final String LOOKUP_SUCCESS_CARD = "4000000000003063";

    @ObjectClassDefinition(name = "Souk sandbox payment provider")
    public @interface Config {
        @AttributeDefinition(name = "Webhook secret", description = "Key of the HMAC-SHA256 in X-Sandbox-Signature",
                type = AttributeType.PASSWORD)
        String _webhook_secret() default "sandbox-webhook-secret";
    }

    private final HmacSignature webhookSignature;
    /** Outcome per gateway reference, so that initiation is idempotent and look-ups agree with webhooks. */
    private final Map<String, ProviderStatus> outcomes = new ConcurrentHashMap<>();
    /** References whose payment the gateway completed without telling Souk: a look-up finds them paid. */
    private final Set<String> completedSilently = ConcurrentHashMap.newKeySet();

    @Activate
    public SandboxProvider(Config config) {
        this(config._webhook_secret());
    }

    SandboxProvider(String webhookSecret) {
        this.webhookSignature = new HmacSignature(webhookSecret);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Sandbox (test cards)";
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(new PaymentMethod(METHOD, "Test card", MethodType.CARD));
    }

    @Override
    public Set<String> currencies() {
        return Set.of("MAD", "EUR", "USD");
    }

    @Override
    public ProviderResult initiate(PaymentRequest request) {
        String reference = "sbx_" + request.idempotencyKey();
        ProviderStatus outcome = outcomes.computeIfAbsent(reference, r -> outcomeOf(request.detail(CARD_DETAIL)));
        if (LOOKUP_SUCCESS_CARD.equals(digits(request.detail(CARD_DETAIL)))) {
            completedSilently.add(reference);
        }
        return result(reference, outcome, request.detail(CARD_DETAIL));
    }

    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        String reference = lookup.gatewayReference() != null ? lookup.gatewayReference() : "sbx_" + lookup.paymentId();
        if (completedSilently.remove(reference)) {
            outcomes.computeIfPresent(reference, (r, current) -> current == ProviderStatus.PENDING ? ProviderStatus.PROCESSED : current);
        }
        ProviderStatus outcome = outcomes.get(reference);
        return outcome == null ? ProviderResult.unknown("the sandbox has no payment " + reference)
                : result(reference, outcome, null);
    }

    /** Refunds what the sandbox captured; it keeps no record across restarts, as said above. */
    @Override
    public RefundResult refund(RefundRequest request) {
        if (outcomes.get(request.gatewayReference() == null ? "" : request.gatewayReference()) != ProviderStatus.PROCESSED) {
            return new RefundResult(RefundResult.Status.FAILED, null, "the sandbox captured nothing under " + request.gatewayReference());
        }
        return new RefundResult(RefundResult.Status.SUCCEEDED, "sbx_refund_" + request.idempotencyKey(), null);
    }

    @Override
    public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
        String signature = request.header(SIGNATURE_HEADER);
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejectedException("missing " + SIGNATURE_HEADER + " header");
        }
        if (!webhookSignature.matches(request.body(), signature)) {
            throw new WebhookRejectedException("signature does not match the body");
        }
        Map<String, String> event = FlatJson.parse(new String(request.body(), StandardCharsets.UTF_8));
        String id = event.get("id");
        String reference = event.get("reference");
        String status = event.get("status");
        if (id == null || reference == null || status == null) {
            throw new WebhookRejectedException("an event needs id, reference and status");
        }
        ProviderStatus outcome = switch (status) {
            case "succeeded" -> ProviderStatus.PROCESSED;
            case "failed" -> ProviderStatus.ERROR;
            case "pending" -> ProviderStatus.PENDING; // e.g. the customer finished 3-D Secure; a look-up follows
            default -> throw new WebhookRejectedException("status must be succeeded, failed or pending");
        };
        outcomes.computeIfPresent(reference, (r, current) -> current == ProviderStatus.PENDING ? outcome : current);
        return new WebhookEvent(id, null, reference, outcome, null);
    }

    /** The signature the sandbox expects on a webhook with this body, as lowercase hex. */
    String sign(byte[] body) {
        return webhookSignature.sign(body);
    }


    private static String digits(String card) {
        return card == null ? "" : card.replaceAll("[\\s-]", "");
    }

    private static ProviderStatus outcomeOf(String card) {
        return switch (digits(card)) {
            case SUCCESS_CARD -> ProviderStatus.PROCESSED;
            case PENDING_CARD, LOOKUP_SUCCESS_CARD -> ProviderStatus.PENDING;
            default -> ProviderStatus.ERROR;
        };
    }

    private static ProviderResult result(String reference, ProviderStatus outcome, String card) {
        return switch (outcome) {
            case PROCESSED -> ProviderResult.processed(reference);
            case PENDING -> new ProviderResult(ProviderStatus.PENDING, reference,
                    "awaiting confirmation: the sandbox settles it by a signed webhook", null);
            default -> ProviderResult.error(reference, declineReason(card));
        };
    }

    private static String declineReason(String card) {
        return switch (digits(card)) {
            case DECLINE_CARD -> "card declined";
            case INSUFFICIENT_FUNDS_CARD -> "insufficient funds";
            case "" -> "card declined";
            default -> "card declined: not a sandbox test card";
        };
    }
}
