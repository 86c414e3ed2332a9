package org.souk.provider.paypal.internal;

import static org.souk.provider.paypal.internal.PayPalJson.amount;
import static org.souk.provider.paypal.internal.PayPalJson.truncate;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Money;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.provider.paypal.internal.PayPalApi.CredentialsRejected;
import org.souk.provider.paypal.internal.PayPalApi.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Refunds of a captured PayPal order (Payments v2), each under its idempotency key. */
final class Refunds {

    /** Logs under the provider's name, where an operator looks for PayPal's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(PayPalProvider.class);

    private final Conversion conversion;
    private final PayPalApi api;

    Refunds(Conversion conversion, PayPalApi api) {
        this.conversion = conversion;
        this.api = api;
    }

    /**
     * Refunds the order's capture, naming the amount (converted, or as recorded when charged) every time, so
     * that PayPal refuses what exceeds what is left instead of refunding less. {@code PayPal-Request-Id} is the
     * refund's idempotency key, so a retry never refunds twice.
     */
    RefundResult refund(RefundRequest request) {
        String orderId = request.gatewayReference();
        if (orderId == null || orderId.isBlank()) {
            return failed("no PayPal order to refund");
        }
        Money wanted;
        try {
            // What was recorded at payment time, not today's rate, decides how much goes back.
            wanted = request.charged() != null ? request.charged() : conversion.toCharge(request.amount());
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        try {
            Reply order = api.get(Checkout.ORDERS + "/" + PayPalApi.segment(orderId));
            if (!order.ok()) {
                return order.undecided() ? retry("PayPal answered " + order.status() + " to the order look-up")
                        : failed("PayPal could not find order " + orderId + ": " + order.error());
            }
            JsonNode capture = order.body().path("purchase_units").path(0).path("payments").path("captures").path(0);
            String captureId = capture.path("id").asText("");
            if (captureId.isBlank()) {
                return failed("PayPal order " + orderId + " has no capture to refund");
            }
            // The amount is always named: without one PayPal refunds whatever is left of the capture, which after
            // an earlier partial refund is less than asked, and would still be reported as this refund done.
            ObjectNode refund = PayPalApi.JSON.createObjectNode();
            amount(refund.putObject("amount"), wanted);
            if (request.reason() != null && !request.reason().isBlank()) {
                refund.put("note_to_payer", truncate(request.reason(), 255));
            }
            String body = refund.toString();
            Reply reply = api.post("/v2/payments/captures/" + PayPalApi.segment(captureId) + "/refund", body,
                    request.idempotencyKey());
            if (reply.undecided()) {
                return retry("PayPal answered " + reply.status() + ": " + reply.error());
            }
            if (!reply.ok()) {
                return failed("PayPal refused the refund: " + reply.error());
            }
            String refundId = reply.body().path("id").asText(null);
            String status = reply.body().path("status").asText("");
            String reason = reply.body().path("status_details").path("reason").asText("");
            return switch (status) {
                case "COMPLETED" -> new RefundResult(RefundResult.Status.SUCCEEDED, refundId, null);
                case "PENDING" -> new RefundResult(RefundResult.Status.PENDING, refundId,
                        reason.isBlank() ? "refund pending" : "refund pending (" + reason + ")");
                default -> new RefundResult(RefundResult.Status.FAILED, refundId,
                        "refund " + (status.isBlank() ? "status unknown" : status.toLowerCase(Locale.ROOT)) + (reason.isBlank() ? "" : " (" + reason + ")"));
            };
        } catch (CredentialsRejected e) {
            return failed(e.getMessage());
        } catch (ConnectException e) {
            // Nothing reached PayPal, so nothing was refunded.
            LOG.debug("Refund {}: PayPal unreachable: {}", request.refundId(), PayPalApi.describe(e));
            return failed("could not connect to PayPal; nothing was refunded");
        } catch (IOException e) {
            LOG.debug("Refund {}: no answer from PayPal: {}", request.refundId(), PayPalApi.describe(e));
            return retry("PayPal did not answer: " + PayPalApi.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retry("interrupted");
        }
    }

    private static RefundResult failed(String message) {
        return new RefundResult(RefundResult.Status.FAILED, null, message);
    }

    /** The outcome is not known; retrying with the same idempotency key is safe. */
    private static RefundResult retry(String why) {
        return new RefundResult(RefundResult.Status.PENDING, null, "unknown: retry (" + why + ")");
    }
}
