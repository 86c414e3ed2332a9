package org.souk.provider.paypal.internal;

import static org.souk.provider.paypal.internal.PayPalJson.text;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.gateway.spi.DeclineCodes;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;

import com.fasterxml.jackson.databind.JsonNode;

/** What a PayPal capture means for a payment: its status, and why it was declined. No calls. */
final class Captures {

    /** Logs under the provider's name, where an operator looks for PayPal's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(PayPalProvider.class);

    private Captures() {
    }

    /**
     * What a captured order means for a payment still pending in Souk. A capture PayPal reports REFUNDED was
     * given back in full before Souk saw it paid (Souk refunds only payments it settled): nothing is paid, so
     * the payment fails, and that is final at PayPal. One PARTIALLY_REFUNDED holds part of the money: neither
     * paid nor failed, it is left to an administrator.
     */
    static ProviderResult outcome(String orderId, JsonNode capture) {
        String status = capture.path("status").asText("");
        String reason = capture.path("status_details").path("reason").asText("");
        String why = reason.isBlank() ? "" : " (" + reason + ")";
        if ("REFUNDED".equals(status) || "PARTIALLY_REFUNDED".equals(status)) {
            LOG.warn("The capture of PayPal order {} was {} at PayPal before Souk saw it paid; not confirmed", orderId,
                    status.toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        return switch (status) {
            case "COMPLETED", "" -> ProviderResult.processed(orderId);
            case "REFUNDED" -> ProviderResult.declined(orderId, "the capture was refunded at PayPal: nothing was paid",
                    "refunded");
            case "PARTIALLY_REFUNDED" -> new ProviderResult(ProviderStatus.UNKNOWN, orderId,
                    "the capture was partly refunded at PayPal: left for an administrator", null);
            case "PENDING" -> new ProviderResult(ProviderStatus.PENDING, orderId, "capture pending" + why, null);
            case "DECLINED", "FAILED" -> ProviderResult.declined(orderId, "capture " + status.toLowerCase(Locale.ROOT) + why,
                    declineCode(capture));
            default -> new ProviderResult(ProviderStatus.PENDING, orderId, "capture is " + status, null);
        };
    }

    /**
     * Why PayPal declined a capture: the card processor's response code where PayPal gives one
     * ({@code processor_response.response_code}, the documented ones named as Souk's codes), else the
     * capture's {@code status_details.reason}, else unknown.
     */
    static String declineCode(JsonNode capture) {
        String processor = text(capture.path("processor_response").path("response_code"));
        if (processor != null) {
            return switch (processor) {
                case "0500" -> DeclineCodes.DO_NOT_HONOR;
                case "5120" -> DeclineCodes.INSUFFICIENT_FUNDS;
                case "5400" -> DeclineCodes.EXPIRED_CARD;
                case "5110", "00N7" -> DeclineCodes.INCORRECT_CVC;
                case "9500" -> "suspected_fraud";
                case "1330" -> "invalid_account";
                case "5180" -> "invalid_card";
                default -> "processor_" + processor;
            };
        }
        return DeclineCodes.normalise(text(capture.path("status_details").path("reason")));
    }
}
