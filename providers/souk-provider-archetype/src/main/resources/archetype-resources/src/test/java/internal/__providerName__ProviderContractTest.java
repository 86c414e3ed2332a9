package ${package}.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.souk.common.api.Money;
import org.souk.gateway.spi.HmacSignature;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.testkit.PaymentProviderContract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Souk's provider contract (idempotency, look-ups, webhook signatures, duplicates, timeouts, refunds), run
 * against the local stub of ${providerName}'s API: the provider really talks HTTP to it.
 */
class ${providerName}ProviderContractTest extends PaymentProviderContract {

    static final String API_KEY = "test-api-key";
    static final String WEBHOOK_SECRET = "test-webhook-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ${providerName}GatewayStub stub;
    private ${providerName}Provider provider;

    @BeforeEach
    void start() throws IOException {
        stub = new ${providerName}GatewayStub(API_KEY);
        // Short timeouts: the outage check waits for them, and nothing else comes near them on a loopback stub.
        provider = new ${providerName}Provider(stub.baseUrl(), API_KEY, WEBHOOK_SECRET, "MAD", null,
                Duration.ofMillis(1_000), Duration.ofMillis(1_000));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Override
    protected PaymentProvider provider() {
        return provider;
    }

    @Override
    protected PaymentRequest acceptablePayment(String paymentId) {
        return request(paymentId, ${providerName}Provider.METHOD, Money.parse("250.00", "MAD"), Map.of());
    }

    /** A webhook as ${providerName} sends it: the event, with the gateway's record of the payment as it is now. */
    @Override
    protected WebhookRequest signedWebhook(PaymentRequest payment, ProviderResult initiated, String eventId) {
        stub.complete(initiated.gatewayReference());
        ObjectNode event = JSON.createObjectNode().put("id", eventId).put("type", "payment.updated");
        event.set("payment", stub.payment(initiated.gatewayReference()));
        return signed(event.toString().getBytes(StandardCharsets.UTF_8), WEBHOOK_SECRET);
    }

    @Override
    protected WebhookRequest tamperedWebhook(WebhookRequest signed) {
        return signed(signed.body(), WEBHOOK_SECRET + "-not-ours");
    }

    /** The customer paid on the hosted page. */
    @Override
    protected boolean completeAtGateway(PaymentRequest payment, ProviderResult initiated) {
        stub.complete(initiated.gatewayReference());
        return true;
    }

    @Override
    protected boolean makeGatewayUnresponsive() {
        stub.stopAnswering();
        return true;
    }

    static WebhookRequest signed(byte[] body, String secret) {
        return new WebhookRequest(Map.of(${providerName}Provider.SIGNATURE_HEADER, List.of(new HmacSignature(secret).sign(body))), body);
    }
}
