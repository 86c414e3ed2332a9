package org.souk.provider.youcanpay.internal;

import static org.souk.provider.youcanpay.internal.Json.firstText;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Starting a payment: a token from YouCanPay ({@code tokenize}), then the widget and hosted page for a card,
 * or a CashPlus code ({@code cashplus/init}) for cash at an agency.
 */
final class Checkout {

    /** Logs under the provider's name, where an operator looks for YouCanPay's payments. */
    private static final Logger LOG = LoggerFactory.getLogger(YouCanPayProvider.class);
    static final String SOUK_PAYMENT_ID = "souk_payment_id";
    static final String SOUK_ORDER_ID = "souk_order_id";

    private final Settings settings;
    private final String cardMethod;
    private final String cashPlusMethod;
    private final ObjectMapper mapper;
    private final GatewayClient client;
    private final GatewayAnswers answers;
    private final StartedPayments started = new StartedPayments();

    Checkout(Settings settings, String cardMethod, String cashPlusMethod, ObjectMapper mapper, GatewayClient client) {
        this.settings = settings;
        this.cardMethod = cardMethod;
        this.cashPlusMethod = cashPlusMethod;
        this.mapper = mapper;
        this.client = client;
        this.answers = new GatewayAnswers(settings);
    }

    ProviderResult initiate(PaymentRequest request) {
        if (!cardMethod.equals(request.methodId()) && !cashPlusMethod.equals(request.methodId())) {
            return ProviderResult.error(null, "YouCanPay has no method '" + request.methodId() + "'");
        }
        if (!YouCanPayProvider.MAD.equals(request.amount().currency())) {
            return ProviderResult.error(null, "YouCanPay charges in MAD only, not " + request.amount().currency());
        }
        ProviderResult earlier = started.remembered(request.idempotencyKey());
        if (earlier != null) {
            return earlier;
        }
        ProviderResult result;
        try {
            Tokenized tokenized = tokenize(request);
            result = cashPlusMethod.equals(request.methodId()) ? cashPlus(request, tokenized)
                    : widget(request, tokenized);
        } catch (Stop stop) {
            result = stop.result;
        }
        if (result.status() == ProviderStatus.PENDING) {
            started.remember(request.idempotencyKey(), result);
        }
        return result;
    }

    /**
     * A tokenize answer: the token the widget and hosted page need, and the transaction id that
     * {@code GET transactions/{id}} knows, when YouCanPay gives one (its SDK and docs both do).
     */
    private record Tokenized(String token, String transactionId) {
        /**
         * The payment's reference: the transaction id, or null. A token is never taken for a transaction id:
         * {@code GET transactions/{token}} would ask about something else. A payment without one is found by
         * its webhook, which names the transaction and Souk's payment id (sent as {@code order_id} and in the
         * metadata); until then its look-ups are UNKNOWN and it expires with its payment window.
         */
        String reference() {
            return transactionId;
        }
    }

    private Tokenized tokenize(PaymentRequest request) throws Stop {
        ObjectNode body = mapper.createObjectNode();
        body.put("pri_key", settings.privateKey);
        body.put("order_id", request.paymentId());
        body.put("amount", Long.toString(request.amount().minor()));
        body.put("currency", request.amount().currency());
        body.put("customer_ip", CustomerDetails.customerIp(request));
        body.put("success_url", settings.returnUrl(request.paymentId(), "success"));
        body.put("error_url", settings.returnUrl(request.paymentId(), "error"));
        ObjectNode customer = mapper.createObjectNode();
        for (String field : CustomerDetails.CUSTOMER_FIELDS) {
            String value = CustomerDetails.customerDetail(request, field);
            if (!Settings.blank(value)) {
                customer.put(field, value.trim());
            }
        }
        if (!customer.isEmpty()) {
            body.set("customer", customer);
        }
        ObjectNode metadata = body.putObject("metadata");
        metadata.put(SOUK_PAYMENT_ID, request.paymentId());
        if (request.orderId() != null) {
            metadata.put(SOUK_ORDER_ID, request.orderId());
        }
        GatewayClient.Answer answer = answers.call("tokenize", request.paymentId(), () -> client.post("tokenize", body));
        String token = GatewayAnswers.tokenOf(answer.json());
        if (token == null) {
            LOG.debug("YouCanPay tokenize for payment {} answered HTTP {} without a token", request.paymentId(),
                    answer.status());
            throw new Stop(ProviderResult.unknown("YouCanPay's tokenize answer has no token"));
        }
        return new Tokenized(token, firstText(answer.json(), "/transaction_id", "/token/transaction_id"));
    }

    private ProviderResult widget(PaymentRequest request, Tokenized tokenized) {
        String token = tokenized.token();
        String lang = CustomerDetails.language(request);
        String page = settings.hostedPageUrl(token, lang);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("token", token);
        data.put("public_key", settings.publicKey);
        data.put("hosted_page_url", page);
        data.put("sandbox", Boolean.toString(settings.sandbox));
        data.put("lang", lang);
        return ProviderResult.pending(tokenized.reference(), new NextAction(NextAction.WIDGET, page, data));
    }

    private ProviderResult cashPlus(PaymentRequest request, Tokenized tokenized) throws Stop {
        String token = tokenized.token();
        ObjectNode body = mapper.createObjectNode();
        body.put("token_id", token);
        body.put("pub_key", settings.publicKey);
        GatewayClient.Answer answer = answers.call("cashplus/init", request.paymentId(), () -> client.post("cashplus/init", body));
        JsonNode json = answer.json();
        // The code the customer gives at the agency is the answer's documented "token"; no other field is guessed at.
        String code = firstText(json, "/token");
        String transaction = firstText(json, "/transaction_id", "/transaction/id", "/cashplus/transaction_id");
        if (code == null) {
            LOG.debug("YouCanPay cashplus/init for payment {} answered HTTP {} without a code", request.paymentId(),
                    answer.status());
            // Nobody saw a code, so nobody can pay this one: failing it is safe and lets the customer retry.
            return ProviderResult.error(transaction, "YouCanPay's CashPlus answer has no payment code");
        }
        String reference = transaction != null ? transaction : tokenized.transactionId(); // never the token
        Map<String, String> data = new LinkedHashMap<>();
        data.put("code", code);
        if (reference != null) {
            data.put("transaction_id", reference);
        }
        return ProviderResult.pending(reference, new NextAction(NextAction.DISPLAY_CODE, null, data));
    }
}
