package org.souk.provider.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
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
 * A small, correct provider with its gateway in memory, for the kit's own tests: it passes every check, and
 * each way of breaking it (a subclass overriding one method) must make one check fail. Webhook bodies are
 * {@code eventId|reference|status}, signed with HMAC-SHA256 in {@value #SIGNATURE}.
 */
class ReferenceProvider implements PaymentProvider {

    static final String METHOD = "reference.card";
    static final String TOKEN = "token";
    static final String SIGNATURE = "X-Reference-Signature";

    /** What the in-memory gateway knows about one payment. */
    static final class Charge {
        final String paymentId;
        final Money amount;
        volatile ProviderStatus status = ProviderStatus.PENDING;
        long refunded;
        final Map<String, RefundResult> refundsByKey = new ConcurrentHashMap<>();

        Charge(String paymentId, Money amount) {
            this.paymentId = paymentId;
            this.amount = amount;
        }
    }

    final HmacSignature signature = new HmacSignature("reference-secret");
    final Map<String, Charge> charges = new ConcurrentHashMap<>();
    volatile boolean unresponsive;

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public String displayName() {
        return "Reference";
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(new PaymentMethod(METHOD, "Card", MethodType.CARD));
    }

    @Override
    public Set<String> currencies() {
        return Set.of("MAD", "EUR");
    }

    @Override
    public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
        String token = details.get(TOKEN);
        return token == null || token.isBlank() ? List.of(new FieldError("details." + TOKEN, "is required")) : List.of();
    }

    @Override
    public ProviderResult initiate(PaymentRequest request) {
        if (unresponsive) {
            return ProviderResult.unknown("no answer");
        }
        String reference = reference(request);
        charges.computeIfAbsent(reference, r -> new Charge(request.paymentId(), request.amount()));
        return ProviderResult.pending(reference, null);
    }

    String reference(PaymentRequest request) {
        return "ref_" + request.idempotencyKey();
    }

    /** The customer paid at the gateway. */
    void complete(String reference) {
        charges.get(reference).status = ProviderStatus.PROCESSED;
    }

    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        if (unresponsive) {
            return ProviderResult.unknown("no answer");
        }
        Charge charge = charges.get(lookup.gatewayReference());
        if (charge == null) {
            return ProviderResult.unknown("no payment " + lookup.gatewayReference());
        }
        if (!belongs(charge, lookup)) {
            return new ProviderResult(ProviderStatus.UNKNOWN, lookup.gatewayReference(), "mismatch", null);
        }
        return new ProviderResult(charge.status, lookup.gatewayReference(), null, null);
    }

    boolean belongs(Charge charge, PaymentLookup lookup) {
        return charge.paymentId.equals(lookup.paymentId()) && charge.amount.equals(lookup.amount());
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        Charge charge = charges.get(request.gatewayReference());
        if (charge == null || charge.status != ProviderStatus.PROCESSED) {
            return new RefundResult(RefundResult.Status.FAILED, null, "nothing captured");
        }
        synchronized (charge) {
            RefundResult earlier = charge.refundsByKey.get(request.idempotencyKey());
            if (earlier != null) {
                return earlier;
            }
            if (!allows(charge, request.amount())) {
                return new RefundResult(RefundResult.Status.FAILED, null, "more than is left to refund");
            }
            charge.refunded += request.amount().minor();
            RefundResult done = new RefundResult(RefundResult.Status.SUCCEEDED,
                    "rf_" + request.idempotencyKey(), null);
            charge.refundsByKey.put(request.idempotencyKey(), done);
            return done;
        }
    }

    boolean allows(Charge charge, Money amount) {
        return charge.amount.currency().equals(amount.currency()) && charge.refunded + amount.minor() <= charge.amount.minor();
    }

    @Override
    public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
        if (!signature.matches(request.body(), request.header(SIGNATURE))) {
            throw new WebhookRejectedException("bad signature");
        }
        String[] parts = new String(request.body(), StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 3) {
            throw new WebhookRejectedException("malformed");
        }
        Charge charge = charges.get(parts[1]);
        return new WebhookEvent(eventId(parts[0], parts[1]), null, parts[1], ProviderStatus.valueOf(parts[2]),
                charge == null ? null : charge.amount);
    }

    String eventId(String id, String reference) {
        return id;
    }

    /** A webhook as the gateway would sign it. */
    WebhookRequest webhook(String eventId, String reference, ProviderStatus status) {
        byte[] body = (eventId + "|" + reference + "|" + status).getBytes(StandardCharsets.UTF_8);
        return new WebhookRequest(Map.of(SIGNATURE, List.of(signature.sign(body))), body);
    }
}
