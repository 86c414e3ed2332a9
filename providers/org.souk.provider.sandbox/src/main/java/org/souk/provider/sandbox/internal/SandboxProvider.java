package org.souk.provider.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.annotation.bundle.Header;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.DeclineCodes;
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
@Component(configurationPid = SandboxProvider.PID, property = PaymentProvider.TEST_MODE + ":Boolean=true")
@Header(name = PaymentProvider.TEST_MODE_HEADER, value = "true")
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
    static final String EXPIRED_CARD = "4000000000000069";
    static final String PENDING_CARD = "4000000000000259";
    /** Pending at first; the status look-up says it succeeded, as when the gateway's webhook got lost. */
    static final String LOOKUP_SUCCESS_CARD = "4000000000003063";
    /** Succeeds; a refund of it is PENDING when first asked and SUCCEEDED when asked again with the same key. */
    static final String SLOW_REFUND_CARD = "4000000000005126";

    @ObjectClassDefinition(name = "Souk sandbox payment provider")
    public @interface Config {
        @AttributeDefinition(name = "Webhook secret", description = "Key of the HMAC-SHA256 in X-Sandbox-Signature",
                type = AttributeType.PASSWORD)
        String _webhook_secret() default "";
    }

    /** Card numbers have 12 to 19 digits (ISO/IEC 7812); spaces and hyphens between them are allowed. */
    static final int MIN_CARD_DIGITS = 12;
    static final int MAX_CARD_DIGITS = 19;

    /**
     * What the simulated gateway knows of one payment: whose it is, what it charged, how it ended and what
     * went back. Look-ups and webhooks answer from it, so they confirm only that payment and that amount.
     *
     * <p>The sandbox forgets its charges when it restarts (it is redeployed, say). A signed webhook about a
     * charge it forgot is taken at its word without an amount (the core confirms such a success by a look-up
     * first), and the first look-up of that reference, made for the payment Souk recorded it for, tells the
     * sandbox whose charge it was and for how much; from then on it holds to that like any other.
     */
    private static final class Charge {
        String paymentId;
        Money amount;
        ProviderStatus status;
        long refunded;
        /** The card it was charged to (its decline decides the look-up's reason), or null. */
        String card;
        final Map<String, RefundResult> refunds = new ConcurrentHashMap<>();
        /** Refunds answer PENDING first (the slow-refund card): the idempotency keys asked once so far. */
        Set<String> slowRefunds;

        Charge(String paymentId, Money amount, ProviderStatus status) {
            this.paymentId = paymentId;
            this.amount = amount;
            this.status = status;
        }

        boolean forgotten() {
            return paymentId == null;
        }
    }

    private final HmacSignature webhookSignature;
    /** The payments per gateway reference, so that initiation is idempotent and look-ups agree with webhooks. */
    private final Map<String, Charge> charges = new ConcurrentHashMap<>();
    /** References whose payment the gateway completed without telling Souk: a look-up finds them paid. */
    private final Set<String> completedSilently = ConcurrentHashMap.newKeySet();

    @Activate
    public SandboxProvider(Config config) {
        this(config._webhook_secret());
    }

    SandboxProvider(String webhookSecret) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            // bin/setenv generates one at the first start; a node without it takes no signed webhooks at all.
            throw new IllegalStateException("The sandbox needs a webhook secret (.webhook.secret in etc/" + PID + ".cfg)");
        }
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

    /**
     * The card: present, digits only (spaces and hyphens between them allowed), 12 to 19 of them. A number of
     * the right shape that is no test card is declined by {@link #initiate}, as a gateway would.
     */
    @Override
    public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
        if (!METHOD.equals(methodId)) {
            return List.of();
        }
        String card = details == null ? null : details.get(CARD_DETAIL);
        String field = "details." + CARD_DETAIL;
        if (card == null || card.isBlank()) {
            return List.of(new FieldError(field, "is required"));
        }
        if (card.length() > 2 * MAX_CARD_DIGITS) {
            return List.of(new FieldError(field, "must have " + MIN_CARD_DIGITS + " to " + MAX_CARD_DIGITS + " digits"));
        }
        String digits = digits(card);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return List.of(new FieldError(field, "must be digits only (spaces and hyphens between them are allowed)"));
        }
        if (digits.length() < MIN_CARD_DIGITS || digits.length() > MAX_CARD_DIGITS) {
            return List.of(new FieldError(field, "must have " + MIN_CARD_DIGITS + " to " + MAX_CARD_DIGITS + " digits"));
        }
        return List.of();
    }

    @Override
    public ProviderResult initiate(PaymentRequest request) {
        String reference = "sbx_" + request.idempotencyKey();
        Charge charge = charges.computeIfAbsent(reference,
                r -> new Charge(request.paymentId(), request.amount(), outcomeOf(request.detail(CARD_DETAIL))));
        if (LOOKUP_SUCCESS_CARD.equals(digits(request.detail(CARD_DETAIL)))) {
            completedSilently.add(reference);
        }
        if (SLOW_REFUND_CARD.equals(digits(request.detail(CARD_DETAIL)))) {
            synchronized (charge) {
                if (charge.slowRefunds == null) {
                    charge.slowRefunds = new java.util.HashSet<>();
                }
            }
        }
        synchronized (charge) {
            if (charge.card == null) {
                charge.card = request.detail(CARD_DETAIL);
            }
            return result(reference, charge.status, request.detail(CARD_DETAIL));
        }
    }

    /**
     * Where a payment stands. A look-up that names another payment, amount or currency than the sandbox
     * charged under that reference confirms nothing: it is left UNKNOWN, as for any gateway whose record
     * disagrees with Souk's.
     */
    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        String reference = lookup.gatewayReference() != null ? lookup.gatewayReference() : "sbx_" + lookup.paymentId();
        Charge charge = charges.get(reference);
        if (charge == null) {
            return ProviderResult.unknown("the sandbox has no payment " + reference);
        }
        synchronized (charge) {
            if (charge.forgotten() && lookup.paymentId() != null && lookup.amount() != null) {
                charge.paymentId = lookup.paymentId(); // see Charge: known again from a webhook after a restart
                charge.amount = lookup.amount();
            }
            if (!charge.paymentId.equals(lookup.paymentId()) || !charge.amount.equals(lookup.amount())) {
                return new ProviderResult(ProviderStatus.UNKNOWN, reference, "mismatch: the sandbox charged " + charge.amount
                        + " for payment " + charge.paymentId + " under " + reference, null);
            }
            if (completedSilently.remove(reference) && charge.status == ProviderStatus.PENDING) {
                charge.status = ProviderStatus.PROCESSED;
            }
            return result(reference, charge.status, charge.card);
        }
    }

    /**
     * Refunds what the sandbox captured, in full or in parts, never more than is left and never twice for one
     * idempotency key. It keeps no record across restarts, as said above.
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        Charge charge = request.gatewayReference() == null ? null : charges.get(request.gatewayReference());
        if (charge == null) {
            return new RefundResult(RefundResult.Status.FAILED, null, "the sandbox captured nothing under " + request.gatewayReference());
        }
        synchronized (charge) {
            RefundResult earlier = charge.refunds.get(request.idempotencyKey());
            if (earlier != null) {
                return earlier;
            }
            if (charge.slowRefunds != null && charge.slowRefunds.contains(request.idempotencyKey())) {
                // Asked again about a refund under way (its amount was set aside then): now it is done.
                RefundResult done = new RefundResult(RefundResult.Status.SUCCEEDED, "sbx_refund_" + request.idempotencyKey(), null);
                charge.refunds.put(request.idempotencyKey(), done);
                return done;
            }
            if (charge.status != ProviderStatus.PROCESSED || charge.forgotten()) {
                return new RefundResult(RefundResult.Status.FAILED, null, "the sandbox captured nothing under " + request.gatewayReference());
            }
            Money amount = request.amount();
            if (!amount.currency().equals(charge.amount.currency())) {
                return new RefundResult(RefundResult.Status.FAILED, null, "the sandbox charged " + charge.amount.currency()
                        + ", not " + amount.currency());
            }
            long left = charge.amount.minor() - charge.refunded;
            if (amount.minor() <= 0 || amount.minor() > left) {
                return new RefundResult(RefundResult.Status.FAILED, null, "only " + Money.ofMinor(left, amount.currency())
                        + " is left to refund");
            }
            if (charge.slowRefunds != null && charge.slowRefunds.add(request.idempotencyKey())) {
                // Under way: the gateway answers for it when it is asked again with the same key.
                charge.refunded += amount.minor();
                return new RefundResult(RefundResult.Status.PENDING, "sbx_refund_" + request.idempotencyKey(),
                        "the sandbox is processing the refund");
            }
            charge.refunded += amount.minor();
            RefundResult done = new RefundResult(RefundResult.Status.SUCCEEDED, "sbx_refund_" + request.idempotencyKey(), null);
            charge.refunds.put(request.idempotencyKey(), done);
            return done;
        }
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
        Map<String, String> event;
        try {
            event = FlatJson.parse(new String(request.body(), StandardCharsets.UTF_8));
        } catch (WebhookRejectedException | RuntimeException e) {
            // Signed by the holder of the secret, but unreadable: a 400 naming it, never acknowledged as ignored.
            throw new ValidationException("body", "is not a sandbox event (one flat JSON object): " + e.getMessage());
        }
        String id = event.get("id");
        String reference = event.get("reference");
        String status = event.get("status");
        String type = event.get("type");
        if (type != null && status == null) {
            // Another kind of event (the sandbox's own name none): acknowledged, ignored.
            return WebhookEvent.ignored(id, "event type '" + type + "' is none the sandbox settles with");
        }
        ValidationException.Collector missing = new ValidationException.Collector();
        for (String field : List.of("id", "reference", "status")) {
            if (event.get(field) == null || event.get(field).isBlank()) {
                missing.add(field, "is required: a sandbox event names id, reference and status");
            }
        }
        missing.throwIfAny();
        ProviderStatus outcome = switch (status) {
            case "succeeded" -> ProviderStatus.PROCESSED;
            case "failed" -> ProviderStatus.ERROR;
            case "pending" -> ProviderStatus.PENDING; // e.g. the customer finished 3-D Secure; a look-up follows
            default -> null;
        };
        if (outcome == null) {
            return WebhookEvent.ignored(id, "status '" + status + "' is none the sandbox settles with");
        }
        if (!reference.startsWith("sbx_")) {
            return WebhookEvent.ignored(id, "'" + reference + "' is no sandbox transaction");
        }
        Charge charge = charges.computeIfAbsent(reference, r -> new Charge(null, null, ProviderStatus.PENDING));
        synchronized (charge) {
            if (charge.status == ProviderStatus.PENDING) {
                charge.status = outcome;
            }
            // A payment that ended keeps its end, whatever the event says. The event names the payment, amount
            // and currency the sandbox charged, so the core checks them against its own record; for a charge the
            // sandbox forgot it names none, and the core asks the look-up first.
            // A failure's code: the one the event gives, else that of the card's decline, else unknown.
            String code = event.get("declineCode") != null ? event.get("declineCode")
                    : charge.card == null ? null : declineCode(charge.card);
            return new WebhookEvent(id, charge.paymentId, reference, charge.status, charge.amount, code);
        }
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
            case SUCCESS_CARD, SLOW_REFUND_CARD -> ProviderStatus.PROCESSED;
            case PENDING_CARD, LOOKUP_SUCCESS_CARD -> ProviderStatus.PENDING;
            default -> ProviderStatus.ERROR;
        };
    }

    private static ProviderResult result(String reference, ProviderStatus outcome, String card) {
        return switch (outcome) {
            case PROCESSED -> ProviderResult.processed(reference);
            case PENDING -> new ProviderResult(ProviderStatus.PENDING, reference,
                    "awaiting confirmation: the sandbox settles it by a signed webhook", null);
            default -> ProviderResult.declined(reference, declineReason(card), declineCode(card));
        };
    }

    /** The code of a card's decline, as a real gateway codes it. */
    static String declineCode(String card) {
        return switch (digits(card)) {
            case INSUFFICIENT_FUNDS_CARD -> DeclineCodes.INSUFFICIENT_FUNDS;
            case EXPIRED_CARD -> DeclineCodes.EXPIRED_CARD;
            case "" -> DeclineCodes.UNKNOWN; // a look-up or a webhook: the sandbox did not keep why
            default -> DeclineCodes.CARD_DECLINED;
        };
    }

    private static String declineReason(String card) {
        return switch (digits(card)) {
            case DECLINE_CARD -> "card declined";
            case INSUFFICIENT_FUNDS_CARD -> "insufficient funds";
            case EXPIRED_CARD -> "expired card";
            case "" -> "card declined";
            default -> "card declined: not a sandbox test card";
        };
    }
}
