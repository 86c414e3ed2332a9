package org.souk.provider.youcanpay.internal;

import static org.souk.provider.youcanpay.internal.GatewayStub.reply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.souk.common.api.Money;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.testkit.PaymentProviderContract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Souk's provider contract, run against a stub of YouCanPay that remembers what it tokenized: a token's
 * transaction is pending until a webhook's transaction, which the stub reports paid.
 */
class YouCanPayContractTest extends PaymentProviderContract {

    private static final String KEY = "pri_sandbox_contract_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayStub stub;
    private YouCanPayProvider provider;

    @BeforeEach
    void start() throws IOException {
        stub = new GatewayStub();
        stub.on("POST tokenize", (exchange, request) -> {
            JsonNode body = request.json();
            String token = "tok-" + body.path("order_id").asText();
            String tx = "tx-" + body.path("order_id").asText();
            // The tokenize answer names the transaction (as YouCanPay's SDK shows it): the payment's reference, and
            // what a look-up asks for.
            stub.on("GET transactions/" + tx, reply(200, transaction(tx, body.path("order_id").asText(), 0,
                    body.path("amount").asText())));
            reply(200, "{\"token\":{\"id\":\"" + token + "\"},\"transaction_id\":\"" + tx + "\"}").answer(exchange, request);
        });
        provider = new YouCanPayProvider(new Settings(KEY, "pub_sandbox_contract", true, stub.baseUrl(), 1_000, 1_000,
                "http://localhost:8181/payment-return"));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static String transaction(String id, String orderId, int status, String amount) {
        ObjectNode tx = JSON.createObjectNode().put("id", id).put("order_id", orderId).put("status", status)
                .put("amount", amount).put("currency", "MAD");
        return tx.toString();
    }

    @Override
    protected PaymentProvider provider() {
        return provider;
    }

    @Override
    protected PaymentRequest acceptablePayment(String paymentId) {
        return request(paymentId, YouCanPayProvider.CARD, Money.ofMinor(2_500, "MAD"), Map.of("lang", "fr"));
    }

    @Override
    protected WebhookRequest signedWebhook(PaymentRequest payment, ProviderResult initiated, String eventId) {
        String tx = "tx-" + payment.paymentId();
        String amount = Long.toString(payment.amount().minor());
        stub.on("GET transactions/" + tx, reply(200, transaction(tx, payment.paymentId(), 1, amount)));
        ObjectNode event = JSON.createObjectNode().put("id", eventId).put("event_name", "transaction.paid");
        event.putObject("payload").set("transaction", JSON.createObjectNode().put("id", tx).put("status", 1)
                .put("order_id", payment.paymentId()).put("amount", amount).put("currency", "MAD"));
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        return new WebhookRequest(Map.of("X-Youcanpay-Signature", List.of(new WebhookSignature(KEY).sign(body))), body);
    }

    @Override
    protected WebhookRequest tamperedWebhook(WebhookRequest signed) {
        return new WebhookRequest(Map.of("X-Youcanpay-Signature",
                List.of(new WebhookSignature(KEY + "-other").sign(signed.body()))), signed.body());
    }

    /** The customer paid: YouCanPay's record of the token's transaction says paid. */
    @Override
    protected boolean completeAtGateway(PaymentRequest payment, ProviderResult initiated) {
        stub.on("GET transactions/" + initiated.gatewayReference(), reply(200, transaction(initiated.gatewayReference(),
                payment.paymentId(), 1, Long.toString(payment.amount().minor()))));
        return true;
    }

    @Override
    protected boolean makeGatewayUnresponsive() {
        GatewayStub.Reply silence = GatewayStub.slow(5_000, reply(200, "{}"));
        stub.on("POST tokenize", silence);
        stub.on("GET transactions/ref-1", silence);
        return true;
    }
}
