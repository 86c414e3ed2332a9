package ${package}.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.HmacSignature;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ${providerName} payments through its hosted payment page. Starting a payment creates it at the gateway,
 * which answers with the page to send the customer to; the payment stays pending until a signed webhook or a
 * status look-up says how it ended. Inactive until a configuration exists: one per ${providerName} account, a
 * factory configuration of PID {@value #PID} (a file {@code etc/org.souk.provider.${providerId}-<name>.cfg}); see
 * {@link ${providerName}ConfigurationWatch} for what is logged meanwhile.
 *
 * <p>The gateway protocol written here is a common shape (create, look up, signed webhook); every place
 * where ${providerName}'s real API may differ is marked TODO. The local stub in the tests speaks the same
 * protocol: change both together.
 */
@Component(service = PaymentProvider.class, configurationPid = ${providerName}Provider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ${providerName}Provider.Config.class, factory = true)
public class ${providerName}Provider implements PaymentProvider {

    /**
     * Named after the provider id, never after the artifact: FileInstall reads a dash in a file name as the
     * start of a factory configuration's name, so a PID must have none.
     */
    static final String PID = "org.souk.provider.${providerId}";
    /** The provider id of the configuration without an account, and the prefix of the others'. */
    static final String ID = "${providerId}";
    /** The method of the default account; another account's is {@code ${providerId}-<account>.hosted}. */
    static final String METHOD = "${providerId}.hosted";
    /** An account name: lower-case letters, digits and single dashes inside, as in {@code live} or {@code eur-2}. */
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ACCOUNT = 32;
    // TODO: the header in which ${providerName} signs its webhooks.
    static final String SIGNATURE_HEADER = "X-${providerName}-Signature";

    private static final Logger LOG = LoggerFactory.getLogger(${providerName}Provider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One account's configuration, as keys of {@code etc/org.souk.provider.${providerId}-<name>.cfg}: {@code base_url()} is
     * {@code base.url}, {@code _api_key()} is {@code .api.key}.
     */
    @ObjectClassDefinition(name = "Souk ${providerName} provider", description = "One ${providerName} account per "
            + "configuration. The provider id is '${providerId}', or '${providerId}-<account>' for a configuration with an account.")
    public @interface Config {
        @AttributeDefinition(name = "Account", required = false, description = "Empty for the one account (provider "
                + "${providerId}); for each further account a name of lower-case letters, digits and dashes (live, eur): its "
                + "provider is ${providerId}-<account>, with method ${providerId}-<account>.hosted and webhooks at "
                + "/api/v1/webhooks/${providerId}-<account>")
        String account() default "";

        @AttributeDefinition(name = "Sandbox", description = "Test keys against the gateway's sandbox (no real money): "
                + "a live node refuses this account, a test node marks its payments test")
        boolean sandbox() default true;

        @AttributeDefinition(name = "Gateway API base URL", description = "Ends with a slash")
        String base_url();

        @AttributeDefinition(name = "API key", description = "Sent as a bearer token on every call", type = AttributeType.PASSWORD)
        String _api_key();

        @AttributeDefinition(name = "Webhook secret", description = "Key of the HMAC-SHA256 of webhook bodies, 16 characters or more",
                type = AttributeType.PASSWORD)
        String _webhook_secret();

        @AttributeDefinition(name = "Currencies", description = "ISO-4217 codes this account charges in, comma-separated")
        String currencies() default "MAD";

        @AttributeDefinition(name = "Return URL", description = "Where the hosted page sends the browser back")
        String return_url() default "http://localhost:8181/payment-return";

        @AttributeDefinition(name = "Connect timeout (ms)")
        long connect_timeout_ms() default 5_000;

        @AttributeDefinition(name = "Request timeout (ms)", description = "For a whole HTTP call, answer included")
        long request_timeout_ms() default 15_000;
    }

    /** {@code ${providerId}}, or {@code ${providerId}-<account>}. */
    private final String id;
    private final boolean sandbox;
    private final ${providerName}Client client;
    private final HmacSignature webhookSignature;
    private final Set<String> currencies;
    private final String returnUrl;

    @Activate
    public ${providerName}Provider(Config config) {
        this(config.account(), config.sandbox(), config.base_url(), config._api_key(), config._webhook_secret(),
                config.currencies(), config.return_url(), Duration.ofMillis(config.connect_timeout_ms()),
                Duration.ofMillis(config.request_timeout_ms()));
        LOG.info("${providerName} provider {} ready ({})", id, sandbox ? "sandbox" : "live");
    }

    /** The default account, in the sandbox. */
    ${providerName}Provider(String baseUrl, String apiKey, String webhookSecret, String currencies, String returnUrl,
            Duration connectTimeout, Duration requestTimeout) {
        this("", true, baseUrl, apiKey, webhookSecret, currencies, returnUrl, connectTimeout, requestTimeout);
    }

    ${providerName}Provider(String account, boolean sandbox, String baseUrl, String apiKey, String webhookSecret,
            String currencies, String returnUrl, Duration connectTimeout, Duration requestTimeout) {
        this.id = providerId(account);
        this.sandbox = sandbox;
        if (blank(baseUrl) || !baseUrl.trim().matches("https?://.+")) {
            throw new IllegalArgumentException(PID + " needs 'base.url', an http(s) URL");
        }
        if (blank(apiKey)) {
            throw new IllegalArgumentException(PID + " needs '.api.key'");
        }
        if (webhookSecret == null || webhookSecret.length() < 16) {
            throw new IllegalArgumentException(PID + " needs a '.webhook.secret' of 16 characters or more");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException(PID + ": connect.timeout.ms and request.timeout.ms must be positive");
        }
        String base = baseUrl.trim();
        this.client = new ${providerName}Client(URI.create(base.endsWith("/") ? base : base + "/"), apiKey.trim(),
                connectTimeout, requestTimeout);
        this.webhookSignature = new HmacSignature(webhookSecret);
        this.currencies = parseCurrencies(currencies);
        this.returnUrl = blank(returnUrl) ? "http://localhost:8181/payment-return" : returnUrl.trim();
    }

    /**
     * The provider id of an account: {@code ${providerId}} without one (so that payments and the webhook URL of a
     * single account keep working), {@code ${providerId}-<account>} otherwise.
     *
     * @throws IllegalArgumentException when the account is not lower-case letters, digits and dashes
     */
    static String providerId(String account) {
        if (blank(account)) {
            return ID;
        }
        String a = account.trim();
        if (a.length() > MAX_ACCOUNT || !ACCOUNT.matcher(a).matches()) {
            throw new IllegalArgumentException(PID + ": account must be 1 to " + MAX_ACCOUNT + " lower-case letters, "
                    + "digits and dashes (not first or last, never two in a row), as in 'live' or 'eur'; not '" + a + "'");
        }
        return ID + "-" + a;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return id.equals(ID) ? "${providerName}" : "${providerName} (" + id.substring(ID.length() + 1) + ")";
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(new PaymentMethod(id + ".hosted", displayName(), MethodType.${methodType}));
    }

    /**
     * Sandbox keys take no real money: a live node refuses this account, a test node marks its payments test.
     * TODO: if ${providerName}'s keys say which environment they belong to (a test prefix, say), answer from the
     * key too, so that a test key configured with {@code sandbox = false} still counts as test.
     */
    @Override
    public boolean takesTestPayments() {
        return sandbox;
    }

    /**
     * Whether ${providerName} accepts this account's keys, asked when the provider arrives and shown in
     * {@code souk:providers}, so that a wrong key shows up before the first customer's payment.
     * TODO: make an authenticated call that changes nothing (reading the account, say) and answer
     * {@code ConfigurationCheck.ok(...)} on 2xx, {@code invalid(...)} when the key is refused (401/403: no payment
     * will work), {@code unreachable(...)} on a timeout, a network error or a 5xx. Never put the key in a message.
     */
    @Override
    public ConfigurationCheck checkConfiguration() {
        return ConfigurationCheck.notChecked("${providerName}'s keys are not checked yet");
    }

    @Override
    public Set<String> currencies() {
        return currencies;
    }

    /**
     * The customer enters everything on ${providerName}'s page, so nothing is needed from the client.
     * TODO: if the gateway needs details (a phone number for a wallet, say), check them here and name each
     * refused field as {@code details.<name>}. No network calls here.
     */
    @Override
    public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
        return List.of();
    }

    /**
     * Creates the payment at the gateway and answers PENDING with the page to redirect the customer to.
     * Idempotent: the Idempotency-Key header carries Souk's key, so a retry gets the first payment back.
     * TODO: if ${providerName} has no idempotency key, look the payment up by its reference first.
     */
    @Override
    public ProviderResult initiate(PaymentRequest request) {
        if (!currencies.contains(request.amount().currency())) {
            return ProviderResult.error(null, "${providerName} does not charge in " + request.amount().currency());
        }
        // TODO: ${providerName}'s create-payment call: its path, field names and amount format.
        ObjectNode body = JSON.createObjectNode()
                .put("reference", request.paymentId())
                .put("amount", request.amount().minor())
                .put("currency", request.amount().currency())
                .put("description", request.description())
                .put("return_url", returnUrl + (returnUrl.contains("?") ? "&" : "?") + "payment="
                        + URLEncoder.encode(request.paymentId(), StandardCharsets.UTF_8));
        ${providerName}Client.Answer answer;
        try {
            answer = client.post("payments", body, request.idempotencyKey());
        } catch (HttpTimeoutException e) {
            LOG.debug("${providerName} did not answer the creation of payment {} in time", request.paymentId());
            return ProviderResult.unknown("${providerName} did not answer in time");
        } catch (IOException e) {
            LOG.debug("${providerName} unreachable for payment {}: {}", request.paymentId(), e.toString());
            return ProviderResult.unknown("${providerName} unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderResult.unknown("interrupted");
        }
        if (answer.status() >= 500 || answer.json() == null) {
            return ProviderResult.unknown("${providerName} answered HTTP " + answer.status());
        }
        if (!answer.ok()) {
            // A 4xx is a refusal: the payment failed, with the gateway's own words.
            return ProviderResult.error(null, "${providerName} refused the payment: " + answer.json().path("message").asText("HTTP " + answer.status()));
        }
        String id = answer.json().path("id").asText("");
        if (id.isBlank()) {
            return ProviderResult.unknown("${providerName} answered without a payment id");
        }
        ProviderStatus status = status(answer.json().path("status").asText());
        if (status == ProviderStatus.PENDING) {
            String page = answer.json().path("redirect_url").asText("");
            if (page.isBlank()) {
                return ProviderResult.unknown("${providerName} gave no payment page for " + id);
            }
            return ProviderResult.pending(id, new NextAction(NextAction.REDIRECT, page, Map.of()));
        }
        return new ProviderResult(status, id, null, null);
    }

    /**
     * Asks the gateway where a payment stands. Confirms it only if the gateway's record is that payment's
     * (its reference is Souk's payment id) for the same amount and currency; otherwise it stays pending for
     * an administrator to look at.
     */
    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        if (lookup.gatewayReference() == null) {
            // TODO: if ${providerName} can find a payment by its reference, ask for lookup.paymentId() here.
            return ProviderResult.unknown("the creation of this payment was never answered");
        }
        ${providerName}Client.Answer answer;
        try {
            answer = client.get("payments/" + URLEncoder.encode(lookup.gatewayReference(), StandardCharsets.UTF_8).replace("+", "%20"));
        } catch (HttpTimeoutException e) {
            return ProviderResult.unknown("${providerName} did not answer in time");
        } catch (IOException e) {
            return ProviderResult.unknown("${providerName} unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderResult.unknown("interrupted");
        }
        if (answer.status() == 404) {
            return ProviderResult.error(lookup.gatewayReference(), "${providerName} knows no payment " + lookup.gatewayReference());
        }
        if (!answer.ok() || answer.json() == null) {
            return ProviderResult.unknown("${providerName} answered HTTP " + answer.status());
        }
        JsonNode payment = answer.json();
        ProviderStatus status = status(payment.path("status").asText());
        if (status == ProviderStatus.PROCESSED && !sameAs(payment, lookup)) {
            LOG.warn("${providerName} payment {} is paid but is not payment {} of {}: left pending for an administrator",
                    lookup.gatewayReference(), lookup.paymentId(), lookup.amount());
            return new ProviderResult(ProviderStatus.PENDING, lookup.gatewayReference(),
                    "${providerName}'s record does not match this payment", null);
        }
        return new ProviderResult(status, lookup.gatewayReference(), null, null);
    }

    // Refunds: the SPI's default answers UNSUPPORTED. TODO: if ${providerName} refunds, override refund(...)
    // and say so in the contract test (refundsSupported()); the kit then checks full, partial and repeated refunds.

    /**
     * Checks the signature over the exact body bytes, in constant time, then reads the event.
     * TODO: ${providerName}'s event format and status names.
     */
    @Override
    public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
        String signature = request.header(SIGNATURE_HEADER);
        if (signature == null) {
            throw new WebhookRejectedException("missing " + SIGNATURE_HEADER + " header");
        }
        if (!webhookSignature.matches(request.body(), signature)) {
            throw new WebhookRejectedException("signature does not match the body");
        }
        // Signed from here on: a body that is no readable event is a 400 naming the field (never a 200 that
        // would hide a malformed payment notice); an event Souk does not act on is WebhookEvent.ignored(...).
        JsonNode event;
        try {
            event = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new ValidationException("body", "is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new ValidationException("body", "must be a JSON object");
        }
        JsonNode payment = event.path("payment");
        String eventId = text(event, "", "id");
        String gatewayId = text(payment, "payment.", "id");
        String reference = text(payment, "payment.", "reference");
        ProviderStatus status = status(text(payment, "payment.", "status"));
        if (status == ProviderStatus.UNKNOWN) {
            throw new ValidationException("payment.status", "is not a payment status Souk knows");
        }
        Money amount;
        try {
            amount = Money.ofMinor(Long.parseLong(text(payment, "payment.", "amount")), text(payment, "payment.", "currency"));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("payment.amount", "is not an amount in payment.currency");
        }
        return new WebhookEvent(eventId, reference, gatewayId, status, amount);
    }

    /** ${providerName}'s payment statuses. TODO: the gateway's real names. */
    static ProviderStatus status(String gatewayStatus) {
        return switch (gatewayStatus) {
            case "pending" -> ProviderStatus.PENDING;
            case "paid" -> ProviderStatus.PROCESSED;
            case "failed" -> ProviderStatus.ERROR;
            case "canceled" -> ProviderStatus.CANCELED;
            default -> ProviderStatus.UNKNOWN;
        };
    }

    private static boolean sameAs(JsonNode payment, PaymentLookup lookup) {
        return lookup.paymentId().equals(payment.path("reference").asText())
                && payment.path("amount").asLong(-1) == lookup.amount().minor()
                && lookup.amount().currency().equals(payment.path("currency").asText());
    }

    /** A required field of a signed event: missing, it is a 400 naming {@code path + field}. */
    private static String text(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new ValidationException(path + field, "is required");
        }
        return value.asText();
    }

    private static Set<String> parseCurrencies(String list) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : Arrays.asList((blank(list) ? "MAD" : list).split(","))) {
            String c = code.trim().toUpperCase(Locale.ROOT);
            if (!c.isEmpty()) {
                java.util.Currency.getInstance(c); // an unknown code fails activation, with its name
                codes.add(c);
            }
        }
        return Set.copyOf(codes);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "${providerName}Provider[" + id + ", " + client + "]"; // never the keys
    }
}
