package org.souk.provider.youcanpay.internal;

import static org.souk.provider.youcanpay.internal.Json.text;

import java.io.IOException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Money;
import org.souk.gateway.spi.ProviderResult;

import com.fasterxml.jackson.databind.JsonNode;

/** YouCanPay's own record of a transaction ({@code GET transactions/{id}}): what settles a payment. */
final class Transactions {

    /** Logs under the provider's name, where an operator looks for YouCanPay's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(YouCanPayProvider.class);

    static final int PAID = 1;
    static final int PENDING = 0;
    static final int CANCELED = -1;
    static final int REFUNDED = -2;
    static final int FAILED = -3;

    /** A transaction as YouCanPay reports it; {@code amount} is null if unreadable, {@code status} MIN_VALUE likewise. */
    record Transaction(String id, String orderId, int status, Money amount) {
    }

    private final Settings settings;
    private final GatewayClient client;

    Transactions(Settings settings, GatewayClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** {@code GET transactions/{id}}; anything but a readable transaction stops with UNKNOWN. */
    Transaction get(String reference) throws Stop {
        GatewayClient.Answer answer;
        try {
            answer = client.get("transactions/" + GatewayClient.encode(reference), Map.of("pri_key", settings.privateKey));
        } catch (IOException e) {
            LOG.debug("YouCanPay look-up of transaction {} failed: {}", reference, e.getClass().getSimpleName());
            throw new Stop(ProviderResult.unknown("YouCanPay unreachable: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(ProviderResult.unknown("interrupted while calling YouCanPay"));
        }
        if (answer.status() == 404) {
            throw new Stop(ProviderResult.unknown("YouCanPay knows no transaction " + reference));
        }
        if (answer.status() == 401 || answer.status() == 403) {
            LOG.warn("YouCanPay refused the credentials of {} (HTTP {}): check .private.key", settings, answer.status());
        }
        JsonNode json = answer.json();
        if (json != null && json.path("transaction").isObject()) {
            json = json.get("transaction");
        }
        if (!answer.ok() || json == null || !json.isObject()) {
            LOG.debug("YouCanPay look-up of transaction {} answered HTTP {}", reference, answer.status());
            // Never a final answer: a refused look-up says nothing about whether the customer paid.
            throw new Stop(ProviderResult.unknown("YouCanPay answered HTTP " + answer.status() + " to a look-up"));
        }
        String id = text(json.get("id"));
        return new Transaction(id != null ? id : reference, text(json.get("order_id")), statusOf(json.get("status")),
                amountOf(json.get("amount"), text(json.get("currency"))));
    }

    static int statusOf(JsonNode node) {
        String s = text(node);
        if (s != null && s.matches("-?\\d{1,9}")) {
            return Integer.parseInt(s);
        }
        return Integer.MIN_VALUE;
    }

    /**
     * An amount as YouCanPay's variants print it: {@code "5000"} or {@code 5000} in minor units, or a
     * decimal such as {@code "50.00"} in major units. Null if missing or unreadable.
     */
    static Money amountOf(JsonNode node, String currency) {
        String s = node != null && node.isNumber() && !node.isIntegralNumber() ? node.decimalValue().toPlainString()
                : text(node);
        if (s == null || currency == null) {
            return null;
        }
        try {
            return s.contains(".") ? Money.parse(s, currency.trim().toUpperCase())
                    : Money.ofMinor(Long.parseLong(s.trim()), currency.trim().toUpperCase());
        } catch (IllegalArgumentException e) { // also NumberFormatException, an unknown currency, a negative amount
            return null;
        }
    }
}
