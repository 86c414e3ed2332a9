package ${package}.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;

/** What the contract does not say: how ${providerName}'s protocol is spoken. Extend it as you implement the TODOs. */
class ${providerName}ProviderTest {

    private ${providerName}GatewayStub stub;
    private ${providerName}Provider provider;

    @BeforeEach
    void start() throws IOException {
        stub = new ${providerName}GatewayStub(${providerName}ProviderContractTest.API_KEY);
        provider = provider(${providerName}ProviderContractTest.API_KEY);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ${providerName}Provider provider(String apiKey) {
        return new ${providerName}Provider(stub.baseUrl(), apiKey, ${providerName}ProviderContractTest.WEBHOOK_SECRET,
                "MAD, eur", "https://shop.example/return", Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private static PaymentRequest payment(String id, String amount, String currency) {
        return new PaymentRequest(id, "order-" + id, ${providerName}Provider.METHOD, Money.parse(amount, currency),
                "Logo design", Map.of(), id);
    }

    @Test
    void aPaymentSendsTheCustomerToTheHostedPageWithTheKeyAndTheAmountInMinorUnits() {
        ProviderResult result = provider.initiate(payment("p-1", "250.00", "MAD"));

        assertThat(result.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(result.nextAction().type()).isEqualTo(NextAction.REDIRECT);
        assertThat(result.nextAction().url()).endsWith("/checkout/" + result.gatewayReference());
        ${providerName}GatewayStub.Received sent = stub.received.get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer " + ${providerName}ProviderContractTest.API_KEY);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("p-1");
        assertThat(new String(sent.body(), StandardCharsets.UTF_8)).contains("\"amount\":25000", "\"currency\":\"MAD\"",
                "\"reference\":\"p-1\"", "https://shop.example/return?payment=p-1");
    }

    @Test
    void aRefusalFailsThePaymentWithTheGatewaysWords() {
        ProviderResult result = provider("wrong-key").initiate(payment("p-2", "10.00", "MAD"));
        assertThat(result.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(result.message()).contains("bad API key");
    }

    @Test
    void aCurrencyTheAccountDoesNotChargeInIsRefusedWithoutACall() {
        assertThat(provider.currencies()).containsExactlyInAnyOrder("MAD", "EUR");
        assertThat(provider.initiate(payment("p-3", "10.00", "USD")).status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(stub.received).isEmpty();
    }

    @Test
    void aLookUpOfAPaymentTheGatewayDoesNotKnowFailsIt() {
        ProviderResult looked = provider.fetch(new PaymentLookup("p-4", "order-p-4", "pay_unknown", Money.parse("1.00", "MAD")));
        assertThat(looked.status()).isEqualTo(ProviderStatus.ERROR);
    }

    @Test
    void aSignedWebhookWithAnUnknownStatusOrNoAmountIsBadInputNamingTheField() {
        assertThatThrownBy(() -> provider.verifyWebhook(${providerName}ProviderContractTest.signed(
                "{\"id\":\"e1\",\"payment\":{\"id\":\"pay_1\",\"reference\":\"p\",\"status\":\"maybe\",\"amount\":1,\"currency\":\"MAD\"}}"
                        .getBytes(StandardCharsets.UTF_8), ${providerName}ProviderContractTest.WEBHOOK_SECRET)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("payment.status");
        assertThatThrownBy(() -> provider.verifyWebhook(${providerName}ProviderContractTest.signed(
                "{\"id\":\"e2\",\"payment\":{\"id\":\"pay_1\",\"reference\":\"p\",\"status\":\"paid\",\"currency\":\"MAD\"}}"
                        .getBytes(StandardCharsets.UTF_8), ${providerName}ProviderContractTest.WEBHOOK_SECRET)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("payment.amount");
    }

    @Test
    void refusesToStartWithoutItsSettingsAndNeverShowsItsKeys() {
        assertThatThrownBy(() -> new ${providerName}Provider("", "k", "0123456789abcdef", "MAD", null, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("base.url");
        assertThatThrownBy(() -> new ${providerName}Provider(stub.baseUrl(), " ", "0123456789abcdef", "MAD", null, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining(".api.key");
        assertThatThrownBy(() -> new ${providerName}Provider(stub.baseUrl(), "k", "short", "MAD", null, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining(".webhook.secret");
        assertThat(provider.toString()).doesNotContain(${providerName}ProviderContractTest.API_KEY)
                .doesNotContain(${providerName}ProviderContractTest.WEBHOOK_SECRET);
    }

    @Test
    void eachFurtherAccountIsAProviderOfItsOwnAndABadAccountNameKeepsItOff() {
        ${providerName}Provider live = new ${providerName}Provider("live", false, stub.baseUrl(), ${providerName}ProviderContractTest.API_KEY,
                ${providerName}ProviderContractTest.WEBHOOK_SECRET, "MAD", null, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(provider.id()).isEqualTo("${providerId}");
        assertThat(provider.methods()).extracting(m -> m.id()).containsExactly("${providerId}.hosted");
        assertThat(live.id()).isEqualTo("${providerId}-live");
        assertThat(live.methods()).extracting(m -> m.id()).containsExactly("${providerId}-live.hosted");
        for (String bad : new String[] {"Live", "-live", "live-", "li--ve", "li ve", "x".repeat(33)}) {
            assertThatThrownBy(() -> ${providerName}Provider.providerId(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("account");
        }
    }

    @Test
    void sandboxKeysTakeTestPaymentsOnly() {
        ${providerName}Provider live = new ${providerName}Provider("", false, stub.baseUrl(), ${providerName}ProviderContractTest.API_KEY,
                ${providerName}ProviderContractTest.WEBHOOK_SECRET, "MAD", null, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(provider.takesTestPayments()).isTrue();
        assertThat(live.takesTestPayments()).isFalse();
    }

    @Test
    void theConfigurationPidHasNoDashAndTheWatchSaysWhatIsMissing() {
        assertThat(${providerName}Provider.PID).isEqualTo("org.souk.provider.${providerId}").doesNotContain("-", "~");
        assertThat(${providerName}ConfigurationWatch.advice(false, false)).contains("waits for its configuration",
                ${providerName}Provider.PID + "-default.cfg");
        assertThat(${providerName}ConfigurationWatch.advice(true, true)).contains("plain configuration");
        assertThat(${providerName}ConfigurationWatch.advice(true, false)).isNull();
    }
}
