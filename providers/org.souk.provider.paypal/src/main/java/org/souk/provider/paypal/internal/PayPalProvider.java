package org.souk.provider.paypal.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
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
import org.souk.gateway.spi.DeclineCodes;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.paypal.internal.PayPalApi.CredentialsRejected;
import org.souk.provider.paypal.internal.PayPalApi.Reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * PayPal wallet payments through the PayPal REST API: Orders v2 to create and capture, Payments v2 to
 * refund, Notifications v1 to have PayPal verify its webhooks.
 *
 * <p>Initiation creates an order ({@code intent CAPTURE}, Souk's payment id as {@code custom_id} and
 * {@code invoice_id}, the idempotency key as {@code PayPal-Request-Id}) and sends the customer to PayPal to
 * approve it. PayPal only takes the money once the order is captured; that happens on the next status
 * look-up after approval ({@link #fetch}), again under an idempotent request id, so a payment is never
 * captured twice. PayPal takes no MAD: orders in the configured order currency are charged in the charge
 * currency at the configured rate, and every answer says what was charged and at which rate.
 */
@Component(configurationPid = PayPalProvider.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PayPalProvider.Config.class, factory = true)
public class PayPalProvider implements PaymentProvider {

    static final String PID = "org.souk.provider.paypal";
    static final String ID = "paypal";
    /** The method of the default account; another account's is {@code paypal-<account>.wallet}. */
    static final String METHOD = "paypal.wallet";
    /** An account name: lower-case letters, digits and single dashes inside, as in {@code live} or {@code usd}. */
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ACCOUNT = 32;
    static final String H_ALGO = "PAYPAL-AUTH-ALGO";
    static final String H_CERT = "PAYPAL-CERT-URL";
    static final String H_ID = "PAYPAL-TRANSMISSION-ID";
    static final String H_SIG = "PAYPAL-TRANSMISSION-SIG";
    static final String H_TIME = "PAYPAL-TRANSMISSION-TIME";

    private static final Logger LOG = LoggerFactory.getLogger(PayPalProvider.class);
    /** Webhook bodies: one JSON value and nothing after it, since the body is passed on verbatim. */
    private static final ObjectReader STRICT = PayPalApi.JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String ORDERS = "/v2/checkout/orders";

    @ObjectClassDefinition(name = "Souk PayPal provider",
            description = "PayPal wallet payments (REST API), one configuration per PayPal account. The provider id is "
                    + "'paypal', or 'paypal-<account>' for a configuration with an account.")
    public @interface Config {
        @AttributeDefinition(name = "Account", required = false, description = "Empty for the one account (provider "
                + "paypal); for each further account a name of lower-case letters, digits and dashes (live, usd): its "
                + "provider is paypal-<account>, with method paypal-<account>.wallet and webhooks at "
                + "/api/v1/webhooks/paypal-<account>")
        String account() default "";

        @AttributeDefinition(name = "Client id", description = "REST app client id (developer.paypal.com)")
        String client_id();

        @AttributeDefinition(name = "Client secret", type = AttributeType.PASSWORD)
        String _client_secret();

        @AttributeDefinition(name = "Webhook id", required = false,
                description = "Id PayPal gave the webhook registered for /api/v1/webhooks/paypal; without it every webhook is refused")
        String webhook_id() default "";

        @AttributeDefinition(name = "Sandbox", description = "Use PayPal's sandbox (no real money)")
        boolean sandbox() default true;

        @AttributeDefinition(name = "API base URL", required = false,
                description = "Blank: https://api-m.sandbox.paypal.com in sandbox, else https://api-m.paypal.com")
        String base_url() default "";

        @AttributeDefinition(name = "Return URL", description = "Where PayPal sends the buyer after approval; {paymentId} and {orderId} are replaced")
        String return_url();

        @AttributeDefinition(name = "Cancel URL", description = "Where PayPal sends a buyer who cancels; {paymentId} and {orderId} are replaced")
        String cancel_url();

        @AttributeDefinition(name = "Charge currency", description = "ISO-4217 code PayPal charges in")
        String charge_currency() default "EUR";

        @AttributeDefinition(name = "Order currency", description = "ISO-4217 code of Souk's orders")
        String order_currency() default "MAD";

        @AttributeDefinition(name = "Exchange rate", required = false,
                description = "Units of charge currency for 1 unit of order currency, e.g. 0.092; required when the currencies differ")
        String exchange_rate() default "";

        @AttributeDefinition(name = "Connect timeout (ms)")
        long connect_timeout_ms() default 5_000;

        @AttributeDefinition(name = "Request timeout (ms)", description = "Per HTTP call to PayPal")
        long request_timeout_ms() default 15_000;

        @AttributeDefinition(name = "Webhook certificate hosts", required = false,
                description = "Hosts (and their subdomains) a webhook's PAYPAL-CERT-URL may name, comma-separated; always https")
        String webhook_cert_hosts() default "paypal.com";

        @AttributeDefinition(name = "Webhook time window (s)",
                description = "How far a webhook's PAYPAL-TRANSMISSION-TIME may be from now, either way")
        long webhook_time_window_s() default 1_800;

        @AttributeDefinition(name = "Concurrent webhook verifications",
                description = "Verifications with PayPal under way at once; more webhooks are refused at once (PayPal retries them)")
        int webhook_max_verifications() default 4;

        @AttributeDefinition(name = "Webhook verification timeout (ms)",
                description = "For the whole verification with PayPal, token included")
        long webhook_verify_timeout_ms() default 3_000;

        @AttributeDefinition(name = "Webhook verifications per minute",
                description = "Verifications with PayPal that may start per minute (refilled continuously, at most a minute's worth at once); more webhooks are refused at once (PayPal retries them)")
        int webhook_verifications_per_minute() default Settings.Webhooks.VERIFICATIONS_PER_MINUTE;

        @AttributeDefinition(name = "Refused webhooks remembered",
                description = "Webhook transmissions PayPal refused that are refused again without asking it (0: none)")
        int webhook_refused_cache_size() default Settings.Webhooks.REFUSED_CACHE_SIZE;
    }

    /** The algorithm PayPal signs webhooks with; nothing else is passed on for verification. */
    static final String AUTH_ALGO = "SHA256withRSA";
    private static final Pattern TRANSMISSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9+/]{16,2048}={0,2}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int MAX_CERT_URL = 512;
    /**
     * The event types Souk acts on, and the only ones verified: each settles or fails a payment, or (an approval)
     * has the payment looked up at once, which captures it. Any other type would change nothing in Souk even
     * if genuine, so it is acknowledged as ignored without asking PayPal, which would cost its quota for nothing,
     * and without its event id: a type that is not verified must leave no trace (not even its event id, which
     * a genuine event might carry later).
     */
    static final Set<String> EVENT_TYPES = Set.of("PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED",
            "PAYMENT.CAPTURE.DECLINED", "CHECKOUT.ORDER.APPROVED");
    private static final String EVENT_TYPE_LIST = String.join(", ", new TreeSet<>(EVENT_TYPES));

    private final Settings settings;
    /** {@code paypal}, or {@code paypal-<account>}. */
    private final String id;
    private final Conversion conversion;
    private final PayPalApi api;
    private final Clock clock;
    /** Verifications with PayPal under way; a webhook beyond the cap is refused at once, not queued. */
    private final Semaphore verifications;
    /** Verifications that may start from now on: {@code webhook.verifications.per.minute}, refilled continuously. */
    private final VerificationAllowance allowance;
    /** Transmissions PayPal refused, refused again here without asking. */
    private final RefusedTransmissions refused;

    @Activate
    public PayPalProvider(Config config) {
        this(Settings.of(config), Clock.systemUTC(), config.account());
    }

    PayPalProvider(Settings settings, Clock clock) {
        this(settings, clock, "");
    }

    PayPalProvider(Settings settings, Clock clock, String account) {
        this.id = providerId(account);
        this.settings = settings;
        this.conversion = settings.conversion();
        this.api = new PayPalApi(settings, clock);
        this.clock = clock;
        this.verifications = new Semaphore(settings.webhooks().maxConcurrentVerifications());
        this.allowance = new VerificationAllowance(settings.webhooks().verificationsPerMinute(), clock);
        this.refused = new RefusedTransmissions(settings.webhooks().refusedCacheSize(), clock);
        if (settings.webhookId() == null) {
            LOG.warn("{}: no webhook.id configured; PayPal webhooks will be refused and payments settle by look-up only", id);
        }
    }

    /**
     * The provider id of an account: {@code paypal} without one (so that payments and the webhook URL of a single
     * account keep working), {@code paypal-<account>} otherwise.
     *
     * @throws IllegalArgumentException when the account is not lower-case letters, digits and dashes
     */
    static String providerId(String account) {
        if (account == null || account.isBlank()) {
            return ID;
        }
        String a = account.trim();
        if (a.length() > MAX_ACCOUNT || !ACCOUNT.matcher(a).matches()) {
            throw new IllegalArgumentException(PID + ": account must be 1 to " + MAX_ACCOUNT + " lower-case letters, "
                    + "digits and dashes (not first or last, never two in a row), as in 'live' or 'usd'; not '" + a + "'");
        }
        return ID + "-" + a;
    }

    @Override
    public String id() {
        return id;
    }

    /** Sandbox keys take no real money: a live node refuses this account, a test node marks its payments test. */
    @Override
    public boolean takesTestPayments() {
        return settings.sandbox();
    }

    @Override
    public String displayName() {
        return id.equals(ID) ? "PayPal" : "PayPal (" + id.substring(ID.length() + 1) + ")";
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(new PaymentMethod(id + ".wallet", displayName(), MethodType.WALLET));
    }

    @Override
    public Set<String> currencies() {
        Set<String> currencies = new LinkedHashSet<>();
        currencies.add(conversion.orderCurrency());
        currencies.add(conversion.chargeCurrency());
        return Set.copyOf(currencies);
    }

    /** The buyer logs in and approves at PayPal: the client sends no details PayPal needs. */
    @Override
    public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
        return List.of();
    }

    // ---------------------------------------------------------------------------------------- payments

    @Override
    public ProviderResult initiate(PaymentRequest request) {
        Money charged;
        try {
            charged = conversion.toCharge(request.amount());
        } catch (IllegalArgumentException e) {
            return ProviderResult.error(null, e.getMessage());
        }
        if (charged.isZero()) {
            return ProviderResult.error(null, request.amount() + " is nothing once converted to " + charged.currency());
        }
        String body = orderBody(request.paymentId(), request.orderId(), request.description(), charged);
        return converted(createOrder(body, request.idempotencyKey(), request.paymentId(), charged), request.amount(), charged);
    }

    /**
     * Where the payment stands at PayPal. An approved order is captured here. A payment whose initiation got
     * no answer has no order id yet: the creation is sent again under the same {@code PayPal-Request-Id}
     * (Souk's payment id), which gives back the order PayPal made the first time, if it made one.
     */
    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        Money charged;
        try {
            charged = lookup.charged() != null ? lookup.charged() : conversion.toCharge(lookup.amount());
        } catch (IllegalArgumentException e) {
            return ProviderResult.error(lookup.gatewayReference(), e.getMessage());
        }
        ProviderResult result;
        String orderId = lookup.gatewayReference();
        if (orderId == null || orderId.isBlank()) {
            result = createOrder(orderBody(lookup.paymentId(), lookup.orderId(), null, charged), lookup.paymentId(),
                    lookup.paymentId(), charged);
        } else {
            result = lookUp(orderId, lookup.paymentId(), charged, true);
        }
        return converted(result, lookup.amount(), charged);
    }

    private ProviderResult createOrder(String body, String requestId, String paymentId, Money charged) {
        Reply reply;
        try {
            reply = api.post(ORDERS, body, requestId);
        } catch (CredentialsRejected e) {
            return ProviderResult.error(null, e.getMessage());
        } catch (IOException e) {
            LOG.debug("Creating the PayPal order of payment {} failed: {}", paymentId, describe(e));
            return ProviderResult.unknown("PayPal did not answer: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProviderResult.unknown("interrupted");
        }
        if (reply.ok()) {
            return outcome(reply.body(), paymentId, charged, true);
        }
        if (reply.undecided()) {
            return ProviderResult.unknown("PayPal answered " + reply.status() + ": " + reply.error());
        }
        return ProviderResult.declined(null, "PayPal refused the order: " + reply.error(), reply.declineCode());
    }

    private ProviderResult lookUp(String orderId, String paymentId, Money charged, boolean mayCapture) {
        Reply reply;
        try {
            reply = api.get(ORDERS + "/" + PayPalApi.segment(orderId));
        } catch (CredentialsRejected e) {
            return unknown(orderId, e.getMessage());
        } catch (IOException e) {
            LOG.debug("Looking up PayPal order {} failed: {}", orderId, describe(e));
            return unknown(orderId, "PayPal did not answer: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(orderId, "interrupted");
        }
        if (reply.ok()) {
            return outcome(reply.body(), paymentId, charged, mayCapture);
        }
        if (reply.status() == 404) {
            // Never final on an absence: a wrong account or base.url would otherwise fail every payment.
            LOG.warn("PayPal knows no order {} (payment {}); check base.url and the credentials", orderId, paymentId);
            return unknown(orderId, "PayPal knows no order " + orderId);
        }
        return unknown(orderId, "PayPal answered " + reply.status() + ": " + reply.error());
    }

    /** Reads an order and says what it means for the payment; an approved order is captured if allowed. */
    private ProviderResult outcome(JsonNode order, String paymentId, Money charged, boolean mayCapture) {
        String orderId = order.path("id").asText("");
        if (orderId.isBlank()) {
            return ProviderResult.unknown("PayPal answered without an order id");
        }
        String status = order.path("status").asText("");
        if ("VOIDED".equals(status)) {
            return new ProviderResult(ProviderStatus.CANCELED, orderId, "the PayPal order was voided", null);
        }
        JsonNode unit = order.path("purchase_units").path(0);
        JsonNode capture = unit.path("payments").path("captures").path(0);
        Money amount = money(unit.path("amount"));
        if (amount == null) {
            amount = money(capture.path("amount"));
        }
        boolean moneyMoves = "APPROVED".equals(status) || "COMPLETED".equals(status);
        if ((amount != null || moneyMoves) && !charged.equals(amount)) {
            LOG.warn("PayPal order {} is for {}, payment {} for {}; not captured", orderId, amount, paymentId, charged);
            return ProviderResult.error(orderId, "amount mismatch: PayPal order " + orderId + " is for "
                    + (amount == null ? "an unknown amount" : amount) + ", expected " + charged);
        }
        // Souk's payment id went to PayPal as custom_id: an order naming another payment is not this one's,
        // whatever its amount. PayPal repeats it on the unit (order look-ups) or on the capture (capture answers).
        String customId = text(unit.path("custom_id"));
        if (customId == null) {
            customId = text(capture.path("custom_id"));
        }
        if (customId != null && !customId.equals(paymentId)) {
            LOG.warn("PayPal order {} belongs to payment {}, not to payment {}; not captured", orderId, customId, paymentId);
            return ProviderResult.error(orderId, "order mismatch: PayPal order " + orderId + " belongs to payment "
                    + customId + ", not to " + paymentId);
        }
        if (customId == null && moneyMoves) {
            return unknown(orderId, "PayPal order " + orderId + " names no payment (custom_id); not settled on this answer");
        }
        switch (status) {
            case "CREATED", "PAYER_ACTION_REQUIRED", "SAVED" -> {
                return ProviderResult.pending(orderId, approvalLink(order));
            }
            case "APPROVED" -> {
                return mayCapture ? capture(orderId, paymentId, charged)
                        : new ProviderResult(ProviderStatus.PENDING, orderId, "approved, not captured yet", null);
            }
            case "COMPLETED" -> {
                return captured(orderId, capture);
            }
            default -> {
                return new ProviderResult(ProviderStatus.PENDING, orderId, "PayPal order is " + status, null);
            }
        }
    }

    /** Captures an approved order; the request id makes a repeated capture return the first one. */
    private ProviderResult capture(String orderId, String paymentId, Money charged) {
        String path = ORDERS + "/" + PayPalApi.segment(orderId) + "/capture";
        Reply reply;
        try {
            reply = api.post(path, "{}", "capture-" + paymentId);
        } catch (CredentialsRejected e) {
            return unknown(orderId, e.getMessage());
        } catch (IOException e) {
            LOG.debug("Capturing PayPal order {} failed: {}", orderId, describe(e));
            return unknown(orderId, "PayPal did not answer the capture: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(orderId, "interrupted");
        }
        if (reply.ok()) {
            return outcome(reply.body(), paymentId, charged, false);
        }
        if (reply.undecided()) {
            return unknown(orderId, "PayPal answered the capture with " + reply.status() + ": " + reply.error());
        }
        if (reply.hasIssue("ORDER_ALREADY_CAPTURED")) {
            return lookUp(orderId, paymentId, charged, false);
        }
        return ProviderResult.declined(orderId, "PayPal refused the capture: " + reply.error(), reply.declineCode());
    }

    /**
     * What a captured order means for a payment still pending in Souk. A capture PayPal reports REFUNDED was
     * given back in full before Souk saw it paid (Souk refunds only payments it settled): nothing is paid, so
     * the payment fails, and that is final at PayPal. One PARTIALLY_REFUNDED holds part of the money: neither
     * paid nor failed, it is left to an administrator.
     */
    private static ProviderResult captured(String orderId, JsonNode capture) {
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
            case "PARTIALLY_REFUNDED" -> unknown(orderId, "the capture was partly refunded at PayPal: left for an administrator");
            case "PENDING" -> new ProviderResult(ProviderStatus.PENDING, orderId, "capture pending" + why, null);
            case "DECLINED", "FAILED" -> ProviderResult.declined(orderId, "capture " + status.toLowerCase(Locale.ROOT) + why,
                    captureDeclineCode(capture));
            default -> new ProviderResult(ProviderStatus.PENDING, orderId, "capture is " + status, null);
        };
    }

    /**
     * Why PayPal declined a capture: the card processor's response code where PayPal gives one
     * ({@code processor_response.response_code}, the documented ones named as Souk's codes), else the
     * capture's {@code status_details.reason}, else unknown.
     */
    static String captureDeclineCode(JsonNode capture) {
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

    private static NextAction approvalLink(JsonNode order) {
        String approve = null;
        for (JsonNode link : order.path("links")) {
            String rel = link.path("rel").asText("");
            String href = link.path("href").asText("");
            if (href.isBlank()) {
                continue;
            }
            if ("payer-action".equals(rel)) {
                return new NextAction(NextAction.REDIRECT, href, Map.of());
            }
            if ("approve".equals(rel)) {
                approve = href;
            }
        }
        return approve == null ? null : new NextAction(NextAction.REDIRECT, approve, Map.of());
    }

    private String orderBody(String paymentId, String orderId, String description, Money charged) {
        ObjectNode body = PayPalApi.JSON.createObjectNode();
        body.put("intent", "CAPTURE");
        ObjectNode unit = body.putArray("purchase_units").addObject();
        unit.put("reference_id", orderId);
        unit.put("custom_id", paymentId);
        unit.put("invoice_id", paymentId);
        if (description != null && !description.isBlank()) {
            unit.put("description", truncate(description, 127));
        }
        amount(unit.putObject("amount"), charged);
        ObjectNode experience = body.putObject("payment_source").putObject("paypal").putObject("experience_context");
        experience.put("payment_method_preference", "IMMEDIATE_PAYMENT_REQUIRED");
        experience.put("user_action", "PAY_NOW");
        experience.put("return_url", expand(settings.returnUrl(), paymentId, orderId));
        experience.put("cancel_url", expand(settings.cancelUrl(), paymentId, orderId));
        return body.toString();
    }

    private ProviderResult converted(ProviderResult result, Money amount, Money charged) {
        return conversion.converts(amount) ? result.convertedTo(charged, conversion.rate()) : result;
    }

    // ---------------------------------------------------------------------------------------- refunds

    /**
     * Refunds the order's capture, naming the amount (converted, or as recorded when charged) every time, so
     * that PayPal refuses what exceeds what is left instead of refunding less. {@code PayPal-Request-Id} is the
     * refund's idempotency key, so a retry never refunds twice.
     */
    @Override
    public RefundResult refund(RefundRequest request) {
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
            Reply order = api.get(ORDERS + "/" + PayPalApi.segment(orderId));
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
            LOG.debug("Refund {}: PayPal unreachable: {}", request.refundId(), describe(e));
            return failed("could not connect to PayPal; nothing was refunded");
        } catch (IOException e) {
            LOG.debug("Refund {}: no answer from PayPal: {}", request.refundId(), describe(e));
            return retry("PayPal did not answer: " + describe(e));
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

    // ---------------------------------------------------------------------------------------- webhooks

    /**
     * Has PayPal verify the webhook ({@code verify-webhook-signature}) with the transmission headers, the
     * configured webhook id and the body, passed on byte for byte so that PayPal checks what it signed.
     * Anything short of {@code SUCCESS} is refused, as is a webhook that cannot be checked.
     *
     * <p>Asking PayPal costs the merchant's API quota and a thread for the length of the call, and anyone can
     * post to the webhook endpoint. So a webhook is first checked here, without any call: the headers must be
     * what PayPal sends (its algorithm, its certificate hosts over https, a transmission time near now, ids of
     * a sane shape) and the body a JSON event with an id and a type Souk acts on ({@link #EVENT_TYPES}; any other
     * is refused unverified, since it would change nothing). A transmission PayPal already refused is refused
     * again without asking. Then at most {@code webhook.verifications.per.minute} verifications start per minute
     * and at most {@code webhook.max.verifications} are under way at once, each bounded by
     * {@code webhook.verify.timeout.ms}, token included; a webhook beyond either limit is refused at once, and
     * PayPal, which redelivers with backoff, retries it (look-ups settle payments meanwhile).
     */
    /**
     * Checks the client credentials by asking PayPal for an OAuth token: refused credentials are INVALID
     * (no payment will work), no answer is UNREACHABLE. The token is kept for the calls that follow.
     */
    @Override
    public ConfigurationCheck checkConfiguration() {
        try {
            api.checkCredentials();
            return ConfigurationCheck.ok("PayPal issued an access token");
        } catch (CredentialsRejected e) {
            return ConfigurationCheck.invalid(e.getMessage());
        } catch (IOException e) {
            return ConfigurationCheck.unreachable("PayPal's token endpoint did not answer: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConfigurationCheck.unreachable("interrupted");
        }
    }

    @Override
    public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
        String[] names = {H_ALGO, H_CERT, H_ID, H_SIG, H_TIME};
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = request.header(names[i]);
            if (values[i] == null || values[i].isBlank()) {
                throw new WebhookRejectedException("missing " + names[i] + " header");
            }
            values[i] = values[i].trim();
        }
        if (settings.webhookId() == null) {
            LOG.warn("{}: a PayPal webhook was refused because webhook.id is not configured", id);
            throw new WebhookRejectedException("no webhook.id configured to verify against");
        }
        Instant sent = checkTransmission(values[0], values[1], values[2], values[3], values[4]);
        JsonNode event;
        try {
            event = STRICT.readTree(request.body());
        } catch (IOException e) {
            throw new WebhookRejectedException("the body is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new WebhookRejectedException("the body is not a JSON object");
        }
        checkEvent(event);
        String type = text(event.path("event_type"));
        if (!EVENT_TYPES.contains(type)) {
            // Changes nothing in Souk even if genuine: not worth a call to PayPal. Acknowledged (PayPal disables an
            // endpoint that keeps failing) and ignored without its event id, so that nothing unverified is recorded.
            LOG.debug("A PayPal webhook of type {} is ignored unverified: Souk does not act on it", type);
            return WebhookEvent.ignored(null, "event type " + type + " is not one Souk acts on; subscribe the webhook to "
                    + EVENT_TYPE_LIST + " only");
        }
        ObjectNode verification = PayPalApi.JSON.createObjectNode();
        verification.put("auth_algo", values[0]);
        verification.put("cert_url", values[1]);
        verification.put("transmission_id", values[2]);
        verification.put("transmission_sig", values[3]);
        verification.put("transmission_time", values[4]);
        verification.put("webhook_id", settings.webhookId());
        verification.putRawValue("webhook_event", new RawValue(new String(request.body(), StandardCharsets.UTF_8)));
        String json;
        try {
            json = PayPalApi.JSON.writeValueAsString(verification);
        } catch (JsonProcessingException e) {
            throw new WebhookRejectedException("the body cannot be passed on");
        }
        if (refused.contains(json)) {
            throw new WebhookRejectedException("PayPal already refused transmission " + values[2] + "; not asked again");
        }
        if (!verifications.tryAcquire()) {
            LOG.debug("A PayPal webhook was refused: {} verifications already under way",
                    settings.webhooks().maxConcurrentVerifications());
            throw new WebhookRejectedException("too many webhook verifications under way ("
                    + settings.webhooks().maxConcurrentVerifications() + "); retry later");
        }
        Reply reply;
        try {
            if (!allowance.tryTake()) {
                LOG.debug("A PayPal webhook was refused: {} verifications per minute already spent", allowance.perMinute());
                throw new WebhookRejectedException("too many webhook verifications (at most " + allowance.perMinute()
                        + " per minute); retry later");
            }
            reply = api.post("/v1/notifications/verify-webhook-signature", json, null, settings.webhooks().verifyTimeout());
        } catch (CredentialsRejected e) {
            throw new WebhookRejectedException("cannot verify: " + e.getMessage());
        } catch (IOException e) {
            LOG.debug("Verifying a PayPal webhook failed: {}", describe(e));
            throw new WebhookRejectedException("cannot verify: PayPal did not answer (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookRejectedException("cannot verify: interrupted");
        } finally {
            verifications.release();
        }
        Instant stale = sent.plus(settings.webhooks().timeWindow()); // refused for its time from then on
        if (!reply.ok()) {
            if (reply.status() == 400 || reply.status() == 422) {
                refused.add(json, stale); // PayPal refused the request itself: the same one gets the same answer
            }
            throw new WebhookRejectedException("cannot verify: PayPal answered " + reply.status() + " (" + reply.error() + ")");
        }
        String verdict = reply.body().path("verification_status").asText("");
        if (!"SUCCESS".equals(verdict)) {
            refused.add(json, stale);
            throw new WebhookRejectedException("PayPal did not verify the signature (" + (verdict.isBlank() ? "no verdict" : verdict) + ")");
        }
        return event(event);
    }

    /** The transmission headers as PayPal sends them, checked without asking anyone; returns the transmission time. */
    private Instant checkTransmission(String algo, String certUrl, String transmissionId, String signature, String time)
            throws WebhookRejectedException {
        if (!AUTH_ALGO.equals(algo)) {
            throw new WebhookRejectedException(H_ALGO + " must be " + AUTH_ALGO);
        }
        URI cert;
        try {
            cert = certUrl.length() > MAX_CERT_URL ? null : new URI(certUrl);
        } catch (URISyntaxException e) {
            cert = null;
        }
        if (cert == null || !"https".equalsIgnoreCase(cert.getScheme()) || cert.getRawUserInfo() != null
                || (cert.getPort() != -1 && cert.getPort() != 443) || !settings.webhooks().allowsCertHost(cert.getHost())) {
            throw new WebhookRejectedException(H_CERT + " must be an https URL on " + String.join(" or ",
                    settings.webhooks().certHosts()));
        }
        if (!TRANSMISSION_ID.matcher(transmissionId).matches()) {
            throw new WebhookRejectedException(H_ID + " must be 1 to 64 letters, digits, '-' or '_'");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new WebhookRejectedException(H_SIG + " must be a base64 signature");
        }
        Instant sent;
        try {
            sent = OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(H_TIME + " must be an ISO-8601 time such as 2024-05-02T10:01:02Z");
        }
        Duration window = settings.webhooks().timeWindow();
        Instant now = clock.instant();
        if (sent.isBefore(now.minus(window)) || sent.isAfter(now.plus(window))) {
            throw new WebhookRejectedException(H_TIME + " is more than " + window.toSeconds() + " s away from now");
        }
        return sent;
    }

    /** An event PayPal could have sent: an id and a type of a sane shape. */
    private static void checkEvent(JsonNode event) throws WebhookRejectedException {
        String id = text(event.path("id"));
        if (id == null) {
            throw new WebhookRejectedException("'id' is required");
        }
        if (!EVENT_ID.matcher(id).matches()) {
            throw new WebhookRejectedException("'id' must be 1 to 100 letters, digits, '.', '-' or '_'");
        }
        String type = text(event.path("event_type"));
        if (type == null) {
            throw new WebhookRejectedException("'event_type' is required");
        }
        if (!EVENT_TYPE.matcher(type).matches()) {
            throw new WebhookRejectedException("'event_type' must be 1 to 100 letters, digits, '.', '-' or '_'");
        }
    }

    /**
     * Turns a verified event into what the core decides on. A capture event reports the amount and currency
     * exactly as PayPal captured them (the charge currency for a converted payment: the core compares them
     * with the charged amount it recorded) and the PayPal order it belongs to as the gateway reference (what
     * Souk stored at initiation). A capture that would settle or fail a payment without saying which PayPal
     * order it belongs to, or for how much, settles nothing: it is PENDING, and the look-up that follows, with
     * its own checks, decides.
     */
    private WebhookEvent event(JsonNode event) {
        String eventId = text(event.path("id"));
        String type = event.path("event_type").asText("");
        JsonNode resource = event.path("resource");
        String resourceType = event.path("resource_type").asText("");
        ProviderStatus status = switch (type) { // one of EVENT_TYPES: no other type is verified
            case "PAYMENT.CAPTURE.COMPLETED" -> ProviderStatus.PROCESSED;
            case "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED" -> ProviderStatus.ERROR;
            default -> ProviderStatus.PENDING; // CHECKOUT.ORDER.APPROVED: the look-up it prompts captures
        };
        boolean checkout = type.startsWith("CHECKOUT.ORDER.") || "checkout-order".equals(resourceType);
        String orderId = text(resource.path("supplementary_data").path("related_ids").path("order_id"));
        if (orderId == null && checkout) {
            orderId = text(resource.path("id"));
        }
        String paymentId = text(resource.path("custom_id"));
        if (paymentId == null) {
            paymentId = text(resource.path("purchase_units").path(0).path("custom_id"));
        }
        if (orderId == null && paymentId == null) {
            // Verified, of a type Souk acts on, but about no payment and no PayPal order: a malformed payment
            // notice, answered 400 naming the field rather than acknowledged as about nothing.
            throw new ValidationException(checkout ? "resource.id" : "resource.supplementary_data.related_ids.order_id",
                    "is required: a " + type + " event names the PayPal order it is about (or resource.custom_id, "
                    + "Souk's payment)");
        }
        JsonNode amountNode = checkout ? resource.path("purchase_units").path(0).path("amount") : resource.path("amount");
        Money amount = money(amountNode);
        if (status.isFinal()) {
            String why = null;
            if (orderId == null) {
                why = "names no PayPal order";
            } else if (amount == null) {
                why = amountNode.isMissingNode() ? "carries no amount" : "carries an unreadable amount";
            } else if (status == ProviderStatus.PROCESSED && text(resource.path("status")) != null
                    && !"COMPLETED".equals(text(resource.path("status")))) {
                why = "is " + text(resource.path("status"));
            }
            if (why != null) {
                LOG.warn("PayPal event {} ({}) {}; not applied, the payment's look-up decides", eventId, type, why);
                status = ProviderStatus.PENDING;
            }
        }
        return new WebhookEvent(eventId, paymentId, orderId, status, amount,
                status == ProviderStatus.ERROR ? captureDeclineCode(resource) : null);
    }

    // ---------------------------------------------------------------------------------------- helpers

    private static void amount(ObjectNode node, Money money) {
        node.put("currency_code", money.currency());
        node.put("value", money.toDecimalString());
    }

    /** A PayPal amount object, or null if there is none or it does not parse. */
    private static Money money(JsonNode amount) {
        String currency = text(amount.path("currency_code"));
        String value = text(amount.path("value"));
        if (currency == null || value == null) {
            return null;
        }
        try {
            return Money.parse(value, currency);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static ProviderResult unknown(String orderId, String message) {
        return new ProviderResult(ProviderStatus.UNKNOWN, orderId, message, null);
    }

    private static String expand(String url, String paymentId, String orderId) {
        return url.replace("{paymentId}", encode(paymentId)).replace("{orderId}", encode(orderId));
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException) {
            return "could not connect";
        }
        return e.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "PayPalProvider[" + settings + "]"; // Settings leaves the secret out; tokens live in PayPalApi only
    }
}
