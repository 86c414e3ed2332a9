package org.souk.provider.paypal.internal;

import static org.souk.provider.paypal.internal.PayPalJson.amount;
import static org.souk.provider.paypal.internal.PayPalJson.money;
import static org.souk.provider.paypal.internal.PayPalJson.text;
import static org.souk.provider.paypal.internal.PayPalJson.truncate;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Money;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.provider.paypal.internal.PayPalApi.CredentialsRejected;
import org.souk.provider.paypal.internal.PayPalApi.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A payment through a PayPal order (Orders v2): initiation creates the order ({@code intent CAPTURE}, Souk's
 * payment id as {@code custom_id} and {@code invoice_id}, the idempotency key as {@code PayPal-Request-Id}) and
 * sends the customer to PayPal to approve it; a look-up reads the order and captures it once approved, again
 * under an idempotent request id, so a payment is never captured twice. Amounts go to PayPal in the charge
 * currency, converted at the configured rate, and every answer says what was charged and at which rate.
 */
final class Checkout {

    /** Logs under the provider's name, where an operator looks for PayPal's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(PayPalProvider.class);
    static final String ORDERS = "/v2/checkout/orders";

    private final Settings settings;
    private final Conversion conversion;
    private final PayPalApi api;

    Checkout(Settings settings, PayPalApi api) {
        this.settings = settings;
        this.conversion = settings.conversion();
        this.api = api;
    }

    ProviderResult initiate(PaymentRequest request) {
        Money charged;
        try {
            charged = conversion.toCharge(request.amount());
        } catch (IllegalArgumentException e) {
            return ProviderResult.error(null, e.getMessage());
        }
        if (charged.isZero()) {
            return ProviderResult.error(null, request.amount() + " is nothing once converted to " + charged.currency());
        }
        String body = orderBody(request.paymentId(), request.orderId(), request.description(), charged);
        return converted(createOrder(body, request.idempotencyKey(), request.paymentId(), charged), request.amount(), charged);
    }

    /**
     * Where the payment stands at PayPal. An approved order is captured here. A payment whose initiation got
     * no answer has no order id yet: the creation is sent again under the same {@code PayPal-Request-Id}
     * (Souk's payment id), which gives back the order PayPal made the first time, if it made one.
     */
    ProviderResult fetch(PaymentLookup lookup) {
        Money charged;
        try {
            charged = lookup.charged() != null ? lookup.charged() : conversion.toCharge(lookup.amount());
        } catch (IllegalArgumentException e) {
            return ProviderResult.error(lookup.gatewayReference(), e.getMessage());
        }
        ProviderResult result;
        String orderId = lookup.gatewayReference();
        if (orderId == null || orderId.isBlank()) {
            result = createOrder(orderBody(lookup.paymentId(), lookup.orderId(), null, charged), lookup.paymentId(),
                    lookup.paymentId(), charged);
        } else {
            result = lookUp(orderId, lookup.paymentId(), charged, true);
        }
        return converted(result, lookup.amount(), charged);
    }

    private ProviderResult createOrder(String body, String requestId, String paymentId, Money charged) {
        Reply reply;
        try {
            reply = api.post(ORDERS, body, requestId);
        } catch (CredentialsRejected e) {
            return ProviderResult.error(null, e.getMessage());
        } catch (IOException e) {
            LOG.debug("Creating the PayPal order of payment {} failed: {}", paymentId, PayPalApi.describe(e));
            return ProviderResult.unknown("PayPal did not answer: " + PayPalApi.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderResult.unknown("interrupted");
        }
        if (reply.ok()) {
            return outcome(reply.body(), paymentId, charged, true);
        }
        if (reply.undecided()) {
            return ProviderResult.unknown("PayPal answered " + reply.status() + ": " + reply.error());
        }
        return ProviderResult.declined(null, "PayPal refused the order: " + reply.error(), reply.declineCode());
    }

    private ProviderResult lookUp(String orderId, String paymentId, Money charged, boolean mayCapture) {
        Reply reply;
        try {
            reply = api.get(ORDERS + "/" + PayPalApi.segment(orderId));
        } catch (CredentialsRejected e) {
            return unknown(orderId, e.getMessage());
        } catch (IOException e) {
            LOG.debug("Looking up PayPal order {} failed: {}", orderId, PayPalApi.describe(e));
            return unknown(orderId, "PayPal did not answer: " + PayPalApi.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(orderId, "interrupted");
        }
        if (reply.ok()) {
            return outcome(reply.body(), paymentId, charged, mayCapture);
        }
        if (reply.status() == 404) {
            // Never final on an absence: a wrong account or base.url would otherwise fail every payment.
            LOG.warn("PayPal knows no order {} (payment {}); check base.url and the credentials", orderId, paymentId);
            return unknown(orderId, "PayPal knows no order " + orderId);
        }
        return unknown(orderId, "PayPal answered " + reply.status() + ": " + reply.error());
    }

    /** Reads an order and says what it means for the payment; an approved order is captured if allowed. */
    private ProviderResult outcome(JsonNode order, String paymentId, Money charged, boolean mayCapture) {
        String orderId = order.path("id").asText("");
        if (orderId.isBlank()) {
            return ProviderResult.unknown("PayPal answered without an order id");
        }
        String status = order.path("status").asText("");
        if ("VOIDED".equals(status)) {
            return new ProviderResult(ProviderStatus.CANCELED, orderId, "the PayPal order was voided", null);
        }
        JsonNode unit = order.path("purchase_units").path(0);
        JsonNode capture = unit.path("payments").path("captures").path(0);
        Money amount = money(unit.path("amount"));
        if (amount == null) {
            amount = money(capture.path("amount"));
        }
        boolean moneyMoves = "APPROVED".equals(status) || "COMPLETED".equals(status);
        if ((amount != null || moneyMoves) && !charged.equals(amount)) {
            LOG.warn("PayPal order {} is for {}, payment {} for {}; not captured", orderId, amount, paymentId, charged);
            return ProviderResult.error(orderId, "amount mismatch: PayPal order " + orderId + " is for "
                    + (amount == null ? "an unknown amount" : amount) + ", expected " + charged);
        }
        // Souk's payment id went to PayPal as custom_id: an order naming another payment is not this one's,
        // whatever its amount. PayPal repeats it on the unit (order look-ups) or on the capture (capture answers).
        String customId = text(unit.path("custom_id"));
        if (customId == null) {
            customId = text(capture.path("custom_id"));
        }
        if (customId != null && !customId.equals(paymentId)) {
            LOG.warn("PayPal order {} belongs to payment {}, not to payment {}; not captured", orderId, customId, paymentId);
            return ProviderResult.error(orderId, "order mismatch: PayPal order " + orderId + " belongs to payment "
                    + customId + ", not to " + paymentId);
        }
        if (customId == null && moneyMoves) {
            return unknown(orderId, "PayPal order " + orderId + " names no payment (custom_id); not settled on this answer");
        }
        switch (status) {
            case "CREATED", "PAYER_ACTION_REQUIRED", "SAVED" -> {
                return ProviderResult.pending(orderId, approvalLink(order));
            }
            case "APPROVED" -> {
                return mayCapture ? capture(orderId, paymentId, charged)
                        : new ProviderResult(ProviderStatus.PENDING, orderId, "approved, not captured yet", null);
            }
            case "COMPLETED" -> {
                return Captures.outcome(orderId, capture);
            }
            default -> {
                return new ProviderResult(ProviderStatus.PENDING, orderId, "PayPal order is " + status, null);
            }
        }
    }

    /** Captures an approved order; the request id makes a repeated capture return the first one. */
    private ProviderResult capture(String orderId, String paymentId, Money charged) {
        String path = ORDERS + "/" + PayPalApi.segment(orderId) + "/capture";
        Reply reply;
        try {
            reply = api.post(path, "{}", "capture-" + paymentId);
        } catch (CredentialsRejected e) {
            return unknown(orderId, e.getMessage());
        } catch (IOException e) {
            LOG.debug("Capturing PayPal order {} failed: {}", orderId, PayPalApi.describe(e));
            return unknown(orderId, "PayPal did not answer the capture: " + PayPalApi.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(orderId, "interrupted");
        }
        if (reply.ok()) {
            return outcome(reply.body(), paymentId, charged, false);
        }
        if (reply.undecided()) {
            return unknown(orderId, "PayPal answered the capture with " + reply.status() + ": " + reply.error());
        }
        if (reply.hasIssue("ORDER_ALREADY_CAPTURED")) {
            return lookUp(orderId, paymentId, charged, false);
        }
        return ProviderResult.declined(orderId, "PayPal refused the capture: " + reply.error(), reply.declineCode());
    }

    private static NextAction approvalLink(JsonNode order) {
        String approve = null;
        for (JsonNode link : order.path("links")) {
            String rel = link.path("rel").asText("");
            String href = link.path("href").asText("");
            if (href.isBlank()) {
                continue;
            }
            if ("payer-action".equals(rel)) {
                return new NextAction(NextAction.REDIRECT, href, Map.of());
            }
            if ("approve".equals(rel)) {
                approve = href;
            }
        }
        return approve == null ? null : new NextAction(NextAction.REDIRECT, approve, Map.of());
    }

    private String orderBody(String paymentId, String orderId, String description, Money charged) {
        ObjectNode body = PayPalApi.JSON.createObjectNode();
        body.put("intent", "CAPTURE");
        ObjectNode unit = body.putArray("purchase_units").addObject();
        unit.put("reference_id", orderId);
        unit.put("custom_id", paymentId);
        unit.put("invoice_id", paymentId);
        if (description != null && !description.isBlank()) {
            unit.put("description", truncate(description, 127));
        }
        amount(unit.putObject("amount"), charged);
        ObjectNode experience = body.putObject("payment_source").putObject("paypal").putObject("experience_context");
        experience.put("payment_method_preference", "IMMEDIATE_PAYMENT_REQUIRED");
        experience.put("user_action", "PAY_NOW");
        experience.put("return_url", expand(settings.returnUrl(), paymentId, orderId));
        experience.put("cancel_url", expand(settings.cancelUrl(), paymentId, orderId));
        return body.toString();
    }

    private ProviderResult converted(ProviderResult result, Money amount, Money charged) {
        return conversion.converts(amount) ? result.convertedTo(charged, conversion.rate()) : result;
    }

    private static ProviderResult unknown(String orderId, String message) {
        return new ProviderResult(ProviderStatus.UNKNOWN, orderId, message, null);
    }

    private static String expand(String url, String paymentId, String orderId) {
        return url.replace("{paymentId}", encode(paymentId)).replace("{orderId}", encode(orderId));
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
