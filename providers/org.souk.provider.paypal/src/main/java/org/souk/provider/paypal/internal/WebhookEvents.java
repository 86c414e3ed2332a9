package org.souk.provider.paypal.internal;

import static org.souk.provider.paypal.internal.PayPalJson.money;
import static org.souk.provider.paypal.internal.PayPalJson.text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;

import com.fasterxml.jackson.databind.JsonNode;

/** A verified PayPal event, read as what the core decides on. No calls. */
final class WebhookEvents {

    /** Logs under the provider's name, where an operator looks for PayPal's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(PayPalProvider.class);

    private WebhookEvents() {
    }

    /**
     * Turns a verified event into what the core decides on. A capture event reports the amount and currency
     * exactly as PayPal captured them (the charge currency for a converted payment: the core compares them
     * with the charged amount it recorded) and the PayPal order it belongs to as the gateway reference (what
     * Souk stored at initiation). A capture that would settle or fail a payment without saying which PayPal
     * order it belongs to, or for how much, settles nothing: it is PENDING, and the look-up that follows, with
     * its own checks, decides.
     */
    static WebhookEvent read(JsonNode event) {
        String eventId = text(event.path("id"));
        String type = event.path("event_type").asText("");
        JsonNode resource = event.path("resource");
        String resourceType = event.path("resource_type").asText("");
        ProviderStatus status = switch (type) { // one of EVENT_TYPES: no other type is verified
            case "PAYMENT.CAPTURE.COMPLETED" -> ProviderStatus.PROCESSED;
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" -> ProviderStatus.ERROR;
            default -> ProviderStatus.PENDING; // CHECKOUT.ORDER.APPROVED: the look-up it prompts captures
        };
        boolean checkout = type.startsWith("CHECKOUT.ORDER.") || "checkout-order".equals(resourceType);
        String orderId = text(resource.path("supplementary_data").path("related_ids").path("order_id"));
        if (orderId == null && checkout) {
            orderId = text(resource.path("id"));
        }
        String paymentId = text(resource.path("custom_id"));
        if (paymentId == null) {
            paymentId = text(resource.path("purchase_units").path(0).path("custom_id"));
        }
        if (orderId == null && paymentId == null) {
            // Verified, of a type Souk acts on, but about no payment and no PayPal order: a malformed payment
            // notice, answered 400 naming the field rather than acknowledged as about nothing.
            throw new ValidationException(checkout ? "resource.id" : "resource.supplementary_data.related_ids.order_id",
                    "is required: a " + type + " event names the PayPal order it is about (or resource.custom_id, "
                    + "Souk's payment)");
        }
        JsonNode amountNode = checkout ? resource.path("purchase_units").path(0).path("amount") : resource.path("amount");
        Money amount = money(amountNode);
        if (status.isFinal()) {
            String why = null;
            if (orderId == null) {
                why = "names no PayPal order";
            } else if (amount == null) {
                why = amountNode.isMissingNode() ? "carries no amount" : "carries an unreadable amount";
            } else if (status == ProviderStatus.PROCESSED && text(resource.path("status")) != null
                    && !"COMPLETED".equals(text(resource.path("status")))) {
                why = "is " + text(resource.path("status"));
            }
            if (why != null) {
                LOG.warn("PayPal event {} ({}) {}; not applied, the payment's look-up decides", eventId, type, why);
                status = ProviderStatus.PENDING;
            }
        }
        return new WebhookEvent(eventId, paymentId, orderId, status, amount,
                status == ProviderStatus.ERROR ? Captures.declineCode(resource) : null);
    }
}
