package org.souk.provider.paypal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.paypal.internal.PayPalStub.Recorded;
import org.souk.provider.paypal.internal.PayPalStub.Verification;
import org.souk.provider.testkit.PaymentProviderContract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The PayPal provider against a local PayPal stub, plus the test kit's checks. */
class PayPalProviderTest extends PaymentProviderContract {

    /** PayPal's own samples, in this module's test resources (see the README there for their sources). */
    static final String FIXTURES = "/fixtures/paypal/";
    static final String WEBHOOK_ID = "1JE4291016473214C";
    static final BigDecimal RATE = new BigDecimal("0.092");
    static final Money MAD_100 = Money.parse("100.00", "MAD");
    static final Money EUR_9_20 = Money.parse("9.20", "EUR");
    static final ObjectMapper JSON = new ObjectMapper();
    static final KeyPair WEBHOOK_KEYS = rsaKeys();
    static final String CERT_URL = "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-test";

    private final MutableClock clock = new MutableClock();
    private PayPalStub stub;
    private PayPalProvider provider;

    @BeforeEach
    void startStub() throws IOException {
        stub = new PayPalStub(WEBHOOK_KEYS.getPublic(), WEBHOOK_ID);
        provider = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, WEBHOOK_ID, "MAD", "EUR", RATE));
    }

    @AfterEach
    void stopStub() {
        stub.close();
    }

    // ---------------------------------------------------------------- the test kit's hooks

    @Override
    protected PaymentProvider provider() {
        return provider;
    }

    @Override
    protected PaymentRequest acceptablePayment(String paymentId) {
        return request(paymentId, PayPalProvider.METHOD, MAD_100, Map.of());
    }

    @Override
    protected WebhookRequest signedWebhook(PaymentRequest payment, ProviderResult initiated, String eventId) {
        return signed(captureCompleted(eventId, payment.paymentId(), initiated.gatewayReference(), "9.20"));
    }

    @Override
    protected WebhookRequest tamperedWebhook(WebhookRequest signed) {
        Map<String, List<String>> headers = new HashMap<>(signed.headers());
        headers.put("Paypal-Transmission-Sig", List.of(sign(signed.header(WebhookShape.H_ID) + "|"
                + signed.header(WebhookShape.H_TIME) + "|" + WEBHOOK_ID + "|" + crc32("{\"other\":\"body\"}".getBytes(StandardCharsets.UTF_8)))));
        return new WebhookRequest(headers, signed.body());
    }

    /** The buyer approves the order at PayPal; the next look-up captures it. */
    @Override
    protected boolean completeAtGateway(PaymentRequest payment, ProviderResult initiated) {
        stub.approve(initiated.gatewayReference());
        return true;
    }

    @Override
    protected boolean makeGatewayUnresponsive() {
        stub.unresponsive();
        return true;
    }

    @Override
    protected boolean refundsSupported() {
        return true;
    }

    // ---------------------------------------------------------------- identity and configuration

    @Test
    void offersThePayPalWalletInTheOrderAndTheChargeCurrency() {
        assertThat(provider.id()).isEqualTo("paypal");
        assertThat(provider.displayName()).isEqualTo("PayPal");
        assertThat(provider.methods()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("paypal.wallet");
            assertThat(m.type()).isEqualTo(MethodType.WALLET);
        });
        assertThat(provider.currencies()).containsExactlyInAnyOrder("MAD", "EUR");
        PayPalProvider euroOnly = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, WEBHOOK_ID, "EUR", "EUR", null));
        assertThat(euroOnly.currencies()).containsExactly("EUR");
    }

    @Test
    void neitherTheSecretNorATokenShowsInToString() {
        provider.initiate(acceptablePayment(newPaymentId()));
        String token = stub.requests("POST", "/v2/checkout/orders").get(0).header("Authorization").substring(7);
        assertThat(provider.toString()).doesNotContain(PayPalStub.CLIENT_SECRET).doesNotContain(token)
                .doesNotContain(PayPalStub.CLIENT_ID).contains("AcTe****").contains("MAD").contains("EUR");
        Settings settings = settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, WEBHOOK_ID, "MAD", "EUR", RATE);
        assertThat(settings.toString()).doesNotContain(PayPalStub.CLIENT_SECRET);
    }

    @Test
    void readsTheMetatypeConfigurationWithItsDefaults() {
        Map<String, Object> values = new HashMap<>(Map.of("client_id", "id-1", "_client_secret", "secret-1",
                "return_url", "https://souk.example/return", "cancel_url", "https://souk.example/cancel",
                "exchange_rate", "0.092"));
        Settings sandbox = Settings.of(config(values));
        assertThat(sandbox.baseUrl()).isEqualTo(URI.create("https://api-m.sandbox.paypal.com"));
        assertThat(sandbox.conversion()).isEqualTo(new Conversion("MAD", "EUR", new BigDecimal("0.092")));
        assertThat(sandbox.webhookId()).isNull();
        assertThat(sandbox.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(sandbox.requestTimeout()).isEqualTo(Duration.ofSeconds(15));

        values.put("sandbox", false);
        assertThat(Settings.of(config(values)).baseUrl()).isEqualTo(URI.create("https://api-m.paypal.com"));
        values.put("base_url", "http://127.0.0.1:9/");
        assertThat(Settings.of(config(values)).baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9"));

        values.put("exchange_rate", "");
        assertThatThrownBy(() -> Settings.of(config(values))).hasMessageContaining("exchange rate");
        values.put("exchange_rate", "abc");
        assertThatThrownBy(() -> Settings.of(config(values))).hasMessageContaining("exchange.rate");
        values.put("exchange_rate", "0.092");
        values.put("_client_secret", " ");
        assertThatThrownBy(() -> Settings.of(config(values))).hasMessageContaining(".client.secret");
    }

    @Test
    void anAccountGivesTheProviderItsOwnIdMethodAndWebhookPath() {
        Map<String, Object> values = new HashMap<>(Map.of("client_id", "id-1", "_client_secret", "secret-1",
                "return_url", "https://souk.example/return", "cancel_url", "https://souk.example/cancel",
                "exchange_rate", "0.092"));
        PayPalProvider plain = new PayPalProvider(config(values));
        assertThat(plain.id()).isEqualTo("paypal");
        assertThat(plain.methods()).extracting(m -> m.id()).containsExactly("paypal.wallet");

        values.put("account", " usd ");
        PayPalProvider usd = new PayPalProvider(config(values));
        assertThat(usd.id()).isEqualTo("paypal-usd");
        assertThat(usd.displayName()).isEqualTo("PayPal (usd)");
        assertThat(usd.methods()).extracting(m -> m.id()).containsExactly("paypal-usd.wallet");
        assertThat(PayPalProvider.providerId("live-2")).isEqualTo("paypal-live-2");

        for (String bad : List.of("USD", "live_2", "-live", "live-", "a--b", "eu.live", "x".repeat(33))) {
            values.put("account", bad);
            assertThatThrownBy(() -> new PayPalProvider(config(values))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account");
        }
    }

    // ---------------------------------------------------------------- OAuth2

    @Test
    void theTokenIsFetchedWithBasicAuthCachedAndRenewedShortlyBeforeItExpires() {
        stub.expiresIn(600);
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        PaymentLookup lookup = lookup(payment, created);
        provider.fetch(lookup);
        provider.fetch(lookup);
        assertThat(stub.tokensIssued).hasValue(1);
        Recorded tokenCall = stub.requests("POST", "/v1/oauth2/token").get(0);
        assertThat(tokenCall.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                (PayPalStub.CLIENT_ID + ":" + PayPalStub.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(tokenCall.text()).isEqualTo("grant_type=client_credentials");
        assertThat(stub.requests("GET", "/v2/checkout/orders/")).allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Bearer A21AAtest1-"));

        clock.advance(Duration.ofSeconds(539)); // expires at 600 s, renewed a minute before
        provider.fetch(lookup);
        assertThat(stub.tokensIssued).hasValue(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(provider.fetch(lookup).status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(stub.tokensIssued).hasValue(2);
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheCallRetried() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        stub.revokeTokens();
        assertThat(provider.fetch(lookup(payment, created)).status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(stub.tokensIssued).hasValue(2);
        List<Recorded> gets = stub.requests("GET", "/v2/checkout/orders/");
        assertThat(gets).hasSize(2);
        assertThat(gets.get(0).header("Authorization")).isNotEqualTo(gets.get(1).header("Authorization"));
    }

    @Test
    void aTokenThatIsRefusedAgainIsNotRetriedForever() {
        stub.rejectAllTokens();
        ProviderResult r = provider.initiate(acceptablePayment(newPaymentId()));
        assertThat(r.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(r.message()).contains("AUTHENTICATION_FAILURE");
        assertThat(stub.tokensIssued).hasValue(2);
        assertThat(stub.requests("POST", "/v2/checkout/orders")).hasSize(2);
    }

    @Test
    void theCredentialsAreCheckedByAskingForAToken() {
        int before = stub.tokensIssued.get();
        ConfigurationCheck good = provider.checkConfiguration();
        assertThat(good.status()).isEqualTo(ConfigurationCheck.Status.OK);
        assertThat(stub.tokensIssued.get()).as("a fresh token, whatever was cached").isEqualTo(before + 1);

        ConfigurationCheck bad = provider(settings(stub.baseUrl(), "not-the-secret", WEBHOOK_ID, "MAD", "EUR", RATE))
                .checkConfiguration();
        assertThat(bad.status()).isEqualTo(ConfigurationCheck.Status.INVALID);
        assertThat(bad.message()).doesNotContain("not-the-secret");

        stub.failNext("POST", "/v1/oauth2/token", 503, "{}");
        assertThat(provider.checkConfiguration().status()).isEqualTo(ConfigurationCheck.Status.UNREACHABLE);
    }

    @Test
    void wrongCredentialsFailTheInitiationWithoutLeakingThemAndLeaveALookUpUnknown() {
        PayPalProvider wrong = provider(settings(stub.baseUrl(), "not-the-secret", WEBHOOK_ID, "MAD", "EUR", RATE));
        ProviderResult r = wrong.initiate(acceptablePayment(newPaymentId()));
        assertThat(r.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(r.message()).contains("client credentials").contains("invalid_client").doesNotContain("not-the-secret");
        assertThat(stub.requests("POST", "/v2/checkout/orders")).isEmpty();
        assertThat(wrong.fetch(new PaymentLookup("p", "o", "5O190127TN364715T", MAD_100)).status())
                .isEqualTo(ProviderStatus.UNKNOWN);
    }

    // ---------------------------------------------------------------- initiation

    @Test
    void createsAnOrderInEurosAndSendsTheBuyerToPayPalToApproveIt() throws IOException {
        String paymentId = newPaymentId();
        PaymentRequest payment = new PaymentRequest(paymentId, "order-42", PayPalProvider.METHOD, MAD_100,
                "Logo design", Map.of(), paymentId);
        ProviderResult r = provider.initiate(payment);

        assertThat(r.status()).isEqualTo(ProviderStatus.PENDING);
        String orderId = r.gatewayReference();
        assertThat(orderId).isNotBlank().isEqualTo(stub.order(orderId).path("id").asText());
        assertThat(r.nextAction().type()).isEqualTo(NextAction.REDIRECT);
        assertThat(r.nextAction().url()).isEqualTo("https://www.sandbox.paypal.com/checkoutnow?token=" + orderId);
        assertThat(r.charged()).isEqualTo(EUR_9_20);
        assertThat(r.exchangeRate()).isEqualByComparingTo("0.092");

        Recorded sent = stub.requests("POST", "/v2/checkout/orders").get(0);
        assertThat(sent.header("PayPal-Request-Id")).isEqualTo(paymentId);
        assertThat(sent.header("Authorization")).startsWith("Bearer ");
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        JsonNode body = sent.json();
        assertThat(body.path("intent").asText()).isEqualTo("CAPTURE");
        assertThat(body.path("purchase_units")).hasSize(1);
        JsonNode unit = body.path("purchase_units").path(0);
        assertThat(unit.path("reference_id").asText()).isEqualTo("order-42");
        assertThat(unit.path("custom_id").asText()).isEqualTo(paymentId);
        assertThat(unit.path("invoice_id").asText()).isEqualTo(paymentId);
        assertThat(unit.path("description").asText()).isEqualTo("Logo design");
        assertThat(unit.path("amount").path("currency_code").asText()).isEqualTo("EUR");
        assertThat(unit.path("amount").path("value").isTextual()).as("a decimal string, never a float").isTrue();
        assertThat(unit.path("amount").path("value").asText()).isEqualTo("9.20");
        JsonNode experience = body.path("payment_source").path("paypal").path("experience_context");
        assertThat(experience.path("return_url").asText()).isEqualTo("https://souk.example/pay/" + paymentId + "/return");
        assertThat(experience.path("cancel_url").asText()).isEqualTo("https://souk.example/pay/" + paymentId + "/cancel");

        // Every field our body has is one PayPal's own example request has too, at the same place.
        JsonNode example = JSON.readTree(fixture("orders_create_request_spec_example.json"));
        assertThat(paths(example)).containsAll(paths(withoutFieldsTheExampleLacks(body)));
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameOrderAndCreatesNoSecond() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult first = provider.initiate(payment);
        ProviderResult again = provider.initiate(payment);
        assertThat(again.gatewayReference()).isEqualTo(first.gatewayReference());
        assertThat(again.nextAction()).isEqualTo(first.nextAction());
        assertThat(stub.ordersCreated).hasValue(1);
        assertThat(stub.requests("POST", "/v2/checkout/orders")).extracting(r -> r.header("PayPal-Request-Id"))
                .containsExactly(payment.paymentId(), payment.paymentId());
    }

    @Test
    void anOrderInTheChargeCurrencyIsNotConvertedAndAnotherCurrencyIsRefused() {
        ProviderResult euros = provider.initiate(request(newPaymentId(), PayPalProvider.METHOD, EUR_9_20, Map.of()));
        assertThat(euros.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(euros.charged()).isNull();
        assertThat(euros.exchangeRate()).isNull();

        ProviderResult dollars = provider.initiate(request(newPaymentId(), PayPalProvider.METHOD,
                Money.parse("10.00", "USD"), Map.of()));
        assertThat(dollars.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(dollars.message()).contains("USD");
        assertThat(stub.ordersCreated).hasValue(1);
    }

    @Test
    void conversionRoundsHalfUpToTheChargeCurrency() {
        Conversion c = new Conversion("MAD", "EUR", RATE);
        assertThat(c.toCharge(Money.parse("100.00", "MAD"))).isEqualTo(EUR_9_20);
        assertThat(c.toCharge(Money.parse("0.05", "MAD"))).isEqualTo(Money.parse("0.00", "EUR")); // 0.0046
        assertThat(c.toCharge(Money.parse("0.06", "MAD"))).isEqualTo(Money.parse("0.01", "EUR")); // 0.00552
        assertThat(c.toCharge(Money.parse("12.50", "MAD"))).isEqualTo(Money.parse("1.15", "EUR")); // 1.15
        assertThat(new Conversion("MAD", "EUR", new BigDecimal("0.1")).toCharge(Money.parse("0.05", "MAD")))
                .as("half up, not half even").isEqualTo(Money.parse("0.01", "EUR")); // 0.005
        assertThat(new Conversion("MAD", "JPY", new BigDecimal("14.9")).toCharge(Money.parse("10.05", "MAD")))
                .isEqualTo(Money.parse("150", "JPY")); // 149.745
        assertThat(provider.initiate(request(newPaymentId(), PayPalProvider.METHOD, Money.parse("0.05", "MAD"), Map.of())).status())
                .isEqualTo(ProviderStatus.ERROR);
    }

    @Test
    void aRefusalIsAnErrorWithPayPalsExplanation() {
        stub.failNext("POST", "/v2/checkout/orders", 422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"message\":\"The requested action "
                + "could not be performed, semantically incorrect, or failed business validation.\",\"debug_id\":\"90957fca61718\","
                + "\"details\":[{\"field\":\"/purchase_units/@reference_id=='default'/amount/value\",\"issue\":\"DECIMAL_PRECISION\","
                + "\"description\":\"If the currency supports decimals, only two decimal place precision is supported.\"}]}");
        ProviderResult r = provider.initiate(acceptablePayment(newPaymentId()));
        assertThat(r.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(r.message()).contains("UNPROCESSABLE_ENTITY").contains("DECIMAL_PRECISION")
                .contains("only two decimal place precision");
        assertThat(r.charged()).as("the conversion is still on record").isEqualTo(EUR_9_20);

        PayPalProvider inDirhams = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, WEBHOOK_ID, "MAD", "MAD", null));
        ProviderResult mad = inDirhams.initiate(acceptablePayment(newPaymentId()));
        assertThat(mad.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(mad.message()).contains("CURRENCY_NOT_SUPPORTED");

        stub.failNext("POST", "/v2/checkout/orders", 400, "{\"name\":\"INVALID_REQUEST\",\"message\":\"Request is not well-formed\"}");
        assertThat(provider.initiate(acceptablePayment(newPaymentId())).status()).isEqualTo(ProviderStatus.ERROR);
    }

    @Test
    void aServerErrorOrARateLimitLeavesTheOutcomeUnknown() {
        stub.failNext("POST", "/v2/checkout/orders", 503, "<html>Service Unavailable</html>");
        ProviderResult r = provider.initiate(acceptablePayment(newPaymentId()));
        assertThat(r.status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(r.message()).contains("503");

        stub.failNext("POST", "/v2/checkout/orders", 429, "{\"name\":\"RATE_LIMIT_REACHED\",\"message\":\"Too many requests.\"}");
        assertThat(provider.initiate(acceptablePayment(newPaymentId())).status()).isEqualTo(ProviderStatus.UNKNOWN);

        stub.failNext("POST", "/v1/oauth2/token", 500, "{}");
        PayPalProvider fresh = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, WEBHOOK_ID, "MAD", "EUR", RATE));
        assertThat(fresh.initiate(acceptablePayment(newPaymentId())).status()).as("no token yet").isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(stub.ordersCreated).hasValue(0);
    }

    @Test
    void aGatewayThatIsDownLeavesTheOutcomeUnknown() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PayPalProvider cutOff = provider(settings("http://127.0.0.1:" + closedPort, PayPalStub.CLIENT_SECRET, WEBHOOK_ID,
                "MAD", "EUR", RATE));
        PaymentRequest payment = acceptablePayment(newPaymentId());
        assertThat(cutOff.initiate(payment).status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(cutOff.fetch(new PaymentLookup(payment.paymentId(), payment.orderId(), "5O190127TN364715T", MAD_100)).status())
                .isEqualTo(ProviderStatus.UNKNOWN);
    }

    // ---------------------------------------------------------------- look-up and capture

    @Test
    void anApprovedOrderIsCapturedOnceUnderAnIdempotentRequestId() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        stub.approve(created.gatewayReference());
        stub.staleApproved(); // both look-ups see APPROVED, so both try to capture

        ProviderResult first = provider.fetch(lookup(payment, created));
        ProviderResult second = provider.fetch(lookup(payment, created));

        assertThat(first.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(second.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(first.gatewayReference()).as("the order id stays the reference").isEqualTo(created.gatewayReference());
        assertThat(first.charged()).isEqualTo(EUR_9_20);
        assertThat(first.exchangeRate()).isEqualByComparingTo(RATE);
        List<Recorded> captures = stub.requests("POST", "/v2/checkout/orders/" + created.gatewayReference() + "/capture");
        assertThat(captures).hasSize(2).allSatisfy(c -> assertThat(c.header("PayPal-Request-Id"))
                .isEqualTo("capture-" + payment.paymentId()));
        assertThat(stub.capturesMade).as("PayPal captured once").hasValue(1);
    }

    @Test
    void aCapturedOrderIsProcessedWithoutAnotherCapture() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        stub.approve(created.gatewayReference());
        assertThat(provider.fetch(lookup(payment, created)).status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(provider.fetch(lookup(payment, created)).status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(stub.requests("POST", "/v2/checkout/orders/" + created.gatewayReference() + "/capture")).hasSize(1);
    }

    @Test
    void aCaptureAlreadyMadeUnderAnotherRequestIdIsReadBack() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        stub.approve(created.gatewayReference());
        stub.failNext("GET", "/v2/checkout/orders/" + created.gatewayReference(), 200,
                stub.order(created.gatewayReference()).toString()); // the look-up says APPROVED …
        stub.status(created.gatewayReference(), "COMPLETED"); // … but someone captured it meanwhile
        ((ObjectNode) stub.order(created.gatewayReference()).path("purchase_units").path(0))
                .putObject("payments").putArray("captures").addObject().put("id", "3C679366HH908993F").put("status", "COMPLETED");
        ProviderResult r = provider.fetch(lookup(payment, created));
        assertThat(r.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(stub.capturesMade).hasValue(0);
    }

    @Test
    void orderStatesMapToPaymentOutcomes() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        String id = created.gatewayReference();
        PaymentLookup lookup = lookup(payment, created);

        ProviderResult waiting = provider.fetch(lookup);
        assertThat(waiting.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(waiting.nextAction().url()).endsWith("token=" + id);
        for (String status : List.of("CREATED", "SAVED")) {
            stub.status(id, status);
            assertThat(provider.fetch(lookup).status()).as(status).isEqualTo(ProviderStatus.PENDING);
        }
        stub.status(id, "VOIDED");
        assertThat(provider.fetch(lookup).status()).isEqualTo(ProviderStatus.CANCELED);
        stub.status(id, "COMPLETED"); // captured from PayPal's side
        assertThat(provider.fetch(lookup).status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(stub.capturesMade).hasValue(0);
    }

    @Test
    void anApproveLinkIsUsedWhenThereIsNoPayerActionLink() {
        stub.failNext("POST", "/v2/checkout/orders", 201, "{\"id\":\"5O190127TN364715T\",\"status\":\"CREATED\",\"links\":["
                + "{\"href\":\"https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T\",\"rel\":\"self\",\"method\":\"GET\"},"
                + "{\"href\":\"https://www.paypal.com/checkoutnow?token=5O190127TN364715T\",\"rel\":\"approve\",\"method\":\"GET\"}]}");
        ProviderResult r = provider.initiate(acceptablePayment(newPaymentId()));
        assertThat(r.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(r.gatewayReference()).isEqualTo("5O190127TN364715T");
        assertThat(r.nextAction().url()).isEqualTo("https://www.paypal.com/checkoutnow?token=5O190127TN364715T");
    }

    @Test
    void aDeclinedCaptureFailsAndAPendingOneWaits() {
        PaymentRequest declined = acceptablePayment(newPaymentId());
        ProviderResult d = provider.initiate(declined);
        stub.approve(d.gatewayReference());
        stub.captureStatus("DECLINED");
        assertThat(provider.fetch(lookup(declined, d)).status()).isEqualTo(ProviderStatus.ERROR);

        PaymentRequest pending = acceptablePayment(newPaymentId());
        ProviderResult p = provider.initiate(pending);
        stub.approve(p.gatewayReference());
        stub.captureStatus("PENDING");
        ProviderResult r = provider.fetch(lookup(pending, p));
        assertThat(r.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(r.message()).contains("PENDING_REVIEW");
    }

    @Test
    void aCaptureRefusalIsAnErrorAndACaptureTimeoutUnknown() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        stub.approve(created.gatewayReference());
        String capture = "/v2/checkout/orders/" + created.gatewayReference() + "/capture";
        stub.failNext("POST", capture, 500, "{\"name\":\"INTERNAL_SERVER_ERROR\"}");
        assertThat(provider.fetch(lookup(payment, created)).status()).isEqualTo(ProviderStatus.UNKNOWN);
        stub.failNext("POST", capture, 422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"details\":[{\"issue\":\"INSTRUMENT_DECLINED\","
                + "\"description\":\"The instrument presented was either declined by the processor or bank, or it can't be used for this payment.\"}]}");
        ProviderResult r = provider.fetch(lookup(payment, created));
        assertThat(r.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(r.message()).contains("INSTRUMENT_DECLINED");
        assertThat(r.declineCode()).isEqualTo("instrument_declined");
    }

    @Test
    void aDeclinedCaptureSaysWhyAsACode() {
        var json = PayPalApi.JSON;
        assertThat(Captures.declineCode(json.createObjectNode().set("processor_response",
                json.createObjectNode().put("response_code", "5120")))).isEqualTo("insufficient_funds");
        assertThat(Captures.declineCode(json.createObjectNode().set("processor_response",
                json.createObjectNode().put("response_code", "0500")))).isEqualTo("do_not_honor");
        assertThat(Captures.declineCode(json.createObjectNode().set("processor_response",
                json.createObjectNode().put("response_code", "5400")))).isEqualTo("expired_card");
        assertThat(Captures.declineCode(json.createObjectNode().set("processor_response",
                json.createObjectNode().put("response_code", "4321")))).isEqualTo("processor_4321");
        assertThat(Captures.declineCode(json.createObjectNode().set("status_details",
                json.createObjectNode().put("reason", "BUYER_COMPLAINT")))).isEqualTo("buyer_complaint");
        assertThat(Captures.declineCode(json.createObjectNode())).isEqualTo("unknown");
    }

    @Test
    void anAmountThatDoesNotMatchIsAnErrorAndIsNotCaptured() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        stub.approve(created.gatewayReference());
        ProviderResult r = provider.fetch(new PaymentLookup(payment.paymentId(), payment.orderId(),
                created.gatewayReference(), Money.parse("200.00", "MAD")));
        assertThat(r.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(r.message()).contains("amount mismatch").contains("9.20 EUR").contains("18.40 EUR");
        assertThat(stub.capturesMade).hasValue(0);
    }

    @Test
    void aLookUpWithoutAnOrderIdRecoversTheOrderOfTheUnansweredInitiation() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        ProviderResult found = provider.fetch(new PaymentLookup(payment.paymentId(), payment.orderId(), null, MAD_100));
        assertThat(found.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(found.gatewayReference()).isEqualTo(created.gatewayReference());
        assertThat(found.nextAction().url()).isEqualTo(created.nextAction().url());
        assertThat(stub.ordersCreated).hasValue(1);
    }

    @Test
    void anOrderPayPalDoesNotKnowStaysUnknownAndALookUpErrorToo() {
        PaymentLookup lookup = new PaymentLookup(newPaymentId(), "o-1", "8XS66012KU3856407", MAD_100);
        ProviderResult r = provider.fetch(lookup);
        assertThat(r.status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(r.message()).contains("8XS66012KU3856407");
        stub.failNext("GET", "/v2/checkout/orders/*", 502, "");
        assertThat(provider.fetch(lookup).status()).isEqualTo(ProviderStatus.UNKNOWN);
    }

    // ---------------------------------------------------------------- refunds

    @Test
    void aFullRefundNamesTheWholeAmountUnderTheRefundsIdempotencyKey() {
        Paid paid = paid();
        String key = newPaymentId();
        RefundResult r = provider.refund(new RefundRequest("refund-1", paid.payment.paymentId(), paid.orderId, MAD_100,
                "customer asked", key));
        assertThat(r.status()).isEqualTo(RefundResult.Status.SUCCEEDED);
        assertThat(r.gatewayReference()).isNotBlank();
        Recorded sent = stub.requests("POST", "/v2/payments/captures/" + paid.captureId + "/refund").get(0);
        assertThat(sent.header("PayPal-Request-Id")).isEqualTo(key);
        assertThat(sent.json().path("amount").path("value").asText()).as("named, never left to PayPal").isEqualTo("9.20");
        assertThat(sent.json().path("amount").path("currency_code").asText()).isEqualTo("EUR");
        // Retrying the same refund does not refund twice.
        RefundResult again = provider.refund(new RefundRequest("refund-1", paid.payment.paymentId(), paid.orderId, MAD_100,
                "customer asked", key));
        assertThat(again.gatewayReference()).isEqualTo(r.gatewayReference());
        assertThat(stub.refundsMade).hasValue(1);
    }

    @Test
    void afterARateChangeTheRecordedChargedAmountStillDecidesLookUpsAndRefunds() {
        Paid paid = paid(); // charged EUR 9.20 for MAD 100.00 at 0.092
        PayPalProvider repriced = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, WEBHOOK_ID, "MAD", "EUR",
                new BigDecimal("0.1")));
        Money recorded = Money.parse("9.20", "EUR");
        assertThat(repriced.fetch(new PaymentLookup(paid.payment.paymentId(), "o", paid.orderId, MAD_100, recorded)).status())
                .isEqualTo(ProviderStatus.PROCESSED);
        RefundResult r = repriced.refund(new RefundRequest("refund-3", paid.payment.paymentId(), paid.orderId, MAD_100,
                "cancelled", "rk-3", recorded));
        assertThat(r.status()).isEqualTo(RefundResult.Status.SUCCEEDED);
        JsonNode body = stub.requests("POST", "/v2/payments/captures/" + paid.captureId + "/refund").get(0).json();
        assertThat(body.path("amount").path("value").asText()).as("the whole capture, not EUR 10.00 at today's rate")
                .isEqualTo("9.20");
    }

    @Test
    void aPartialRefundNamesTheConvertedAmountAndTheReason() throws IOException {
        Paid paid = paid();
        RefundResult r = provider.refund(new RefundRequest("refund-2", paid.payment.paymentId(), paid.orderId,
                Money.parse("50.00", "MAD"), "DefectiveProduct", "rk-2"));
        assertThat(r.status()).isEqualTo(RefundResult.Status.SUCCEEDED);
        JsonNode body = stub.requests("POST", "/v2/payments/captures/" + paid.captureId + "/refund").get(0).json();
        assertThat(body.path("amount").path("value").asText()).isEqualTo("4.60");
        assertThat(body.path("amount").path("currency_code").asText()).isEqualTo("EUR");
        assertThat(body.path("note_to_payer").asText()).isEqualTo("DefectiveProduct");
        JsonNode example = JSON.readTree(fixture("captures_refund_request_spec_example.json"));
        assertThat(paths(example)).containsAll(paths(body));
    }

    @Test
    void refundOutcomesAreMapped() {
        Paid paid = paid();
        stub.refundStatus("PENDING");
        RefundResult pending = provider.refund(refund(paid, "rk-p"));
        assertThat(pending.status()).isEqualTo(RefundResult.Status.PENDING);
        assertThat(pending.message()).contains("ECHECK");
        stub.refundStatus("FAILED");
        assertThat(provider.refund(refund(paid, "rk-f")).status()).isEqualTo(RefundResult.Status.FAILED);

        String path = "/v2/payments/captures/" + paid.captureId + "/refund";
        stub.failNext("POST", path, 422, "{\"name\":\"UNPROCESSABLE_ENTITY\",\"details\":[{\"issue\":\"REFUND_AMOUNT_EXCEEDED\","
                + "\"description\":\"The refund amount must be less than or equal to the capture amount that has not yet been refunded.\"}]}");
        RefundResult refused = provider.refund(refund(paid, "rk-r"));
        assertThat(refused.status()).isEqualTo(RefundResult.Status.FAILED);
        assertThat(refused.message()).contains("REFUND_AMOUNT_EXCEEDED");

        stub.failNext("POST", path, 503, "");
        RefundResult unknown = provider.refund(refund(paid, "rk-u"));
        assertThat(unknown.status()).isEqualTo(RefundResult.Status.PENDING);
        assertThat(unknown.message()).startsWith("unknown: retry");
    }

    @Test
    void aRefundOfAnUncapturedOrNonexistentOrderFails() throws IOException {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        RefundResult notCaptured = provider.refund(new RefundRequest("r", payment.paymentId(), created.gatewayReference(),
                MAD_100, null, "rk-1"));
        assertThat(notCaptured.status()).isEqualTo(RefundResult.Status.FAILED);
        assertThat(notCaptured.message()).contains("no capture");
        assertThat(provider.refund(new RefundRequest("r", payment.paymentId(), null, MAD_100, null, "rk-2")).status())
                .isEqualTo(RefundResult.Status.FAILED);
        assertThat(provider.refund(new RefundRequest("r", payment.paymentId(), "NOSUCHORDER", MAD_100, null, "rk-3")).status())
                .isEqualTo(RefundResult.Status.FAILED);

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PayPalProvider cutOff = provider(settings("http://127.0.0.1:" + closedPort, PayPalStub.CLIENT_SECRET, WEBHOOK_ID,
                "MAD", "EUR", RATE));
        RefundResult unreachable = cutOff.refund(new RefundRequest("r", payment.paymentId(), created.gatewayReference(),
                MAD_100, null, "rk-4"));
        assertThat(unreachable.status()).isEqualTo(RefundResult.Status.FAILED);
        assertThat(unreachable.message()).contains("nothing was refunded");
        assertThat(stub.refundsMade).hasValue(0);
    }

    @Test
    void aRefundThatTimesOutIsPendingWithRetry() {
        Paid paid = paid();
        stub.unresponsive();
        RefundResult r = provider.refund(refund(paid, "rk-t"));
        assertThat(r.status()).isEqualTo(RefundResult.Status.PENDING);
        assertThat(r.message()).startsWith("unknown: retry");
    }

    // ---------------------------------------------------------------- webhooks

    @Test
    void aWebhookIsPassedOnByteForByteWithItsHeadersAndAcceptedWhenPayPalSaysSuccess() throws Exception {
        String body = captureCompleted("WH-V1", "pay-1", "5O190127TN364715T", "9.20");
        WebhookRequest w = signed(body);

        WebhookEvent event = provider.verifyWebhook(w);

        assertThat(event.eventId()).isEqualTo("WH-V1");
        assertThat(event.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(stub.verifications).hasSize(1);
        Verification v = stub.verifications.get(0);
        JsonNode sent = v.request();
        assertThat(sent.path("auth_algo").asText()).isEqualTo(w.header("PAYPAL-AUTH-ALGO"));
        assertThat(sent.path("cert_url").asText()).isEqualTo(w.header("PAYPAL-CERT-URL"));
        assertThat(sent.path("transmission_id").asText()).isEqualTo(w.header("PAYPAL-TRANSMISSION-ID"));
        assertThat(sent.path("transmission_sig").asText()).isEqualTo(w.header("PAYPAL-TRANSMISSION-SIG"));
        assertThat(sent.path("transmission_time").asText()).isEqualTo(w.header("PAYPAL-TRANSMISSION-TIME"));
        assertThat(sent.path("webhook_id").asText()).isEqualTo(WEBHOOK_ID);
        assertThat(sent.path("webhook_event")).isEqualTo(JSON.readTree(body));
        assertThat(v.eventBytes()).as("the exact bytes PayPal signed").isEqualTo(w.body());
        assertThat(v.crc32()).isEqualTo(crc32(w.body()));
        assertThat(fieldNames(sent)).isEqualTo(fieldNames(JSON.readTree(
                fixture("verify_webhook_signature_request_spec_example.json"))));
        assertThat(stub.requests("POST", "/v1/notifications/verify-webhook-signature").get(0).header("Authorization"))
                .startsWith("Bearer ");
    }

    @Test
    void aWebhookPayPalDoesNotVerifyIsRefused() throws Exception {
        stub.verdict("FAILURE");
        assertThatThrownBy(() -> provider.verifyWebhook(signed(captureCompleted("WH-V2", "pay-1", "5O190127TN364715T", "9.20"))))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("FAILURE");
        stub.verdict("SOMETHING_ELSE");
        assertThatThrownBy(() -> provider.verifyWebhook(signed(captureCompleted("WH-V3", "pay-1", "5O190127TN364715T", "9.20"))))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("SOMETHING_ELSE");
        assertThat(stub.verifications).hasSize(2);
    }

    @Test
    void aWebhookMissingAnyTransmissionHeaderIsRefusedWithoutAsking() throws Exception {
        Fixture f = webhookFixture();
        PayPalProvider p = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, f.webhookId, "MAD", "EUR", RATE));
        stub.verdict("SUCCESS");
        for (String name : f.headers.keySet()) {
            Map<String, List<String>> headers = new LinkedHashMap<>(f.headers);
            headers.remove(name);
            assertThatThrownBy(() -> p.verifyWebhook(new WebhookRequest(headers, f.body)))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining(name);
            headers.put(name, List.of(" "));
            assertThatThrownBy(() -> p.verifyWebhook(new WebhookRequest(headers, f.body)))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining(name);
        }
        assertThat(stub.verifications).isEmpty();
    }

    @Test
    void aWebhookThatCannotBeVerifiedIsRefused() throws Exception {
        WebhookRequest w = signed(captureCompleted("WH-V4", "pay-1", "5O190127TN364715T", "9.20"));
        stub.failNext("POST", "/v1/notifications/verify-webhook-signature", 500, "{\"name\":\"INTERNAL_SERVER_ERROR\"}");
        assertThatThrownBy(() -> provider.verifyWebhook(w))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("500");

        PayPalProvider noWebhookId = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, null, "MAD", "EUR", RATE));
        assertThatThrownBy(() -> noWebhookId.verifyWebhook(w))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("webhook.id");

        PayPalProvider wrong = provider(settings(stub.baseUrl(), "not-the-secret", WEBHOOK_ID, "MAD", "EUR", RATE));
        assertThatThrownBy(() -> wrong.verifyWebhook(w))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("credentials");

        stub.unresponsive();
        assertThatThrownBy(() -> provider.verifyWebhook(w)).as("a 500 is no refusal: the same webhook is asked again")
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("timed out");
    }

    @Test
    void aBodyThatIsNotExactlyOneJsonObjectIsRefusedBeforeItIsPassedOn() throws Exception {
        Fixture f = webhookFixture();
        PayPalProvider p = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, f.webhookId, "MAD", "EUR", RATE));
        stub.verdict("SUCCESS");
        for (String body : List.of("not json", "[1,2]", "{\"id\":\"WH-1\"}, \"webhook_id\":\"someone-else\"", "")) {
            assertThatThrownBy(() -> p.verifyWebhook(new WebhookRequest(f.headers, body.getBytes(StandardCharsets.UTF_8))))
                    .as(body).isInstanceOf(WebhookRejectedException.class);
        }
        assertThat(stub.verifications).isEmpty();
    }

    @Test
    void aCaptureEventNamesThePaymentAndTheOrder() throws Exception {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        WebhookEvent completed = provider.verifyWebhook(signed(captureCompleted("WH-1", payment.paymentId(),
                created.gatewayReference(), "9.20")));
        assertThat(completed.eventId()).isEqualTo("WH-1");
        assertThat(completed.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(completed.paymentId()).isEqualTo(payment.paymentId());
        assertThat(completed.gatewayReference()).isEqualTo(created.gatewayReference());
        assertThat(completed.amount()).as("what PayPal captured, in the currency it captured").isEqualTo(EUR_9_20);

        String denied = captureCompleted("WH-2", payment.paymentId(), created.gatewayReference(), "9.20")
                .replace("PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED").replace("\"status\":\"COMPLETED\"", "\"status\":\"DECLINED\"");
        assertThat(provider.verifyWebhook(signed(denied)).status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(provider.verifyWebhook(signed(denied)).declineCode()).isEqualTo("unknown");
        assertThat(provider.verifyWebhook(signed(denied.replace("CAPTURE.DENIED", "CAPTURE.DECLINED"))).status())
                .isEqualTo(ProviderStatus.ERROR);
    }

    @Test
    void anApprovalEventWaitsForTheCaptureAndNamesTheOrderAndThePayment() throws Exception {
        String body = "{\"id\":\"WH-9\",\"event_version\":\"1.0\",\"create_time\":\"2024-05-02T10:00:00.000Z\","
                + "\"resource_type\":\"checkout-order\",\"resource_version\":\"2.0\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\","
                + "\"summary\":\"An order has been approved by buyer\",\"resource\":{\"id\":\"5O190127TN364715T\",\"intent\":\"CAPTURE\","
                + "\"status\":\"APPROVED\",\"purchase_units\":[{\"reference_id\":\"o-1\",\"custom_id\":\"pay-7\",\"invoice_id\":\"pay-7\","
                + "\"amount\":{\"currency_code\":\"EUR\",\"value\":\"9.20\"}}]}}";
        WebhookEvent event = provider.verifyWebhook(signed(body));
        assertThat(event).isEqualTo(new WebhookEvent("WH-9", "pay-7", "5O190127TN364715T", ProviderStatus.PENDING, EUR_9_20));

        PayPalProvider euros = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, WEBHOOK_ID, "EUR", "EUR", null));
        assertThat(euros.verifyWebhook(signed(body)).amount()).as("no conversion: the amount is the order's")
                .isEqualTo(EUR_9_20);
    }

    @Test
    void aWebhookIsVerifiedOverItsExactBytesNotAReserialisation() throws Exception {
        // Whitespace, a unicode escape and a number Jackson would rewrite: only the exact bytes pass PayPal's CRC32.
        String pretty = "{\n  \"id\" : \"WH-3\",\n  \"event_type\" : \"PAYMENT.CAPTURE.COMPLETED\",\n  \"resource_type\" : \"capture\",\n"
                + "  \"resource\" : {\n    \"id\" : \"2GG279541U471931P\", \"note\" : \"caf\\u00e9\", \"rate\" : 1.10,\n"
                + "    \"amount\" : { \"currency_code\" : \"EUR\", \"value\" : \"9.20\" },\n    \"custom_id\" : \"pay-3\"\n  }\n}";
        WebhookEvent event = provider.verifyWebhook(signed(pretty));
        assertThat(event.eventId()).isEqualTo("WH-3");
        assertThat(event.paymentId()).isEqualTo("pay-3");
        assertThat(stub.verifications.get(0).eventBytes()).isEqualTo(pretty.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWebhookWithoutAnEventIdIsRefused() {
        assertThatThrownBy(() -> provider.verifyWebhook(signed("{\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{}}")))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("'id'");
    }

    // ---------------------------------------------------------------- what a capture event settles

    @Test
    void aCaptureEventReportsWhatWasCapturedEvenWhenItIsNotWhatWasCharged() throws Exception {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        WebhookEvent cent = provider.verifyWebhook(signed(captureCompleted("WH-C1", payment.paymentId(),
                created.gatewayReference(), "0.01")));
        assertThat(cent.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(cent.amount()).as("never dropped for a converted payment: the core compares it with 9.20 EUR")
                .isEqualTo(Money.parse("0.01", "EUR"));
        assertThat(cent.gatewayReference()).as("the PayPal order, as stored for the payment").isEqualTo(created.gatewayReference());

        String dollars = captureCompleted("WH-C2", payment.paymentId(), created.gatewayReference(), "9.20")
                .replace("\"currency_code\":\"EUR\"", "\"currency_code\":\"USD\"");
        assertThat(provider.verifyWebhook(signed(dollars)).amount()).isEqualTo(Money.parse("9.20", "USD"));

        String denied = captureCompleted("WH-C3", payment.paymentId(), created.gatewayReference(), "9.20")
                .replace("PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED").replace("\"status\":\"COMPLETED\"", "\"status\":\"DECLINED\"");
        assertThat(provider.verifyWebhook(signed(denied)).amount()).isEqualTo(EUR_9_20);
    }

    @Test
    void aCaptureEventThatDoesNotSayWhichOrderOrHowMuchSettlesNothing() throws Exception {
        String complete = captureCompleted("WH-D1", "pay-1", "5O190127TN364715T", "9.20");
        String noOrder = complete.replace(",\"supplementary_data\":{\"related_ids\":{\"order_id\":\"5O190127TN364715T\"}}", "");
        String noAmount = complete.replace("\"amount\":{\"currency_code\":\"EUR\",\"value\":\"9.20\"},", "");
        String badAmount = complete.replace("\"value\":\"9.20\"", "\"value\":\"nine\"");
        String stillPending = complete.replace("\"status\":\"COMPLETED\"", "\"status\":\"PENDING\"");
        for (String body : List.of(noOrder, noAmount, badAmount, stillPending)) {
            assertThat(body).isNotEqualTo(complete);
            WebhookEvent event = provider.verifyWebhook(signed(body));
            assertThat(event.status()).as(body).isEqualTo(ProviderStatus.PENDING);
            assertThat(event.paymentId()).isEqualTo("pay-1");
        }
        assertThat(provider.verifyWebhook(signed(complete)).status()).isEqualTo(ProviderStatus.PROCESSED);
    }

    @Test
    void aVerifiedCaptureEventAboutNoOrderAndNoPaymentIsBadInputNamingTheFieldNeverIgnored() {
        String nothing = captureCompleted("WH-E1", "pay-1", "5O190127TN364715T", "9.20")
                .replace(",\"supplementary_data\":{\"related_ids\":{\"order_id\":\"5O190127TN364715T\"}}", "")
                .replace("\"custom_id\":\"pay-1\",", "");
        assertThatThrownBy(() -> provider.verifyWebhook(signed(nothing)))
                .isInstanceOfSatisfying(org.souk.common.api.ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("resource.supplementary_data.related_ids.order_id"));
        assertThat(stub.verifications).as("verified first: only a signed body is bad input").hasSize(1);
    }

    // ---------------------------------------------------------------- look-ups check whose order it is

    @Test
    void anOrderOfAnotherPaymentIsNeitherCapturedNorConfirmed() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        stub.approve(created.gatewayReference());
        ProviderResult r = provider.fetch(new PaymentLookup("someone-else", payment.orderId(), created.gatewayReference(),
                MAD_100));
        assertThat(r.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(r.message()).contains("order mismatch").contains(payment.paymentId());
        assertThat(stub.capturesMade).hasValue(0);

        stub.status(created.gatewayReference(), "COMPLETED"); // captured from PayPal's side
        assertThat(provider.fetch(new PaymentLookup("someone-else", payment.orderId(), created.gatewayReference(), MAD_100))
                .status()).isNotEqualTo(ProviderStatus.PROCESSED);
    }

    @Test
    void anOrderThatNamesNoPaymentIsNotSettledOnItsWord() {
        stub.failNext("GET", "/v2/checkout/orders/5O190127TN364715T", 200, "{\"id\":\"5O190127TN364715T\",\"status\":\"COMPLETED\","
                + "\"purchase_units\":[{\"amount\":{\"currency_code\":\"EUR\",\"value\":\"9.20\"},\"payments\":{\"captures\":"
                + "[{\"id\":\"3C679366HH908993F\",\"status\":\"COMPLETED\"}]}}]}");
        ProviderResult r = provider.fetch(new PaymentLookup("pay-1", "o-1", "5O190127TN364715T", MAD_100));
        assertThat(r.status()).isEqualTo(ProviderStatus.UNKNOWN);
    }

    @Test
    void aCaptureRefundedAtPayPalNeverConfirmsAPendingPayment() {
        Paid paid = paid();
        PaymentLookup lookup = new PaymentLookup(paid.payment.paymentId(), paid.payment.orderId(), paid.orderId, MAD_100);
        capture(paid).put("status", "PARTIALLY_REFUNDED");
        ProviderResult partly = provider.fetch(lookup);
        assertThat(partly.status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(partly.message()).contains("partly refunded");
        capture(paid).put("status", "REFUNDED");
        ProviderResult refunded = provider.fetch(lookup);
        assertThat(refunded.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(refunded.message()).contains("refunded");
    }

    @Test
    void aRefundBeyondWhatIsLeftIsRefusedNotShrunk() {
        Paid paid = paid();
        assertThat(provider.refund(new RefundRequest("r1", paid.payment.paymentId(), paid.orderId,
                Money.parse("50.00", "MAD"), null, "rk-half")).status()).isEqualTo(RefundResult.Status.SUCCEEDED);
        RefundResult all = provider.refund(new RefundRequest("r2", paid.payment.paymentId(), paid.orderId, MAD_100, null,
                "rk-all"));
        assertThat(all.status()).isEqualTo(RefundResult.Status.FAILED);
        assertThat(all.message()).contains("REFUND_AMOUNT_EXCEEDED");
        assertThat(stub.refundsMade).hasValue(1);
    }

    @Test
    void theClientSendsNoDetailsPayPalNeeds() {
        assertThat(provider.checkDetails(PayPalProvider.METHOD, Map.of())).isEmpty();
        assertThat(provider.checkDetails(PayPalProvider.METHOD, Map.of("anything", "x"))).isEmpty();
    }

    // ---------------------------------------------------------------- webhooks checked before PayPal is asked

    @Test
    void malformedTransmissionHeadersAreRefusedWithoutCallingPayPal() {
        String body = captureCompleted("WH-H1", "pay-1", "5O190127TN364715T", "9.20");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("Paypal-Auth-Algo", "SHA1withRSA");
        bad.put("Paypal-Cert-Url", "http://api.sandbox.paypal.com/v1/notifications/certs/CERT-1");
        bad.put("Paypal-Cert-Url ", "https://evil.example/v1/notifications/certs/CERT-1");
        bad.put("Paypal-Cert-Url  ", "https://api.paypal.com.evil.example/certs/CERT-1");
        bad.put("Paypal-Cert-Url   ", "https://evilpaypal.com/certs/CERT-1");
        bad.put("Paypal-Cert-Url    ", "https://api.paypal.com@evil.example/certs/CERT-1");
        bad.put("Paypal-Cert-Url     ", "https://api.paypal.com:8443/certs/CERT-1");
        bad.put("Paypal-Cert-Url      ", "not a url at all");
        bad.put("Paypal-Cert-Url       ", "https://api.paypal.com/" + "x".repeat(600));
        bad.put("Paypal-Transmission-Id", "b2384410 f8d2;drop");
        bad.put("Paypal-Transmission-Id ", "a".repeat(65));
        bad.put("Paypal-Transmission-Sig", "not base64!");
        bad.put("Paypal-Transmission-Sig ", "A".repeat(3000));
        bad.put("Paypal-Transmission-Time", "yesterday");
        bad.put("Paypal-Transmission-Time ", clock.instant().minus(Duration.ofMinutes(31)).toString());
        bad.put("Paypal-Transmission-Time  ", clock.instant().plus(Duration.ofMinutes(31)).toString());
        for (Map.Entry<String, String> e : bad.entrySet()) {
            WebhookRequest signed = signed(body);
            Map<String, List<String>> headers = new HashMap<>(signed.headers());
            headers.put(e.getKey().trim(), List.of(e.getValue()));
            String header = e.getKey().trim().toUpperCase(java.util.Locale.ROOT);
            assertThatThrownBy(() -> provider.verifyWebhook(new WebhookRequest(headers, signed.body())))
                    .as("%s: %s", header, e.getValue()).isInstanceOf(WebhookRejectedException.class)
                    .hasMessageContaining(header);
        }
        assertThat(stub.requests).as("PayPal was never asked, not even for a token").isEmpty();
    }

    @Test
    void wellFormedHeadersWithinTheWindowAreVerifiedByPayPal() throws Exception {
        String body = captureCompleted("WH-H2", "pay-1", "5O190127TN364715T", "9.20");
        for (String certUrl : List.of("https://api.paypal.com/v1/notifications/certs/CERT-1",
                "https://API.Sandbox.PayPal.com:443/v1/notifications/certs/CERT-2")) {
            WebhookRequest signed = signed(body);
            Map<String, List<String>> headers = new HashMap<>(signed.headers());
            headers.put("Paypal-Cert-Url", List.of(certUrl));
            assertThat(provider.verifyWebhook(new WebhookRequest(headers, signed.body())).eventId()).isEqualTo("WH-H2");
        }
        clock.advance(Duration.ofMinutes(29)); // sent 29 minutes ago
        assertThat(provider.verifyWebhook(signedAt(body, clock.instant().minus(Duration.ofMinutes(29)))).eventId())
                .isEqualTo("WH-H2");
    }

    @Test
    void theCertificateHostsAndTheWindowAreConfigurable() throws Exception {
        PayPalProvider local = provider(settings(stub.baseUrl(), WEBHOOK_ID, new Settings.Webhooks(List.of("Example.Test"),
                Duration.ofMinutes(1), 4, Duration.ofSeconds(3)), Duration.ofMillis(2500)));
        String body = captureCompleted("WH-H3", "pay-1", "5O190127TN364715T", "9.20");
        WebhookRequest signed = signed(body);
        Map<String, List<String>> headers = new HashMap<>(signed.headers());
        headers.put("Paypal-Cert-Url", List.of("https://hooks.example.test/certs/CERT-1"));
        assertThat(local.verifyWebhook(new WebhookRequest(headers, signed.body())).eventId()).isEqualTo("WH-H3");
        assertThatThrownBy(() -> local.verifyWebhook(signed)).as("paypal.com is no longer allowed")
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("example.test");
        WebhookRequest late = signedAt(body, clock.instant().minus(Duration.ofMinutes(2)));
        Map<String, List<String>> lateHeaders = new HashMap<>(late.headers());
        lateHeaders.put("Paypal-Cert-Url", List.of("https://hooks.example.test/certs/CERT-1"));
        assertThatThrownBy(() -> local.verifyWebhook(new WebhookRequest(lateHeaders, late.body())))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("60 s");
    }

    @Test
    void aBodyWithoutAnEventIdOrTypeOfASaneShapeIsRefusedWithoutCallingPayPal() {
        for (String body : List.of("{\"id\":\"WH-1\",\"resource\":{}}", "{\"id\":\"WH-1\",\"event_type\":\"\"}",
                "{\"id\":\"WH 1; drop\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}",
                "{\"id\":\"" + "W".repeat(101) + "\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}",
                "{\"id\":\"WH-1\",\"event_type\":\"PAYMENT CAPTURE <b>\"}", "{\"id\":{\"x\":1},\"event_type\":\"X\"}")) {
            assertThatThrownBy(() -> provider.verifyWebhook(signed(body))).as(body)
                    .isInstanceOf(WebhookRejectedException.class).hasMessageMatching(".*'(id|event_type)'.*");
        }
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void onlyAFewVerificationsRunAtOnceAndTheRestAreRefusedAtOnce() throws Exception {
        PayPalProvider capped = provider(settings(stub.baseUrl(), WEBHOOK_ID, new Settings.Webhooks(List.of("paypal.com"),
                Duration.ofMinutes(30), 2, Duration.ofSeconds(20)), Duration.ofSeconds(20)));
        capped.initiate(acceptablePayment(newPaymentId())); // a token, so that the verifications go straight to PayPal
        stub.holdVerifications(20_000);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<WebhookEvent>> held = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                WebhookRequest w = signed(captureCompleted("WH-P" + i, "pay-1", "5O190127TN364715T", "9.20"));
                held.add(pool.submit(() -> capped.verifyWebhook(w)));
            }
            assertThat(stub.verificationsArrived.tryAcquire(2, 20, java.util.concurrent.TimeUnit.SECONDS))
                    .as("two verifications under way at PayPal").isTrue();

            assertThatThrownBy(() -> capped.verifyWebhook(signed(captureCompleted("WH-P9", "pay-1", "5O190127TN364715T", "9.20"))))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("too many").hasMessageContaining("retry");
            assertThat(stub.verifications).as("the third was not passed on").hasSize(2);

            stub.releaseVerifications();
            for (java.util.concurrent.Future<WebhookEvent> f : held) {
                assertThat(f.get(20, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(ProviderStatus.PROCESSED);
            }
            assertThat(capped.verifyWebhook(signed(captureCompleted("WH-P3", "pay-1", "5O190127TN364715T", "9.20"))).eventId())
                    .as("the slots are free again").isEqualTo("WH-P3");
        } finally {
            stub.releaseVerifications();
            pool.shutdownNow();
        }
    }

    @Test
    void aVerificationGetsTheShortTimeoutNotTheRequestTimeout() throws Exception {
        // Requests may take 30 s, a verification 300 ms; PayPal answers SUCCESS after at most 10 s.
        PayPalProvider p = provider(settings(stub.baseUrl(), WEBHOOK_ID, new Settings.Webhooks(List.of("paypal.com"),
                Duration.ofMinutes(30), 4, Duration.ofMillis(300)), Duration.ofSeconds(30)));
        stub.holdVerifications(10_000);
        try {
            assertThatThrownBy(() -> p.verifyWebhook(signed(captureCompleted("WH-T1", "pay-1", "5O190127TN364715T", "9.20"))))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("timed out");
        } finally {
            stub.releaseVerifications();
        }
    }

    // ---------------------------------------------------------------- what unauthenticated webhooks may cost

    @Test
    void aBurstOfForgedWebhooksCostsNoMoreVerificationsThanThePerMinuteAllowance() throws Exception {
        PayPalProvider limited = provider(settings(stub.baseUrl(), WEBHOOK_ID, new Settings.Webhooks(List.of("paypal.com"),
                Duration.ofMinutes(30), 4, Duration.ofSeconds(3), 20, 1_000), Duration.ofMillis(2500)));
        int refusedAtOnce = 0;
        for (int i = 0; i < 60; i++) {
            WebhookRequest forged = forged(captureCompleted("WH-F" + i, "pay-1", "5O190127TN364715T", "9.20"));
            try {
                limited.verifyWebhook(forged);
                throw new AssertionError("a forged webhook was accepted");
            } catch (WebhookRejectedException e) {
                refusedAtOnce += e.getMessage().contains("per minute") ? 1 : 0;
            }
        }
        assertThat(stub.verifications).as("verify calls PayPal got for 60 forged webhooks").hasSize(20);
        assertThat(refusedAtOnce).isEqualTo(40);

        clock.advance(Duration.ofSeconds(30)); // refilled continuously: 10 more in half a minute, not 20
        for (int i = 0; i < 30; i++) {
            WebhookRequest forged = forged(captureCompleted("WH-G" + i, "pay-1", "5O190127TN364715T", "9.20"));
            assertThatThrownBy(() -> limited.verifyWebhook(forged)).isInstanceOf(WebhookRejectedException.class);
        }
        assertThat(stub.verifications).hasSize(30);

        WebhookRequest genuine = signed(captureCompleted("WH-G", "pay-1", "5O190127TN364715T", "9.20"));
        assertThatThrownBy(() -> limited.verifyWebhook(genuine)).as("refused at once; PayPal delivers it again")
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("per minute").hasMessageContaining("retry");
        assertThat(stub.verifications).hasSize(30);
        clock.advance(Duration.ofSeconds(3)); // one more
        assertThat(limited.verifyWebhook(genuine).status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(stub.verifications).hasSize(31);
    }

    @Test
    void onlyAFewRefusedTransmissionsAreRemembered() throws Exception {
        PayPalProvider small = provider(settings(stub.baseUrl(), WEBHOOK_ID, new Settings.Webhooks(List.of("paypal.com"),
                Duration.ofMinutes(30), 4, Duration.ofSeconds(3), 120, 2), Duration.ofMillis(2500)));
        List<WebhookRequest> forged = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            forged.add(forged(captureCompleted("WH-M" + i, "pay-1", "5O190127TN364715T", "9.20")));
            assertThatThrownBy(() -> small.verifyWebhook(forged.get(forged.size() - 1))).hasMessageContaining("FAILURE");
        }
        assertThatThrownBy(() -> small.verifyWebhook(forged.get(2))).hasMessageContaining("already refused");
        assertThatThrownBy(() -> small.verifyWebhook(forged.get(0))).as("forgotten: only two are kept")
                .hasMessageContaining("FAILURE");
        assertThat(stub.verifications).hasSize(4);

        PayPalProvider none = provider(settings(stub.baseUrl(), WEBHOOK_ID, new Settings.Webhooks(List.of("paypal.com"),
                Duration.ofMinutes(30), 4, Duration.ofSeconds(3), 120, 0), Duration.ofMillis(2500)));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> none.verifyWebhook(forged.get(1))).hasMessageContaining("FAILURE");
        }
        assertThat(stub.verifications).hasSize(6);
    }

    @Test
    void anEventTypeSoukDoesNotActOnIsAcknowledgedAsIgnoredWithoutAskingPayPal() throws Exception {
        Fixture f = webhookFixture(); // PayPal's own v1 sale event: nothing Souk's Orders v2 payments ever produce
        stub.verdict("SUCCESS");
        PayPalProvider p = provider(settings(stub.baseUrl(), PayPalStub.CLIENT_SECRET, f.webhookId, "MAD", "EUR", RATE));
        WebhookEvent sale = p.verifyWebhook(new WebhookRequest(f.headers, f.body));
        assertThat(sale.isIgnored()).isTrue();
        assertThat(sale.ignoredBecause()).contains("PAYMENT.SALE.COMPLETED");
        assertThat(sale.eventId()).as("unverified: its id is not kept").isNull();
        clock.set(Instant.parse("2024-05-02T10:00:00Z"));
        String capture = captureCompleted("WH-I1", "pay-1", "5O190127TN364715T", "9.20");
        for (String type : List.of("PAYMENT.CAPTURE.REFUNDED", "PAYMENT.CAPTURE.PENDING", "CUSTOMER.DISPUTE.CREATED",
                "CHECKOUT.ORDER.COMPLETED", "payment.capture.completed")) {
            WebhookRequest other = signed(capture.replace("PAYMENT.CAPTURE.COMPLETED", type));
            WebhookEvent ignored = provider.verifyWebhook(other);
            assertThat(ignored.isIgnored()).as(type).isTrue();
            assertThat(ignored.ignoredBecause()).as(type).contains(type);
        }
        assertThat(stub.requests).as("PayPal was never asked, not even for a token").isEmpty();
    }

    @Test
    void aTransmissionPayPalRefusedIsRefusedLocallyWhenItComesAgain() throws Exception {
        String body = captureCompleted("WH-N1", "pay-1", "5O190127TN364715T", "9.20");
        WebhookRequest forged = forged(body);
        assertThatThrownBy(() -> provider.verifyWebhook(forged)).isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("FAILURE");
        assertThat(stub.verifications).hasSize(1);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.verifyWebhook(forged)).isInstanceOf(WebhookRejectedException.class)
                    .hasMessageContaining("already refused");
        }
        assertThat(stub.verifications).as("asked once, not four times").hasSize(1);

        // Someone who learns a transmission id cannot spoil it by sending it first with a bad signature.
        String id = forged.header(WebhookShape.H_ID);
        Instant sent = Instant.parse(forged.header(WebhookShape.H_TIME));
        assertThat(provider.verifyWebhook(signedAt(body, sent, id)).status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(stub.verifications).hasSize(2);
    }

    @Test
    void aSlowTokenDoesNotHoldAWebhookPastItsDeadline() throws Exception {
        // Requests may take 30 s, a verification (token included) 300 ms.
        PayPalProvider p = provider(settings(stub.baseUrl(), WEBHOOK_ID, new Settings.Webhooks(List.of("paypal.com"),
                Duration.ofMinutes(30), 4, Duration.ofMillis(300)), Duration.ofSeconds(30)));
        WebhookRequest webhook = signed(captureCompleted("WH-S1", "pay-1", "5O190127TN364715T", "9.20"));
        stub.holdTokens(20_000);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // A payment gets the token lock first and waits for PayPal's token endpoint with its 30 s timeout.
            java.util.concurrent.Future<ProviderResult> payment = pool.submit(() -> p.initiate(acceptablePayment(newPaymentId())));
            assertThat(stub.tokenRequestsArrived.tryAcquire(20, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the payment's token request is under way").isTrue();

            java.util.concurrent.Future<Throwable> refused = pool.submit(
                    () -> org.assertj.core.api.Assertions.catchThrowable(() -> p.verifyWebhook(webhook)));
            Throwable answer = refused.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(stub.tokensBeingHeld).as("the webhook was answered while the token request was still under way")
                    .hasValue(1);
            assertThat(answer).isInstanceOf(WebhookRejectedException.class).hasMessageContaining("timed out");
            assertThat(stub.verifications).isEmpty();

            stub.releaseTokens();
            assertThat(payment.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(ProviderStatus.PENDING);
        } finally {
            stub.releaseTokens();
            pool.shutdownNow();
        }
    }

    @Test
    void readsTheWebhookLimitsWithTheirDefaults() {
        Map<String, Object> values = new HashMap<>(Map.of("client_id", "id-1", "_client_secret", "secret-1",
                "return_url", "https://souk.example/return", "cancel_url", "https://souk.example/cancel",
                "exchange_rate", "0.092"));
        Settings.Webhooks defaults = Settings.of(config(values)).webhooks();
        assertThat(defaults.certHosts()).containsExactly("paypal.com");
        assertThat(defaults.timeWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.maxConcurrentVerifications()).isEqualTo(4);
        assertThat(defaults.verifyTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.verificationsPerMinute()).isEqualTo(120);
        assertThat(defaults.refusedCacheSize()).isEqualTo(1_000);

        values.put("webhook_cert_hosts", "paypal.com, .Example.Test");
        values.put("webhook_time_window_s", 60L);
        values.put("webhook_max_verifications", 1);
        values.put("webhook_verify_timeout_ms", 500L);
        values.put("webhook_verifications_per_minute", 30);
        values.put("webhook_refused_cache_size", 0);
        Settings.Webhooks set = Settings.of(config(values)).webhooks();
        assertThat(set.certHosts()).containsExactly("paypal.com", "example.test");
        assertThat(set.allowsCertHost("api.paypal.com")).isTrue();
        assertThat(set.allowsCertHost("hooks.example.test")).isTrue();
        assertThat(set.allowsCertHost("notpaypal.com")).isFalse();
        assertThat(set).isEqualTo(new Settings.Webhooks(List.of("paypal.com", "example.test"), Duration.ofMinutes(1), 1,
                Duration.ofMillis(500), 30, 0));

        values.put("webhook_verifications_per_minute", 0);
        assertThatThrownBy(() -> Settings.of(config(values))).hasMessageContaining("webhook.verifications.per.minute");
        values.put("webhook_verifications_per_minute", 30);
        values.put("webhook_refused_cache_size", -1);
        assertThatThrownBy(() -> Settings.of(config(values))).hasMessageContaining("webhook.refused.cache.size");
        values.put("webhook_refused_cache_size", 0);

        values.put("webhook_max_verifications", 0);
        assertThatThrownBy(() -> Settings.of(config(values))).hasMessageContaining("webhook.max.verifications");
        values.put("webhook_max_verifications", 1);
        values.put("webhook_cert_hosts", " , ");
        assertThatThrownBy(() -> Settings.of(config(values))).hasMessageContaining("webhook.cert.hosts");
    }

    // ---------------------------------------------------------------- helpers

    private record Paid(PaymentRequest payment, String orderId, String captureId) {
    }

    private Paid paid() {
        PaymentRequest payment = acceptablePayment(newPaymentId());
        ProviderResult created = provider.initiate(payment);
        stub.approve(created.gatewayReference());
        assertThat(provider.fetch(lookup(payment, created)).status()).isEqualTo(ProviderStatus.PROCESSED);
        String captureId = stub.order(created.gatewayReference()).path("purchase_units").path(0).path("payments")
                .path("captures").path(0).path("id").asText();
        return new Paid(payment, created.gatewayReference(), captureId);
    }

    private static RefundRequest refund(Paid paid, String key) {
        return new RefundRequest("refund-" + key, paid.payment.paymentId(), paid.orderId, Money.parse("10.00", "MAD"),
                "partial", key);
    }

    private static PaymentLookup lookup(PaymentRequest payment, ProviderResult initiated) {
        return new PaymentLookup(payment.paymentId(), payment.orderId(), initiated.gatewayReference(), payment.amount());
    }

    private PayPalProvider provider(Settings settings) {
        return new PayPalProvider(settings, clock);
    }

    private static Settings settings(String baseUrl, String webhookId, Settings.Webhooks webhooks, Duration requestTimeout) {
        return new Settings(PayPalStub.CLIENT_ID, PayPalStub.CLIENT_SECRET, webhookId, true, URI.create(baseUrl),
                "https://souk.example/pay/{paymentId}/return", "https://souk.example/pay/{paymentId}/cancel",
                new Conversion("MAD", "EUR", RATE), Duration.ofSeconds(2), requestTimeout, webhooks);
    }

    private ObjectNode capture(Paid paid) {
        return (ObjectNode) stub.order(paid.orderId).path("purchase_units").path(0).path("payments").path("captures").path(0);
    }

    private static Settings settings(String baseUrl, String secret, String webhookId, String orderCurrency,
            String chargeCurrency, BigDecimal rate) {
        return new Settings(PayPalStub.CLIENT_ID, secret, webhookId, true, URI.create(baseUrl),
                "https://souk.example/pay/{paymentId}/return", "https://souk.example/pay/{paymentId}/cancel",
                new Conversion(orderCurrency, chargeCurrency, rate), Duration.ofSeconds(2), Duration.ofMillis(2500));
    }

    static String captureCompleted(String eventId, String paymentId, String orderId, String euros) {
        return "{\"id\":\"" + eventId + "\",\"event_version\":\"1.0\",\"create_time\":\"2024-05-02T10:01:00.000Z\","
                + "\"resource_type\":\"capture\",\"resource_version\":\"2.0\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\","
                + "\"summary\":\"Payment completed for EUR " + euros + " EUR\",\"resource\":{\"id\":\"2GG279541U471931P\","
                + "\"status\":\"COMPLETED\",\"amount\":{\"currency_code\":\"EUR\",\"value\":\"" + euros + "\"},"
                + "\"final_capture\":true,\"custom_id\":\"" + paymentId + "\",\"invoice_id\":\"" + paymentId + "\","
                + "\"supplementary_data\":{\"related_ids\":{\"order_id\":\"" + orderId + "\"}}}}";
    }

    /** A webhook signed as PayPal signs: RSA-SHA256 over id|time|webhook id|crc32(body), headers in mixed case. */
    private WebhookRequest signed(String json) {
        return signedAt(json, clock.instant().plusSeconds(2));
    }

    /** A webhook PayPal sent (and signed) at the given time. */
    private WebhookRequest signedAt(String json, Instant sent) {
        return signedAt(json, sent, UUID.randomUUID().toString());
    }

    /** A webhook PayPal sent (and signed) at the given time as the given transmission. */
    private WebhookRequest signedAt(String json, Instant sent, String transmissionId) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String time = sent.toString();
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Paypal-Auth-Algo", List.of("SHA256withRSA"));
        headers.put("Paypal-Cert-Url", List.of(CERT_URL));
        headers.put("Paypal-Transmission-Id", List.of(transmissionId));
        headers.put("Paypal-Transmission-Time", List.of(time));
        headers.put("Paypal-Transmission-Sig", List.of(sign(transmissionId + "|" + time + "|" + WEBHOOK_ID + "|" + crc32(body))));
        headers.put("Content-Type", List.of("application/json"));
        return new WebhookRequest(headers, body);
    }

    /**
     * A webhook anyone could write: every header as PayPal sends it (its algorithm, a PayPal certificate URL,
     * a fresh transmission id, the current time) and a body of the right shape, but a signature of random bytes.
     */
    private WebhookRequest forged(String json) {
        WebhookRequest signed = signed(json);
        Map<String, List<String>> headers = new HashMap<>(signed.headers());
        byte[] noise = new byte[256];
        new java.util.Random().nextBytes(noise);
        headers.put("Paypal-Transmission-Sig", List.of(Base64.getEncoder().encodeToString(noise)));
        return new WebhookRequest(headers, signed.body());
    }

    private static String sign(String text) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(WEBHOOK_KEYS.getPrivate());
            rsa.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Fixture(byte[] body, Map<String, List<String>> headers, String webhookId, long crc32) {
    }

    /** PayPal's own webhook of 2015; the clock is moved to its transmission time, which is near "now" then. */
    private Fixture webhookFixture() throws IOException {
        byte[] body = fixture("webhook_payment_sale_completed_v1_body_raw.json");
        JsonNode meta = JSON.readTree(fixture("webhook_payment_sale_completed_v1_headers.json"));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        meta.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
        assertThat(headers).hasSize(5);
        clock.set(Instant.parse(headers.get("PAYPAL-TRANSMISSION-TIME").get(0)).plusSeconds(3));
        return new Fixture(body, headers, meta.path("webhook_id").asText(), meta.path("crc32_of_body_decimal_computed").asLong());
    }

    /** A fixture's exact bytes from the test classpath. */
    static byte[] fixture(String name) {
        try (InputStream in = PayPalProviderTest.class.getResourceAsStream(FIXTURES + name)) {
            assertThat(in).as("fixture %s on the test classpath", FIXTURES + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Paths of every value in a JSON tree, array indexes as []. */
    private static Set<String> paths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String prefix, Set<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), prefix + "/" + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, prefix + "[]", out);
            }
        } else {
            out.add(prefix);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode withoutFieldsTheExampleLacks(JsonNode body) {
        JsonNode copy = body.deepCopy();
        for (JsonNode unit : copy.path("purchase_units")) {
            ((ObjectNode) unit).remove(List.of("description", "custom_id", "invoice_id"));
        }
        return copy;
    }

    private static PayPalProvider.Config config(Map<String, Object> values) {
        return (PayPalProvider.Config) java.lang.reflect.Proxy.newProxyInstance(PayPalProvider.Config.class.getClassLoader(),
                new Class<?>[] {PayPalProvider.Config.class}, (proxy, method, args) -> {
                    Object v = values.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    /** A clock the tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2024-05-02T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
