package org.souk.provider.youcanpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.souk.provider.youcanpay.internal.GatewayStub.reply;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class YouCanPayProviderTest {

    /** YouCanPay's own sample payloads, in this module's test resources (see the README there for their sources). */
    static final String FIXTURES = "/fixtures/youcanpay/";

    /** The key the sandbox webhook fixture is signed with. */
    static final String KEY = "PRIVATE_KEY";
    static final String PUBLIC_KEY = "pub_sandbox_0123456789abcdef";
    static final String RETURN_URL = "https://shop.example/payment-return";

    static final String SANDBOX_WEBHOOK = "webhook_transaction_paid_sandbox_raw.json";
    static final String SANDBOX_WEBHOOK_SIGNATURE = "b75f83eed7bfab306e98a1ed1c18d4af380a0ab4ade077258e7f99913cbb87fd";
    static final String SANDBOX_EVENT_ID = "73518e4a-2be7-46b1-87ad-8730c97ebf45";
    static final String SANDBOX_TRANSACTION = "e7a4a07e-9eb0-49e9-a109-26a824be9cae";
    static final String SANDBOX_ORDER = "ca7b425b-8fb2-43dc-b444-0c5ce1eb2a52";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayStub stub;
    private YouCanPayProvider provider;

    @BeforeEach
    void start() throws IOException {
        stub = new GatewayStub();
        provider = provider(KEY, 2_000);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private YouCanPayProvider provider(String privateKey, long requestTimeoutMs) {
        return new YouCanPayProvider(new Settings(privateKey, PUBLIC_KEY, true, stub.baseUrl(), 1_000, requestTimeoutMs,
                RETURN_URL));
    }

    static byte[] fixture(String name) {
        try (InputStream in = YouCanPayProviderTest.class.getResourceAsStream(FIXTURES + name)) {
            assertThat(in).as("fixture %s on the test classpath", FIXTURES + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String fixtureText(String name) {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    /** A fixture as JSON with some fields replaced, for the stub to answer. */
    static String fixtureWith(String name, Map<String, Object> changes) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(fixture(name));
            changes.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static PaymentRequest request(String paymentId, String method, long minor, Map<String, String> details) {
        return new PaymentRequest(paymentId, "ord-" + paymentId, method, Money.ofMinor(minor, "MAD"), "Logo design",
                details, paymentId);
    }

    static PaymentRequest card(String paymentId, long minor) {
        return request(paymentId, YouCanPayProvider.CARD, minor, Map.of());
    }

    static WebhookRequest webhook(byte[] body, String signature) {
        return new WebhookRequest(signature == null ? Map.of() : Map.of("X-Youcanpay-Signature", List.of(signature)), body);
    }

    /** HMAC-SHA256 computed here, independently of the provider, for bodies that come with no signature. */
    static String hmac(String key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void describesItselfAsTheYouCanPayProvider() {
        assertThat(provider.id()).isEqualTo("youcanpay");
        assertThat(provider.displayName()).isEqualTo("YouCanPay");
        assertThat(provider.methods()).extracting(PaymentMethod::id, PaymentMethod::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("youcanpay.card", MethodType.CARD),
                org.assertj.core.groups.Tuple.tuple("youcanpay.cashplus", MethodType.CASH));
        assertThat(provider.currencies()).containsExactly("MAD");
    }

    @Test
    void offersNoRefundsAndSaysSo() {
        RefundResult refund = provider.refund(new RefundRequest("r1", "p1", "t1", Money.ofMinor(100, "MAD"), "x", "r1"));
        assertThat(refund.status()).isEqualTo(RefundResult.Status.UNSUPPORTED);
        assertThat(refund.message()).startsWith("YouCanPay");
        assertThat(stub.received).isEmpty();
    }

    @Nested
    class CardPayments {

        @Test
        void aTokenBecomesAPendingPaymentWithTheWidgetAndTheHostedPage() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200.json")));

            ProviderResult result = provider.initiate(card("pay-1", 2_500));

            assertThat(result.status()).isEqualTo(ProviderStatus.PENDING);
            // The reference is the transaction id, which GET transactions/{id} knows; the widget gets the token.
            assertThat(result.gatewayReference()).isEqualTo("b76d6561-c995-4262-bab2-a828c48a20bd");
            NextAction next = result.nextAction();
            assertThat(next.type()).isEqualTo(NextAction.WIDGET);
            assertThat(next.url()).isEqualTo("https://youcanpay.com/sandbox/payment-form/123?lang=en");
            assertThat(next.data()).containsEntry("token", "123").containsEntry("public_key", PUBLIC_KEY)
                    .containsEntry("hosted_page_url", next.url());
        }

        @Test
        void theTokenizeCallCarriesMinorUnitsTheKeyAndSoukIds() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));

            provider.initiate(request("pay-2", YouCanPayProvider.CARD, 2_500, Map.of("customer.name", "Amina Idrissi",
                    "customer.email", "amina@example.ma", "customer.city", "Fès", "customerIp", "196.200.1.7")));

            assertThat(stub.received).hasSize(1);
            GatewayStub.Received call = stub.received.get(0);
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.path()).isEqualTo("tokenize");
            JsonNode body = call.json();
            assertThat(body.path("pri_key").asText()).isEqualTo(KEY);
            assertThat(body.path("order_id").asText()).isEqualTo("pay-2");
            assertThat(body.path("amount").isTextual()).isTrue();
            assertThat(body.path("amount").asText()).isEqualTo("2500");
            assertThat(body.path("currency").asText()).isEqualTo("MAD");
            assertThat(body.path("customer_ip").asText()).isEqualTo("196.200.1.7");
            assertThat(body.path("success_url").asText()).startsWith(RETURN_URL + "?payment=pay-2").contains("success");
            assertThat(body.path("error_url").asText()).startsWith(RETURN_URL + "?payment=pay-2").contains("error");
            assertThat(body.path("customer").path("name").asText()).isEqualTo("Amina Idrissi");
            assertThat(body.path("customer").path("email").asText()).isEqualTo("amina@example.ma");
            assertThat(body.path("customer").path("city").asText()).isEqualTo("Fès");
            assertThat(body.path("customer").has("phone")).isFalse();
            assertThat(body.path("metadata").path("souk_payment_id").asText()).isEqualTo("pay-2");
            assertThat(body.path("metadata").path("souk_order_id").asText()).isEqualTo("ord-pay-2");
        }

        @Test
        void theAddressAndLanguageSoukSawWinOverWhatTheBodyClaims() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200.json")));
            PaymentRequest seen = new PaymentRequest("pay-ctx", "ord-ctx", YouCanPayProvider.CARD, Money.ofMinor(2_500, "MAD"),
                    "Logo design", Map.of("customerIp", "6.6.6.6", "lang", "fr"), "pay-ctx",
                    new org.souk.gateway.spi.CustomerContext("196.200.1.9", "ar"));

            ProviderResult result = provider.initiate(seen);

            assertThat(stub.received.get(0).json().path("customer_ip").asText()).isEqualTo("196.200.1.9");
            assertThat(result.nextAction().data()).containsEntry("lang", "ar");
            assertThat(result.nextAction().url()).endsWith("?lang=ar");
            // Souk knows no language the page has: the client's choice, then English.
            assertThat(CustomerDetails.language(new PaymentRequest("p", "o", YouCanPayProvider.CARD,
                    Money.ofMinor(1, "MAD"), "d", Map.of("lang", "fr"), "p",
                    new org.souk.gateway.spi.CustomerContext(null, null)))).isEqualTo("fr");
            assertThat(CustomerDetails.language(new PaymentRequest("p", "o", YouCanPayProvider.CARD,
                    Money.ofMinor(1, "MAD"), "d", Map.of(), "p", new org.souk.gateway.spi.CustomerContext(null, "de"))))
                    .isEqualTo("en");
        }

        @Test
        void withoutCustomerIpOrCustomerDetailsLoopbackIsSentAndNoCustomer() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));

            provider.initiate(request("pay-3", YouCanPayProvider.CARD, 100, Map.of("customerIp", "<script>")));

            JsonNode body = stub.received.get(0).json();
            assertThat(body.path("customer_ip").asText()).isEqualTo("127.0.0.1");
            assertThat(body.has("customer")).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "tokenize_response_200.json, 123, b76d6561-c995-4262-bab2-a828c48a20bd",
                "tokenize_response_200_uuid.json, 324be24a-ed6b-4d0c-9e4b-f272fa0f9993, ",
                "tokenize_response_docs_payment_flow_page.json, token_xxx, 840f1c8a-6554-45d5-a1ad-f8a48f928dcf",
                "tokenize_response_docs_tokenize_page.json, cp500014337, 840f1c8a-6554-45d5-a1ad-f8a48f928dcf" })
        void bothTokenShapesAreRead(String file, String token, String reference) {
            stub.on("POST tokenize", reply(200, fixture(file)));

            ProviderResult result = provider.initiate(card("pay-" + token, 2_500));

            assertThat(result.status()).isEqualTo(ProviderStatus.PENDING);
            // Without a transaction id in the answer there is no reference: a token is never taken for one.
            assertThat(result.gatewayReference()).isEqualTo(reference);
            assertThat(result.nextAction().data()).containsEntry("token", token);
            assertThat(result.nextAction().url()).isEqualTo("https://youcanpay.com/sandbox/payment-form/" + token + "?lang=en");
        }

        @ParameterizedTest
        @CsvSource({ "fr, fr", "ar, ar", "de, en", "EN, en" })
        void theHostedPageSpeaksTheCustomersLanguageIfYouCanPayDoes(String asked, String used) {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));

            ProviderResult result = provider.initiate(request("pay-l", YouCanPayProvider.CARD, 100, Map.of("lang", asked)));

            assertThat(result.nextAction().url()).endsWith("?lang=" + used);
        }

        @Test
        void aLiveAccountSendsCustomersToTheLivePaymentForm() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));
            YouCanPayProvider live = new YouCanPayProvider(
                    new Settings("pri_live", PUBLIC_KEY, false, stub.baseUrl(), 1_000, 2_000, RETURN_URL));

            ProviderResult result = live.initiate(card("pay-live", 100));

            assertThat(result.nextAction().url())
                    .isEqualTo("https://youcanpay.com/payment-form/324be24a-ed6b-4d0c-9e4b-f272fa0f9993?lang=en");
            assertThat(result.nextAction().data()).containsEntry("sandbox", "false");
        }

        @Test
        void aRepeatedInitiationHandsOutTheSameTokenWithoutAskingAgain() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));

            ProviderResult first = provider.initiate(card("pay-again", 2_500));
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200.json")));
            ProviderResult again = provider.initiate(card("pay-again", 2_500));

            assertThat(again).isEqualTo(first);
            assertThat(stub.received("POST", "tokenize")).hasSize(1);
        }

        @Test
        void anAmountAboveTheMaximumIsAFinalErrorCarryingYouCanPaysCode() {
            stub.on("POST tokenize", reply(422, fixture("tokenize_error_422_amount_above_maximum.json")));

            ProviderResult result = provider.initiate(card("pay-big", 999_999_999_999L));

            assertThat(result.status()).isEqualTo(ProviderStatus.ERROR);
            assertThat(result.message())
                    .isEqualTo("YouCanPay refused: The amount may not be greater than 999999999. (code 013)");
        }

        @Test
        void anAmountBelowTheMinimumIsAFinalError() {
            stub.on("POST tokenize", reply(422, fixture("tokenize_error_422_amount_below_minimum.json")));

            ProviderResult result = provider.initiate(card("pay-small", 10));

            assertThat(result.status()).isEqualTo(ProviderStatus.ERROR);
            assertThat(result.message()).isEqualTo("YouCanPay refused: the amount is less than minimum transaction amount");
        }

        @Test
        void otherRefusalsAreErrorsToo() {
            stub.on("POST tokenize", reply(401, "{\"success\":false,\"message\":\"Unauthorized\"}"));
            assertThat(provider.initiate(card("pay-401", 100)))
                    .extracting(ProviderResult::status, ProviderResult::message)
                    .containsExactly(ProviderStatus.ERROR, "YouCanPay refused: Unauthorized");

            stub.on("POST tokenize", reply(400, "<html>bad request</html>"));
            assertThat(provider.initiate(card("pay-400", 100)))
                    .extracting(ProviderResult::status, ProviderResult::message)
                    .containsExactly(ProviderStatus.ERROR, "YouCanPay refused: HTTP 400");
        }

        @Test
        void aServerErrorLeavesTheOutcomeUnknown() {
            stub.on("POST tokenize", reply(503, "<html>upstream unavailable</html>"));

            ProviderResult result = provider.initiate(card("pay-5xx", 100));

            assertThat(result.status()).isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(result.message()).contains("503");
        }

        @Test
        void aGatewayThatDoesNotAnswerInTimeLeavesTheOutcomeUnknownAndDoesNotHoldTheCaller() {
            stub.on("POST tokenize", GatewayStub.slow(5_000, reply(200, fixture("tokenize_response_200.json"))));
            YouCanPayProvider impatient = provider(KEY, 300);

            long start = System.nanoTime();
            ProviderResult result = impatient.initiate(card("pay-slow", 100));
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(result.status()).isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(result.message()).contains("in time");
            assertThat(tookMs).isLessThan(4_000);
        }

        @Test
        void anUnreachableGatewayLeavesTheOutcomeUnknown() throws IOException {
            String closed;
            try (GatewayStub gone = new GatewayStub()) {
                closed = gone.baseUrl();
            }
            YouCanPayProvider cutOff = new YouCanPayProvider(new Settings(KEY, PUBLIC_KEY, true, closed, 500, 500, RETURN_URL));

            ProviderResult result = cutOff.initiate(card("pay-down", 100));

            assertThat(result.status()).isEqualTo(ProviderStatus.UNKNOWN);
        }

        @Test
        void anAnswerWithoutATokenIsNotTakenForOne() {
            stub.on("POST tokenize", reply(200, "{\"token\":{}}"));

            assertThat(provider.initiate(card("pay-notoken", 100)).status()).isEqualTo(ProviderStatus.UNKNOWN);
        }

        @Test
        void anotherCurrencyOrMethodIsRefusedWithoutCallingTheGateway() {
            PaymentRequest euros = new PaymentRequest("p-eur", "o", YouCanPayProvider.CARD, Money.ofMinor(100, "EUR"), "x",
                    Map.of(), "p-eur");
            assertThat(provider.initiate(euros).status()).isEqualTo(ProviderStatus.ERROR);
            assertThat(provider.initiate(request("p-x", "youcanpay.wallet", 100, Map.of())).status())
                    .isEqualTo(ProviderStatus.ERROR);
            assertThat(stub.received).isEmpty();
        }
    }

    @Nested
    class Details {

        @Test
        void nothingIsRequiredAndWhatIsSentMustBeWellFormed() {
            for (String method : List.of(YouCanPayProvider.CARD, YouCanPayProvider.CASHPLUS)) {
                assertThat(provider.checkDetails(method, Map.of())).isEmpty();
                assertThat(provider.checkDetails(method, Map.of("lang", "de", "customerIp", "196.200.1.7",
                        "customer.email", "amina@example.ma", "customer.country_code", "MA", "customer.name", "Amina")))
                        .isEmpty();
                assertThat(provider.checkDetails(method, Map.of("customerIp", "2001:db8::7"))).isEmpty();
            }
            assertThat(provider.checkDetails(YouCanPayProvider.CARD, Map.of("customerIp", "<script>",
                    "customer.email", "not-an-address", "customer.country_code", "Morocco",
                    "customer.name", "x".repeat(256)))).extracting(FieldError::field).containsExactly(
                            "details.customer.country_code", "details.customer.email", "details.customer.name",
                            "details.customerIp");
            for (String ip : List.of("256.1.1.1", "1.2.3", "example.com", "::g", "1.2.3.4.5")) {
                assertThat(provider.checkDetails(YouCanPayProvider.CARD, Map.of("customerIp", ip))).as(ip)
                        .containsExactly(new FieldError("details.customerIp", "must be an IPv4 or IPv6 address"));
            }
            java.util.Map<String, String> nulls = new java.util.HashMap<>();
            nulls.put("customerIp", null);
            nulls.put("customer.email", null);
            assertThat(provider.checkDetails(YouCanPayProvider.CARD, nulls)).isEmpty();
            assertThat(stub.received).as("no network call").isEmpty();
        }
    }

    @Nested
    class CashPlus {

        @Test
        void aCashPlusPaymentIsTokenizedThenGetsACodeToShow() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));
            stub.on("POST cashplus/init", reply(200,
                    "{\"token_id\":\"324be24a-ed6b-4d0c-9e4b-f272fa0f9993\",\"transaction_id\":\"840f1c8a-6554-45d5-a1ad-f8a48f928dcf\",\"token\":\"cp500014337\"}"));

            ProviderResult result = provider.initiate(request("pay-cash", YouCanPayProvider.CASHPLUS, 15_000, Map.of()));

            assertThat(result.status()).isEqualTo(ProviderStatus.PENDING);
            assertThat(result.gatewayReference()).isEqualTo("840f1c8a-6554-45d5-a1ad-f8a48f928dcf");
            assertThat(result.nextAction().type()).isEqualTo(NextAction.DISPLAY_CODE);
            assertThat(result.nextAction().data()).containsEntry("code", "cp500014337")
                    .containsEntry("transaction_id", "840f1c8a-6554-45d5-a1ad-f8a48f928dcf");

            assertThat(stub.received("POST", "tokenize").get(0).json().path("amount").asText()).isEqualTo("15000");
            JsonNode init = stub.received("POST", "cashplus/init").get(0).json();
            assertThat(init.path("token_id").asText()).isEqualTo("324be24a-ed6b-4d0c-9e4b-f272fa0f9993");
            assertThat(init.path("pub_key").asText()).isEqualTo(PUBLIC_KEY);
        }

        @Test
        void theCodeIsTheDocumentedTokenFieldAndNoOther() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));
            stub.on("POST cashplus/init", reply(200, "{\"transaction_id\":\"tx-9\",\"code\":\"999999\",\"token\":\"481516\"}"));

            ProviderResult result = provider.initiate(request("pay-cash2", YouCanPayProvider.CASHPLUS, 15_000, Map.of()));

            assertThat(result.gatewayReference()).isEqualTo("tx-9");
            assertThat(result.nextAction().data()).containsEntry("code", "481516");

            // An undocumented field alone is not taken for the code: nobody saw one, the attempt fails.
            stub.on("POST cashplus/init", reply(200, "{\"transaction_id\":\"tx-11\",\"code\":\"999999\"}"));
            ProviderResult guessed = provider.initiate(request("pay-cash3", YouCanPayProvider.CASHPLUS, 15_000, Map.of()));
            assertThat(guessed.status()).isEqualTo(ProviderStatus.ERROR);
        }

        @Test
        void withoutAnyTransactionIdTheTokenIsNeverTheReference() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));
            stub.on("POST cashplus/init", reply(200, "{\"token\":\"481516\"}"));

            ProviderResult result = provider.initiate(request("pay-cash4", YouCanPayProvider.CASHPLUS, 15_000, Map.of()));

            assertThat(result.status()).isEqualTo(ProviderStatus.PENDING);
            assertThat(result.gatewayReference()).isNull();
            assertThat(result.nextAction().data()).containsEntry("code", "481516").doesNotContainKey("transaction_id");
            // Its look-up asks nothing of YouCanPay: the webhook naming the transaction settles it.
            assertThat(provider.fetch(new PaymentLookup("pay-cash4", "o", result.gatewayReference(),
                    Money.ofMinor(15_000, "MAD"))).status()).isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(stub.received("GET", "transactions/324be24a-ed6b-4d0c-9e4b-f272fa0f9993")).isEmpty();
        }

        @Test
        void noCodeMeansNobodyCanPaySoTheAttemptFails() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));
            stub.on("POST cashplus/init", reply(200, "{\"transaction_id\":\"tx-10\"}"));

            assertThat(provider.initiate(request("pay-cash3", YouCanPayProvider.CASHPLUS, 15_000, Map.of())).status())
                    .isEqualTo(ProviderStatus.ERROR);
        }

        @Test
        void cashPlusRefusalsAndOutagesAreTreatedLikeTokenizes() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));
            stub.on("POST cashplus/init", reply(502, ""));
            assertThat(provider.initiate(request("pay-cash4", YouCanPayProvider.CASHPLUS, 100, Map.of())).status())
                    .isEqualTo(ProviderStatus.UNKNOWN);

            stub.on("POST cashplus/init", reply(422, "{\"success\":false,\"message\":\"CashPlus unavailable\",\"code\":\"021\"}"));
            ProviderResult refused = provider.initiate(request("pay-cash5", YouCanPayProvider.CASHPLUS, 100, Map.of()));
            assertThat(refused.status()).isEqualTo(ProviderStatus.ERROR);
            assertThat(refused.message()).isEqualTo("YouCanPay refused: CashPlus unavailable (code 021)");
        }
    }

    @Nested
    class LookUps {

        private static final String ISO = "transaction_get_200_iso_date.json";
        private final PaymentLookup lookup = new PaymentLookup("order-uuid-here", "ord-1", "some-uuid-here",
                Money.ofMinor(1_337, "MAD"));

        @ParameterizedTest(name = "status {0} -> {1}")
        @CsvSource({ "1, PROCESSED", "0, PENDING", "-1, CANCELED", "-2, ERROR", "-3, ERROR", "7, UNKNOWN" })
        void youCanPaysStatusDecides(int status, ProviderStatus expected) {
            stub.on("GET transactions/some-uuid-here", reply(200, fixtureWith(ISO, Map.of("status", status))));

            ProviderResult result = provider.fetch(lookup);

            assertThat(result.status()).isEqualTo(expected);
            if (expected != ProviderStatus.UNKNOWN) {
                assertThat(result.gatewayReference()).isEqualTo("some-uuid-here");
            }
            if (status == -2) {
                assertThat(result.message()).contains("refunded").contains("nothing was paid");
            }
        }

        @Test
        void aRefundedTransactionNeverConfirmsAPendingPayment() {
            stub.on("GET transactions/some-uuid-here", reply(200, fixtureWith(ISO, Map.of("status", Transactions.REFUNDED))));

            ProviderResult result = provider.fetch(lookup);

            assertThat(result.status()).isNotEqualTo(ProviderStatus.PROCESSED).isEqualTo(ProviderStatus.ERROR);
        }

        @Test
        void aRecordThatNamesNoOrderConfirmsNothing() throws IOException {
            ObjectNode tx = (ObjectNode) JSON.readTree(fixture(ISO));
            tx.remove("order_id");
            stub.on("GET transactions/some-uuid-here", reply(200, tx.toString()));

            ProviderResult result = provider.fetch(lookup);

            assertThat(result.status()).isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(result.message()).startsWith("order mismatch");
        }

        @Test
        void theLookUpAsksForTheReferenceWithThePrivateKey() {
            stub.on("GET transactions/some-uuid-here", reply(200, fixture(ISO)));

            provider.fetch(lookup);

            GatewayStub.Received call = stub.received.get(0);
            assertThat(call.method()).isEqualTo("GET");
            assertThat(call.path()).isEqualTo("transactions/some-uuid-here");
            assertThat(call.query()).isEqualTo("pri_key=" + KEY);
        }

        @Test
        void aDecimalAmountIsReadInMajorUnits() {
            stub.on("GET transactions/123", reply(200, fixture("transaction_get_200.json")));

            assertThat(provider.fetch(new PaymentLookup("123", "o", "123", Money.ofMinor(2_000, "USD"))).status())
                    .isEqualTo(ProviderStatus.PROCESSED);
            assertThat(provider.fetch(new PaymentLookup("123", "o", "123", Money.ofMinor(20, "USD"))))
                    .extracting(ProviderResult::status).isEqualTo(ProviderStatus.UNKNOWN);
        }

        @Test
        void anotherAmountOrCurrencyIsLeftForAnAdministrator() {
            stub.on("GET transactions/some-uuid-here", reply(200, fixture(ISO)));

            ProviderResult less = provider.fetch(new PaymentLookup("order-uuid-here", "o", "some-uuid-here",
                    Money.ofMinor(1_338, "MAD")));
            ProviderResult otherCurrency = provider.fetch(new PaymentLookup("order-uuid-here", "o", "some-uuid-here",
                    Money.ofMinor(1_337, "EUR")));

            assertThat(less.status()).isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(less.message()).startsWith("amount mismatch");
            assertThat(otherCurrency.status()).isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(otherCurrency.message()).startsWith("amount mismatch");
        }

        @Test
        void aTransactionOfAnotherPaymentIsLeftForAnAdministrator() {
            stub.on("GET transactions/some-uuid-here", reply(200, fixture(ISO)));

            ProviderResult result = provider.fetch(new PaymentLookup("someone-else", "o", "some-uuid-here",
                    Money.ofMinor(1_337, "MAD")));

            assertThat(result.status()).isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(result.message()).startsWith("order mismatch");
        }

        @Test
        void anUnreadableAmountIsNoAnswer() {
            stub.on("GET transactions/some-uuid-here", reply(200, fixtureWith(ISO, Map.of("amount", "lots"))));

            assertThat(provider.fetch(lookup).status()).isEqualTo(ProviderStatus.UNKNOWN);
        }

        @Test
        void aMissingTransactionARefusalOrAnOutageIsNoAnswer() {
            // no route: the stub answers 404
            assertThat(provider.fetch(lookup).status()).isEqualTo(ProviderStatus.UNKNOWN);

            stub.on("GET transactions/some-uuid-here", reply(500, "oops"));
            assertThat(provider.fetch(lookup).status()).isEqualTo(ProviderStatus.UNKNOWN);

            stub.on("GET transactions/some-uuid-here", reply(401, "{\"message\":\"Unauthenticated.\"}"));
            assertThat(provider.fetch(lookup).status()).isEqualTo(ProviderStatus.UNKNOWN);

            stub.on("GET transactions/some-uuid-here", GatewayStub.slow(5_000, reply(200, fixture(ISO))));
            assertThat(provider(KEY, 300).fetch(lookup).status()).isEqualTo(ProviderStatus.UNKNOWN);
        }

        @Test
        void withoutAReferenceThereIsNothingToAsk() {
            assertThat(provider.fetch(new PaymentLookup("p", "o", null, Money.ofMinor(1, "MAD"))).status())
                    .isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(stub.received).isEmpty();
        }
    }

    @Nested
    class Signatures {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = ';', value = {
                "webhook_transaction_paid_sandbox_raw.json ; PRIVATE_KEY ; b75f83eed7bfab306e98a1ed1c18d4af380a0ab4ade077258e7f99913cbb87fd",
                "webhook_transaction_paid_laravel_test_raw.json ; private_key ; c5dcbd74edaee29827c33b1391242ac49b1534b8efe5376d3072ea0d643f351a",
                "webhook_transaction_failed_laravel_test_raw.json ; private_key ; 6e615889c145bf531f55eeef85b7818ab034b1d8e639c948b4e558cda2539c33",
                "webhook_sdk_unit_test_payload_raw.json ; pri_t0talIy-l9g1t-aNd-Va|1d-UU1D ; 336d5bcbc93967049f032e7291f3ffcbededff9248eb45b9fa7d606ee1c36852",
                "webhook_signature_vector_foo_bar_raw.json ; private_key ; ceee75263456946bf35b87708bea371708ce0e31f4daf9e8b301c1e53e3e3b06" })
        void everyPublishedVectorVerifies(String file, String key, String signature) {
            WebhookSignature check = new WebhookSignature(key);
            byte[] body = fixture(file);

            assertThat(check.sign(body)).isEqualTo(signature);
            assertThat(check.matches(body, signature)).isTrue();
            assertThat(check.matches(body, signature.toUpperCase())).isTrue();
            assertThat(new WebhookSignature(key + "x").matches(body, signature)).isFalse();
            // Reformatted, the same JSON verifies (PHP re-encodes it the same); any other value does not.
            byte[] reformatted = (new String(body, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
            assertThat(check.matches(reformatted, signature)).isTrue();
            byte[] touched = new String(body, StandardCharsets.UTF_8).replaceFirst("\"([^\"]*)\"", "\"x$1\"")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(check.matches(touched, signature)).isFalse();
        }

        @ParameterizedTest
        @CsvSource({ "1a2fc26dc7ea5a2a4748b7cb2b1ef193d96ab2c99f93092f69e63075b28d1278", "short-signature",
                "b75f83eed7bfab306e98a1ed1c18d4af380a0ab4ade077258e7f99913cbb87f", "' '" })
        void aWrongSignatureIsRejectedBeforeAnythingElse(String signature) {
            assertThatThrownBy(() -> provider.verifyWebhook(webhook(fixture(SANDBOX_WEBHOOK), signature)))
                    .isInstanceOf(WebhookRejectedException.class);
            assertThat(stub.received).isEmpty();
        }

        @Test
        void aMissingSignatureIsRejected() {
            assertThatThrownBy(() -> provider.verifyWebhook(webhook(fixture(SANDBOX_WEBHOOK), null)))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("X-Youcanpay-Signature");
        }

        @Test
        void theSignatureCoversTheJsonAsPhpReencodesItNotOtherValues() throws Exception {
            JsonNode parsed = JSON.readTree(fixture(SANDBOX_WEBHOOK));
            byte[] pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(parsed);
            WebhookSignature check = new WebhookSignature(KEY);
            assertThat(check.matches(pretty, SANDBOX_WEBHOOK_SIGNATURE)).as("same JSON, PHP's encoding").isTrue();

            ((com.fasterxml.jackson.databind.node.ObjectNode) parsed.at("/payload/transaction")).put("amount", "5001");
            byte[] other = JSON.writeValueAsBytes(parsed);
            assertThatThrownBy(() -> provider.verifyWebhook(webhook(other, SANDBOX_WEBHOOK_SIGNATURE)))
                    .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("signature");
        }

        @Test
        void theHeaderNameIsMatchedIgnoringCase() throws Exception {
            stub.on("GET transactions/" + SANDBOX_TRANSACTION, reply(200, fixtureWith("transaction_get_200_iso_date.json",
                    Map.of("id", SANDBOX_TRANSACTION, "order_id", SANDBOX_ORDER, "amount", "5000"))));
            WebhookRequest lower = new WebhookRequest(Map.of("x-youcanpay-signature", List.of(SANDBOX_WEBHOOK_SIGNATURE)),
                    fixture(SANDBOX_WEBHOOK));

            assertThat(provider.verifyWebhook(lower).status()).isEqualTo(ProviderStatus.PROCESSED);
        }

        @Test
        void signedBodiesThatAreNotSupportedEventsAreIgnoredAfterVerification() throws Exception {
            YouCanPayProvider sdkAccount = provider("pri_t0talIy-l9g1t-aNd-Va|1d-UU1D", 2_000);
            WebhookEvent sdk = sdkAccount.verifyWebhook(webhook(fixture("webhook_sdk_unit_test_payload_raw.json"),
                    "336d5bcbc93967049f032e7291f3ffcbededff9248eb45b9fa7d606ee1c36852"));
            assertThat(sdk.isIgnored()).isTrue();
            assertThat(sdk.ignoredBecause()).contains("transaction.success");

            YouCanPayProvider laravel = provider("private_key", 2_000);
            // Signed, but no event at all (no event_name): bad input naming the field, not acknowledged as ignored.
            assertThatThrownBy(() -> laravel.verifyWebhook(webhook(fixture("webhook_signature_vector_foo_bar_raw.json"),
                    "ceee75263456946bf35b87708bea371708ce0e31f4daf9e8b301c1e53e3e3b06")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .extracting(FieldError::field).containsExactly("event_name"));
            assertThat(stub.received).isEmpty();
            // The same bodies under a wrong signature are still refused.
            assertThatThrownBy(() -> laravel.verifyWebhook(webhook(fixture("webhook_signature_vector_foo_bar_raw.json"),
                    "336d5bcbc93967049f032e7291f3ffcbededff9248eb45b9fa7d606ee1c36852")))
                    .isInstanceOf(WebhookRejectedException.class);
        }
    }

    @Nested
    class Webhooks {

        private void gatewaySays(int status, String amount) {
            stub.on("GET transactions/" + SANDBOX_TRANSACTION, reply(200, fixtureWith("transaction_get_200_iso_date.json",
                    Map.of("id", SANDBOX_TRANSACTION, "order_id", SANDBOX_ORDER, "status", status, "amount", amount))));
        }

        private WebhookEvent sandboxEvent() throws WebhookRejectedException {
            return provider.verifyWebhook(webhook(fixture(SANDBOX_WEBHOOK), SANDBOX_WEBHOOK_SIGNATURE));
        }

        @Test
        void aPaidEventConfirmedByYouCanPayIsProcessed() throws Exception {
            gatewaySays(1, "5000");

            WebhookEvent event = sandboxEvent();

            assertThat(event).isEqualTo(new WebhookEvent(SANDBOX_EVENT_ID, SANDBOX_ORDER, SANDBOX_TRANSACTION,
                    ProviderStatus.PROCESSED, Money.ofMinor(5_000, "MAD")));
            assertThat(stub.received("GET", "transactions/" + SANDBOX_TRANSACTION)).singleElement()
                    .extracting(GatewayStub.Received::query).isEqualTo("pri_key=" + KEY);
        }

        @Test
        void aConfirmationWithADecimalAmountIsTheSameAmount() throws Exception {
            gatewaySays(1, "50.00");

            assertThat(sandboxEvent().status()).isEqualTo(ProviderStatus.PROCESSED);
        }

        @Test
        void whenYouCanPaySaysTheTransactionFailedTheEventSaysSo() throws Exception {
            gatewaySays(-3, "5000");

            assertThat(sandboxEvent().status()).isEqualTo(ProviderStatus.ERROR);
        }

        @Test
        void whenYouCanPaySaysItIsStillPendingTheEventWaitsForARetry() throws Exception {
            gatewaySays(0, "5000");

            assertThat(sandboxEvent().status()).isEqualTo(ProviderStatus.UNKNOWN);
        }

        @Test
        void whenYouCanPayReportsAnotherAmountNothingIsSettled() throws Exception {
            gatewaySays(1, "4000");

            WebhookEvent event = sandboxEvent();

            assertThat(event.status()).isEqualTo(ProviderStatus.UNKNOWN);
            assertThat(event.amount()).isEqualTo(Money.ofMinor(4_000, "MAD"));
        }

        @Test
        void whenYouCanPaySaysTheTransactionWasRefundedTheEventIsNoPayment() throws Exception {
            gatewaySays(-2, "5000");

            assertThat(sandboxEvent().status()).isEqualTo(ProviderStatus.ERROR);
        }

        @Test
        void whenTheRecordBelongsToAnotherPaymentThanTheEventSaysNothingIsSettled() throws Exception {
            byte[] body = ("{\"id\":\"e-7\",\"event_name\":\"transaction.paid\",\"payload\":{\"transaction\":"
                    + "{\"id\":\"tx-7\",\"status\":1,\"amount\":\"990\",\"currency\":\"MAD\"},"
                    + "\"metadata\":{\"souk_payment_id\":\"pay-7\"}}}").getBytes(StandardCharsets.UTF_8);
            stub.on("GET transactions/tx-7", reply(200,
                    "{\"id\":\"tx-7\",\"status\":1,\"order_id\":\"pay-8\",\"amount\":\"990\",\"currency\":\"MAD\"}"));
            assertThat(provider.verifyWebhook(webhook(body, hmac(KEY, body))).status()).isEqualTo(ProviderStatus.UNKNOWN);

            stub.on("GET transactions/tx-7", reply(200,
                    "{\"id\":\"tx-7\",\"status\":1,\"amount\":\"990\",\"currency\":\"MAD\"}"));
            assertThat(provider.verifyWebhook(webhook(body, hmac(KEY, body))).status()).as("a record naming no order")
                    .isEqualTo(ProviderStatus.UNKNOWN);

            stub.on("GET transactions/tx-7", reply(200,
                    "{\"id\":\"tx-7\",\"status\":1,\"order_id\":\"pay-7\",\"amount\":\"990\",\"currency\":\"MAD\"}"));
            assertThat(provider.verifyWebhook(webhook(body, hmac(KEY, body))).status()).isEqualTo(ProviderStatus.PROCESSED);
        }

        @Test
        void whenYouCanPayCannotBeAskedTheEventIsUnknownAndLeftToReconciliation() throws Exception {
            stub.on("GET transactions/" + SANDBOX_TRANSACTION, reply(503, ""));
            WebhookEvent down = sandboxEvent();
            assertThat(down).isEqualTo(new WebhookEvent(SANDBOX_EVENT_ID, SANDBOX_ORDER, SANDBOX_TRANSACTION,
                    ProviderStatus.UNKNOWN, Money.ofMinor(5_000, "MAD")));

            stub.on("GET transactions/" + SANDBOX_TRANSACTION, GatewayStub.slow(5_000, reply(200, "{}")));
            YouCanPayProvider impatient = provider(KEY, 300);
            assertThat(impatient.verifyWebhook(webhook(fixture(SANDBOX_WEBHOOK), SANDBOX_WEBHOOK_SIGNATURE)).status())
                    .isEqualTo(ProviderStatus.UNKNOWN);
        }

        @Test
        void theLaravelReadmeEventWithAnEmptyMetadataListIsRead() throws Exception {
            byte[] body = fixture("webhook_transaction_paid_laravel_readme_raw.json");
            stub.on("GET transactions/fdd795ab-9f8a-4cf7-886c-dca9ce3ab6c0", reply(200, fixtureWith(
                    "transaction_get_200_iso_date.json", Map.of("id", "fdd795ab-9f8a-4cf7-886c-dca9ce3ab6c0", "order_id",
                            "cc984e79-0de1-4e84-a654-74c102c3ba66", "amount", "2000"))));

            WebhookEvent event = provider.verifyWebhook(webhook(body, hmac(KEY, body)));

            assertThat(event).isEqualTo(new WebhookEvent("bbbb832c-dd13-4ce7-a642-6059885d9a7e",
                    "cc984e79-0de1-4e84-a654-74c102c3ba66", "fdd795ab-9f8a-4cf7-886c-dca9ce3ab6c0", ProviderStatus.PROCESSED,
                    Money.ofMinor(2_000, "MAD")));
        }

        @ParameterizedTest
        @CsvSource({
                "webhook_transaction_paid_laravel_test_raw.json, c5dcbd74edaee29827c33b1391242ac49b1534b8efe5376d3072ea0d643f351a",
                "webhook_transaction_failed_laravel_test_raw.json, 6e615889c145bf531f55eeef85b7818ab034b1d8e639c948b4e558cda2539c33" })
        void anEventNamingNoTransactionCannotBeCheckedSoItIsBadInputNamingTheField(String file, String signature) {
            YouCanPayProvider laravel = provider("private_key", 2_000);
            assertThatThrownBy(() -> laravel.verifyWebhook(webhook(fixture(file), signature)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .extracting(FieldError::field).containsExactly("payload.transaction.id"));
            assertThat(stub.received).isEmpty();
        }

        @Test
        void aPaymentEventWithoutAnEventIdIsBadInputNamingIt() {
            byte[] body = "{\"event_name\":\"transaction.paid\",\"payload\":{\"transaction\":{\"id\":\"tx-1\"}}}"
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> provider.verifyWebhook(webhook(body, hmac(KEY, body))))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .extracting(FieldError::field).containsExactly("id"));
            assertThat(stub.received).isEmpty();
        }

        @Test
        void soukPaymentIdInMetadataIsPreferredAndANumericEventIdIsRead() throws Exception {
            byte[] body = ("{\"event_id\":42,\"event_name\":\"transaction.failed\",\"payload\":{\"transaction\":"
                    + "{\"id\":\"tx-42\",\"status\":-3,\"amount\":\"990\",\"currency\":\"MAD\"},"
                    + "\"metadata\":{\"souk_payment_id\":\"pay-42\",\"souk_order_id\":\"ord-42\"}}}")
                    .getBytes(StandardCharsets.UTF_8);
            stub.on("GET transactions/tx-42", reply(200,
                    "{\"id\":\"tx-42\",\"status\":-3,\"order_id\":\"pay-42\",\"amount\":\"990\",\"currency\":\"MAD\"}"));

            WebhookEvent event = provider.verifyWebhook(webhook(body, hmac(KEY, body)));

            assertThat(event).isEqualTo(new WebhookEvent("42", "pay-42", "tx-42", ProviderStatus.ERROR,
                    Money.ofMinor(990, "MAD")));
        }

        @Test
        void otherEventNamesAreIgnored() throws Exception {
            byte[] body = "{\"id\":\"e1\",\"event_name\":\"transaction.refunded\",\"payload\":{\"transaction\":{\"id\":\"t\"}}}"
                    .getBytes(StandardCharsets.UTF_8);

            WebhookEvent event = provider.verifyWebhook(webhook(body, hmac(KEY, body)));
            assertThat(event.isIgnored()).isTrue();
            assertThat(event.eventId()).isEqualTo("e1");
            assertThat(event.ignoredBecause()).contains("transaction.refunded");
            assertThat(stub.received).as("nothing to re-check").isEmpty();
        }

        @Test
        void aSignedBodyThatIsNotJsonIsBadInputNamingTheBodyAndAnUnsignedOneRejected() throws Exception {
            for (String text : List.of("not json", "{not json", "[1,2]", "\"transaction.paid\"")) {
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                assertThatThrownBy(() -> provider.verifyWebhook(webhook(body, hmac(KEY, body)))).as(text)
                        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                                .extracting(FieldError::field).containsExactly("body"));
                assertThatThrownBy(() -> provider.verifyWebhook(webhook(body, hmac("another key", body))))
                        .isInstanceOf(WebhookRejectedException.class);
            }
        }
    }

    @Nested
    class Configuration {

        @Test
        void theKeysAreCheckedWithYouCanPay() {
            stub.on("POST keys/check", reply(200, "{}"));
            assertThat(provider.checkConfiguration().status()).isEqualTo(ConfigurationCheck.Status.OK);
            JsonNode sent = stub.received("POST", "keys/check").get(0).json();
            assertThat(sent.path("pri_key").asText()).isEqualTo(KEY);
            assertThat(sent.path("pub_key").asText()).isEqualTo(PUBLIC_KEY);

            stub.on("POST keys/check", reply(404, "{\"success\":false,\"message\":\"invalid keys\"}"));
            ConfigurationCheck refused = provider.checkConfiguration();
            assertThat(refused.status()).isEqualTo(ConfigurationCheck.Status.INVALID);
            assertThat(refused.message()).doesNotContain(KEY);

            stub.on("POST keys/check", reply(200, "{\"success\":false}"));
            assertThat(provider.checkConfiguration().status()).isEqualTo(ConfigurationCheck.Status.INVALID);

            stub.on("POST keys/check", reply(503, "{}"));
            assertThat(provider.checkConfiguration().status()).isEqualTo(ConfigurationCheck.Status.UNREACHABLE);

            stub.on("POST keys/check", GatewayStub.slow(3_000, reply(200, "{}")));
            assertThat(provider("pri_slow", 200).checkConfiguration().status())
                    .isEqualTo(ConfigurationCheck.Status.UNREACHABLE);
        }

        @Test
        void defaultsFollowTheSandboxSwitch() {
            Config sandbox = new Config("pri_sandbox_secret", "pub", true, "");
            Config live = new Config("pri_live_secret", "pub", false, null);

            assertThat(Settings.of(sandbox).baseUrl).hasToString("https://youcanpay.com/sandbox/api/");
            assertThat(Settings.of(live).baseUrl).hasToString("https://youcanpay.com/api/");
            assertThat(Settings.of(new Config("k", "p", true, "http://localhost:9/ycp")).baseUrl)
                    .hasToString("http://localhost:9/ycp/");
            assertThat(Settings.of(sandbox).returnUrl).isEqualTo("http://localhost:8181/payment-return");
            assertThat(Settings.of(sandbox).connectTimeout.toMillis()).isEqualTo(5_000);
            assertThat(Settings.of(sandbox).requestTimeout.toMillis()).isEqualTo(15_000);
        }

        @Test
        void anAccountGivesTheProviderItsOwnIdAndMethods() {
            YouCanPayProvider plain = new YouCanPayProvider(new Config("pri_a", "pub", true, ""));
            assertThat(plain.id()).isEqualTo("youcanpay");
            assertThat(plain.methods()).extracting(m -> m.id()).containsExactly("youcanpay.card", "youcanpay.cashplus");

            YouCanPayProvider live = new YouCanPayProvider(new Config("live", "pri_b", "pub", false, ""));
            assertThat(live.id()).isEqualTo("youcanpay-live");
            assertThat(live.displayName()).isEqualTo("YouCanPay (live)");
            assertThat(live.methods()).extracting(m -> m.id())
                    .containsExactly("youcanpay-live.card", "youcanpay-live.cashplus");
            assertThat(Settings.providerId(" mad-2 ")).isEqualTo("youcanpay-mad-2");
            assertThat(Settings.providerId(null)).isEqualTo("youcanpay");
            assertThat(Settings.providerId("  ")).isEqualTo("youcanpay");
        }

        @ParameterizedTest
        @ValueSource(strings = { "Live", "mad_2", "-live", "live-", "mad--2", "live.eu", "caf\u00e9",
                "a23456789012345678901234567890123" })
        void anAccountThatIsNoPlainNameKeepsTheProviderOff(String account) {
            assertThatThrownBy(() -> new YouCanPayProvider(new Config(account, "pri_a", "pub", true, "")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account");
        }

        @Test
        void eachAccountTakesOnlyItsOwnMethods() {
            stub.on("POST tokenize", reply(200, fixture("tokenize_response_200_uuid.json")));
            YouCanPayProvider second = new YouCanPayProvider(new Settings("mad2", KEY, PUBLIC_KEY, true, stub.baseUrl(),
                    1_000, 2_000, RETURN_URL));

            assertThat(second.initiate(request("pay-acc", "youcanpay-mad2.card", 100, Map.of())).status())
                    .isEqualTo(ProviderStatus.PENDING);
            assertThat(second.initiate(request("pay-acc2", YouCanPayProvider.CARD, 100, Map.of())).status())
                    .isEqualTo(ProviderStatus.ERROR);
            assertThat(provider.initiate(request("pay-acc3", "youcanpay-mad2.card", 100, Map.of())).status())
                    .isEqualTo(ProviderStatus.ERROR);
            assertThat(second.checkDetails("youcanpay-mad2.cashplus", Map.of("customerIp", "<script>")))
                    .extracting(FieldError::field).containsExactly("details.customerIp");
        }

        @Test
        void withoutAPrivateKeyTheProviderDoesNotStart() {
            assertThatThrownBy(() -> new YouCanPayProvider(new Config(null, "pub", true, "")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private.key");
            assertThatThrownBy(() -> new YouCanPayProvider(new Config("  ", "pub", true, "")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void keysNeverShowInToString() {
            String key = "pri_sandbox_e0a1b2c3-d4e5-f678-9abc-def012345678";
            YouCanPayProvider p = new YouCanPayProvider(new Config(key, "pub_sandbox_9f8e7d6c", true, ""));

            assertThat(p.toString()).doesNotContain(key).doesNotContain(key.substring(4)).contains("pri_****");
            assertThat(Settings.of(new Config(key, "pub", true, "")).toString()).doesNotContain(key);
        }

        @Test
        void keysAndTokensNeverShowInTheLog() throws Exception {
            String key = "pri_sandbox_e0a1b2c3-d4e5-f678-9abc-def012345678";
            YouCanPayProvider p = new YouCanPayProvider(new Settings(key, PUBLIC_KEY, true, stub.baseUrl(), 1_000, 300,
                    RETURN_URL));
            PrintStream err = System.err;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                stub.on("POST tokenize", reply(401, "{\"success\":false,\"message\":\"Unauthorized\"}"));
                p.initiate(card("log-1", 100));
                stub.on("POST tokenize", reply(200, "{\"token\":{\"id\":\"tok_secret_123\"}}"));
                stub.on("POST cashplus/init", reply(200, "{\"nothing\":true}"));
                p.initiate(request("log-2", YouCanPayProvider.CASHPLUS, 100, Map.of()));
                stub.on("GET transactions/t-1", reply(403, ""));
                p.fetch(new PaymentLookup("log-3", "o", "t-1", Money.ofMinor(100, "MAD")));
                stub.on("GET transactions/t-2", GatewayStub.slow(3_000, reply(200, "{}")));
                p.fetch(new PaymentLookup("log-4", "o", "t-2", Money.ofMinor(100, "MAD")));
                byte[] body = fixture(SANDBOX_WEBHOOK);
                YouCanPayProvider sandboxKey = provider(KEY, 300);
                stub.on("GET transactions/" + SANDBOX_TRANSACTION, reply(500, ""));
                sandboxKey.verifyWebhook(webhook(body, SANDBOX_WEBHOOK_SIGNATURE));
            } finally {
                System.setErr(err);
            }
            String log = captured.toString(StandardCharsets.UTF_8);

            assertThat(log).contains("YouCanPay refused the credentials").contains("log-2").contains("re-check");
            assertThat(log).doesNotContain(key).doesNotContain(key.substring(4)).doesNotContain("tok_secret_123")
                    .doesNotContain(KEY);
        }
    }

    /** The DS configuration as the container would hand it over, with the metatype defaults. */
    @SuppressWarnings("all")
    private record Config(String account, String private_key, String public_key, boolean sandbox, String base_url)
            implements YouCanPayProvider.Config {

        Config(String private_key, String public_key, boolean sandbox, String base_url) {
            this("", private_key, public_key, sandbox, base_url);
        }

        @Override
        public String _private_key() {
            return private_key;
        }

        @Override
        public long connect_timeout_ms() {
            return 5_000;
        }

        @Override
        public long request_timeout_ms() {
            return 15_000;
        }

        @Override
        public String return_url() {
            return Settings.DEFAULT_RETURN_URL;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return YouCanPayProvider.Config.class;
        }
    }
}
