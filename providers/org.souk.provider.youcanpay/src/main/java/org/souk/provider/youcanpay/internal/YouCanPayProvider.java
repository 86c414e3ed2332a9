package org.souk.provider.youcanpay.internal;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.souk.gateway.spi.DeclineCodes;
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
 * YouCanPay (Morocco): cards through YouCanPay's widget or hosted page, and CashPlus, where the customer
 * pays cash at an agency with a code. Card data never reaches Souk: a payment starts with a token that
 * the customer's browser completes at YouCanPay. What settles a payment is YouCanPay's own word, read
 * from {@code GET transactions/{id}}: a look-up, or the re-check each signed webhook triggers.
 */
@Component(service = PaymentProvider.class, configurationPid = YouCanPayProvider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = YouCanPayProvider.Config.class, factory = true)
public class YouCanPayProvider implements PaymentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(YouCanPayProvider.class);

    static final String PID = "org.souk.provider.youcanpay";
    /** The methods of the default account; another account's are {@code youcanpay-<account>.card} and so on. */
    static final String CARD = "youcanpay.card";
    static final String CASHPLUS = "youcanpay.cashplus";
    static final String MAD = "MAD";

    static final String SOUK_PAYMENT_ID = "souk_payment_id";
    static final String SOUK_ORDER_ID = "souk_order_id";
    static final List<String> CUSTOMER_FIELDS = List.of("name", "address", "zip_code", "city", "state",
            "country_code", "phone", "email");
    static final Set<String> LANGUAGES = Set.of("en", "fr", "ar");

    /** Payments started by this instance, so that a repeated initiation hands out the same token or code. */
    private static final int REMEMBERED_STARTS = 1024;

    @ObjectClassDefinition(name = "Souk YouCanPay payment provider",
            description = "One YouCanPay account (sandbox or live). Keys are in the YouCanPay dashboard under Settings > API keys.")
    public @interface Config {
        @AttributeDefinition(name = "Account", required = false, description = "Empty for the one account (provider "
                + "youcanpay); for each further account a name of lower-case letters, digits and dashes (live, mad-2): "
                + "its provider is youcanpay-<account>, with methods youcanpay-<account>.card and .cashplus and webhooks "
                + "at /api/v1/webhooks/youcanpay-<account>")
        String account() default "";

        @AttributeDefinition(name = "Private key", type = AttributeType.PASSWORD,
                description = "pri_...: authenticates API calls and signs webhooks")
        String _private_key();

        @AttributeDefinition(name = "Public key", required = false, description = "pub_...: used by the payment widget")
        String public_key() default "";

        @AttributeDefinition(name = "Sandbox", description = "Use YouCanPay's sandbox (test cards, no money moves)")
        boolean sandbox() default true;

        @AttributeDefinition(name = "API base URL", required = false,
                description = "Override; default https://youcanpay.com/sandbox/api/ in sandbox, else https://youcanpay.com/api/")
        String base_url() default "";

        @AttributeDefinition(name = "Connect timeout (ms)")
        long connect_timeout_ms() default 5_000;

        @AttributeDefinition(name = "Request timeout (ms)")
        long request_timeout_ms() default 15_000;

        @AttributeDefinition(name = "Return URL", description = "Where YouCanPay sends the customer back (success_url and error_url)")
        String return_url() default Settings.DEFAULT_RETURN_URL;
    }

    private final Settings settings;
    /** This account's methods: {@code <id>.card} and {@code <id>.cashplus}. */
    private final String cardMethod;
    private final String cashPlusMethod;
    private final ObjectMapper mapper = new ObjectMapper();
    private final GatewayClient client;
    private final WebhookSignature signature;
    private final Map<String, ProviderResult> started = new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ProviderResult> eldest) {
            return size() > REMEMBERED_STARTS;
        }
    };

    @Activate
    public YouCanPayProvider(Config config) {
        this(checked(config));
    }

    YouCanPayProvider(Settings settings) {
        this.settings = settings;
        this.cardMethod = settings.id + ".card";
        this.cashPlusMethod = settings.id + ".cashplus";
        this.client = new GatewayClient(settings, mapper);
        this.signature = new WebhookSignature(settings.privateKey);
        if (settings.publicKey.isEmpty()) {
            LOG.warn("YouCanPay ({}) has no public.key: the payment widget and CashPlus will not work", settings);
        }
        LOG.info("YouCanPay provider ready ({})", settings);
    }

    private static Settings checked(Config config) {
        try {
            return Settings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.warn("YouCanPay configuration rejected, the provider stays off: {}", e.getMessage());
            throw e;
        }
    }

    @Override
    public String id() {
        return settings.id;
    }

    /** Sandbox keys take no real money: a live node refuses this account, a test node marks its payments test. */
    @Override
    public boolean takesTestPayments() {
        return settings.sandbox;
    }

    @Override
    public String displayName() {
        return settings.account.isEmpty() ? "YouCanPay" : "YouCanPay (" + settings.account + ")";
    }

    @Override
    public List<PaymentMethod> methods() {
        String of = settings.account.isEmpty() ? "" : ", " + settings.account;
        return List.of(new PaymentMethod(cardMethod, "Card (YouCanPay" + of + ")", MethodType.CARD),
                new PaymentMethod(cashPlusMethod, "Cash at a CashPlus agency" + (of.isEmpty() ? "" : " (YouCanPay" + of + ")"),
                        MethodType.CASH));
    }

    @Override
    public Set<String> currencies() {
        return Set.of(MAD);
    }

    // ---------------------------------------------------------------------------------------------------
    // Initiation

    @Override
    public ProviderResult initiate(PaymentRequest request) {
        if (!cardMethod.equals(request.methodId()) && !cashPlusMethod.equals(request.methodId())) {
            return ProviderResult.error(null, "YouCanPay has no method '" + request.methodId() + "'");
        }
        if (!MAD.equals(request.amount().currency())) {
            return ProviderResult.error(null, "YouCanPay charges in MAD only, not " + request.amount().currency());
        }
        ProviderResult earlier = remembered(request.idempotencyKey());
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
            remember(request.idempotencyKey(), result);
        }
        return result;
    }

    /**
     * What the client may pass and YouCanPay would refuse: a customer IP that is no IP address, an e-mail
     * that is no address, a country that is no two-letter code, a customer field longer than YouCanPay keeps.
     * Nothing is required (the card or the cash code is entered at YouCanPay, not sent by the client); the
     * language is a preference, so an unknown one falls back to English rather than being refused.
     */
    @Override
    public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
        List<FieldError> errors = new ArrayList<>();
        if ((!cardMethod.equals(methodId) && !cashPlusMethod.equals(methodId)) || details == null) {
            return errors;
        }
        String ip = details.get("customerIp");
        if (ip != null && !ip.isBlank() && !isIpAddress(ip.trim())) {
            errors.add(new FieldError("details.customerIp", "must be an IPv4 or IPv6 address"));
        }
        for (Map.Entry<String, String> e : details.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || !key.startsWith("customer.") || value == null || value.isBlank()) {
                continue;
            }
            String field = "details." + key;
            String v = value.trim();
            if (v.length() > MAX_CUSTOMER_FIELD) {
                errors.add(new FieldError(field, "must be at most " + MAX_CUSTOMER_FIELD + " characters"));
            } else if (key.equals("customer.email") && !EMAIL.matcher(v).matches()) {
                errors.add(new FieldError(field, "must be an e-mail address"));
            } else if ((key.equals("customer.country_code") || key.equals("customer.countryCode"))
                    && !v.matches("[A-Za-z]{2}")) {
                errors.add(new FieldError(field, "must be a two-letter country code (ISO 3166-1), e.g. MA"));
            }
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    static final int MAX_CUSTOMER_FIELD = 255;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern IPV4 = Pattern
            .compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    /** An IP literal, checked without any name look-up (a text with a colon is never resolved). */
    static boolean isIpAddress(String s) {
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (s.length() > 45 || s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(s) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
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
        body.put("customer_ip", customerIp(request));
        body.put("success_url", settings.returnUrl(request.paymentId(), "success"));
        body.put("error_url", settings.returnUrl(request.paymentId(), "error"));
        ObjectNode customer = mapper.createObjectNode();
        for (String field : CUSTOMER_FIELDS) {
            String value = customerDetail(request, field);
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
        GatewayClient.Answer answer = call("tokenize", request.paymentId(), () -> client.post("tokenize", body));
        String token = tokenOf(answer.json());
        if (token == null) {
            LOG.debug("YouCanPay tokenize for payment {} answered HTTP {} without a token", request.paymentId(),
                    answer.status());
            throw new Stop(ProviderResult.unknown("YouCanPay's tokenize answer has no token"));
        }
        return new Tokenized(token, firstText(answer.json(), "/transaction_id", "/token/transaction_id"));
    }

    private ProviderResult widget(PaymentRequest request, Tokenized tokenized) {
        String token = tokenized.token();
        String lang = language(request);
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
        GatewayClient.Answer answer = call("cashplus/init", request.paymentId(), () -> client.post("cashplus/init", body));
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

    /**
     * Calls an initiation endpoint. A 2xx answer with a JSON object comes back; anything else stops the
     * initiation: refusals (4xx) are final errors, silence and 5xx are UNKNOWN.
     */
    private GatewayClient.Answer call(String endpoint, String paymentId, Call call) throws Stop {
        GatewayClient.Answer answer;
        try {
            answer = call.run();
        } catch (HttpTimeoutException e) {
            LOG.debug("YouCanPay {} for payment {} timed out", endpoint, paymentId);
            throw new Stop(ProviderResult.unknown("YouCanPay did not answer " + endpoint + " in time"));
        } catch (IOException e) {
            LOG.debug("YouCanPay {} for payment {} failed: {}", endpoint, paymentId, e.getClass().getSimpleName());
            throw new Stop(ProviderResult.unknown("YouCanPay unreachable: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(ProviderResult.unknown("interrupted while calling YouCanPay"));
        }
        int status = answer.status();
        if (status >= 500) {
            LOG.debug("YouCanPay {} for payment {} answered HTTP {}", endpoint, paymentId, status);
            throw new Stop(ProviderResult.unknown("YouCanPay answered HTTP " + status + " to " + endpoint));
        }
        if (status >= 400 || (answer.json() != null && answer.json().path("success").isBoolean()
                && !answer.json().path("success").asBoolean())) {
            if (status == 401 || status == 403) {
                LOG.warn("YouCanPay refused the credentials of {} (HTTP {}): check .private.key and public.key", settings,
                        status);
            }
            throw new Stop(ProviderResult.declined(null, refusal(answer), refusalCode(answer)));
        }
        if (status < 200 || status >= 300 || answer.json() == null || !answer.json().isObject()) {
            LOG.debug("YouCanPay {} for payment {} gave an unreadable answer (HTTP {})", endpoint, paymentId, status);
            throw new Stop(ProviderResult.unknown("YouCanPay gave an unreadable answer to " + endpoint));
        }
        return answer;
    }

    /** YouCanPay's own code for a refusal (its {@code code} member, e.g. {@code 013}), or unknown. */
    static String refusalCode(GatewayClient.Answer answer) {
        String code = text(answer.json() == null ? null : answer.json().get("code"));
        return code == null ? DeclineCodes.UNKNOWN : code;
    }

    private static String refusal(GatewayClient.Answer answer) {
        String message = text(answer.json() == null ? null : answer.json().get("message"));
        String code = text(answer.json() == null ? null : answer.json().get("code"));
        StringBuilder sb = new StringBuilder("YouCanPay refused: ");
        sb.append(message != null ? message : "HTTP " + answer.status());
        if (code != null) {
            sb.append(" (code ").append(code).append(')');
        }
        return sb.toString();
    }

    /** The token, as the SDKs print it ({@code {"token":{"id":…}}}) or as one docs page does ({@code {"token":"…"}}). */
    static String tokenOf(JsonNode json) {
        if (json == null) {
            return null;
        }
        JsonNode token = json.get("token");
        return token != null && token.isObject() ? text(token.get("id")) : text(token);
    }

    private static String customerDetail(PaymentRequest request, String field) {
        String value = request.detail("customer." + field);
        if (value == null && field.contains("_")) { // customer.zip_code also as customer.zipCode
            int i = field.indexOf('_');
            value = request.detail("customer." + field.substring(0, i) + Character.toUpperCase(field.charAt(i + 1))
                    + field.substring(i + 2));
        }
        return value;
    }

    /**
     * The customer's IP for YouCanPay: the address Souk saw the request come from. Only when Souk knows none
     * (a payment not started through the API) is the client's {@code details.customerIp} used; YouCanPay wants
     * one, so a missing or malformed one becomes loopback.
     */
    static String customerIp(PaymentRequest request) {
        String seen = request.customer().ip();
        String ip = seen != null && !seen.isBlank() ? seen : request.detail("customerIp");
        return ip != null && ip.trim().matches("[0-9A-Fa-f:.]{2,45}") ? ip.trim() : "127.0.0.1";
    }

    /**
     * The page's language: the customer's, from their {@code Accept-Language} as Souk read it; then the
     * client's {@code details.lang}; then English. Only en, fr and ar are YouCanPay's.
     */
    static String language(PaymentRequest request) {
        for (String candidate : new String[] {request.customer().language(), request.detail("lang")}) {
            String lang = candidate == null ? null : candidate.trim().toLowerCase(java.util.Locale.ROOT);
            if (lang != null && LANGUAGES.contains(lang)) {
                return lang;
            }
        }
        return "en";
    }

    private ProviderResult remembered(String key) {
        if (key == null) {
            return null;
        }
        synchronized (started) {
            return started.get(key);
        }
    }

    private void remember(String key, ProviderResult result) {
        if (key != null) {
            synchronized (started) {
                started.put(key, result);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Configuration

    /**
     * Asks YouCanPay whether this account's keys are good ({@code POST keys/check} with the private and
     * public keys): 2xx is OK; a refusal (4xx) means the keys are wrong for this environment (a sandbox key on
     * live, say) and no payment will work; silence or a 5xx says nothing.
     */
    @Override
    public ConfigurationCheck checkConfiguration() {
        ObjectNode body = mapper.createObjectNode();
        body.put("pri_key", settings.privateKey);
        body.put("pub_key", settings.publicKey);
        GatewayClient.Answer answer;
        try {
            answer = client.post("keys/check", body);
        } catch (IOException e) {
            return ConfigurationCheck.unreachable("YouCanPay did not answer keys/check: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConfigurationCheck.unreachable("interrupted");
        }
        String where = settings.sandbox ? "sandbox" : "live";
        if (answer.ok() && !(answer.json() != null && answer.json().path("success").isBoolean()
                && !answer.json().path("success").asBoolean())) {
            return ConfigurationCheck.ok("YouCanPay accepted the keys (" + where + ")");
        }
        if (answer.status() >= 500) {
            return ConfigurationCheck.unreachable("YouCanPay answered HTTP " + answer.status() + " to keys/check");
        }
        LOG.warn("YouCanPay refused the keys of {} (HTTP {}): check .private.key and public.key", settings, answer.status());
        return ConfigurationCheck.invalid("YouCanPay refused the keys (" + where + ", HTTP " + answer.status() + ")");
    }

    // ---------------------------------------------------------------------------------------------------
    // Look-ups

    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        String reference = lookup.gatewayReference();
        if (Settings.blank(reference)) {
            return ProviderResult.unknown("YouCanPay never gave a reference for payment " + lookup.paymentId());
        }
        Transaction tx;
        try {
            tx = transaction(reference);
        } catch (Stop stop) {
            return stop.result;
        }
        // Souk's payment id went to tokenize as order_id: a record that names no order, or another one, is
        // not this payment's, whatever it says about money.
        if (tx.orderId == null || !tx.orderId.equals(lookup.paymentId())) {
            LOG.warn("YouCanPay transaction {} belongs to {}, not to payment {}: left for an administrator", tx.id,
                    tx.orderId == null ? "no order" : tx.orderId, lookup.paymentId());
            return new ProviderResult(ProviderStatus.UNKNOWN, tx.id, "order mismatch: YouCanPay transaction " + tx.id + " belongs to "
                    + (tx.orderId == null ? "no order" : tx.orderId) + ", not to payment " + lookup.paymentId(), null);
        }
        if (lookup.amount() != null) {
            if (tx.amount == null) {
                return ProviderResult.unknown("YouCanPay gave no readable amount for transaction " + tx.id);
            }
            if (!tx.amount.equals(lookup.amount())) {
                LOG.warn("YouCanPay transaction {} is for {}, payment {} for {}: left for an administrator", tx.id,
                        tx.amount, lookup.paymentId(), lookup.amount());
                return new ProviderResult(ProviderStatus.UNKNOWN, tx.id, "amount mismatch: YouCanPay says " + tx.amount + ", the payment is "
                        + lookup.amount(), null);
            }
        }
        if (tx.status == REFUNDED) {
            LOG.warn("YouCanPay transaction {} of payment {} was refunded at YouCanPay before Souk saw it paid; the payment fails",
                    tx.id, lookup.paymentId());
        }
        return switch (tx.status) {
            case PAID -> ProviderResult.processed(tx.id);
            case PENDING -> new ProviderResult(ProviderStatus.PENDING, tx.id, "awaiting the customer at YouCanPay", null);
            case CANCELED -> new ProviderResult(ProviderStatus.CANCELED, tx.id, "canceled at YouCanPay", null);
            case REFUNDED -> refunded(tx.id);
            case FAILED -> ProviderResult.error(tx.id, "the payment failed at YouCanPay");
            default -> ProviderResult.unknown("YouCanPay transaction " + tx.id + " has status " + tx.status);
        };
    }

    /**
     * A transaction YouCanPay reports refunded (or reversed) is never a payment: the money went back to the
     * customer, so confirming it would deliver an order nobody paid for. It is an ERROR, not UNKNOWN: the
     * state is final at YouCanPay (no later look-up will turn it into a payment), and failing the payment
     * lets the customer pay again, while a pending one would wait for an answer that never changes. Souk
     * itself never refunds through YouCanPay (it has no refund API), so such a record means someone gave the
     * money back from the dashboard before Souk saw it paid; the warning leaves a trace for an administrator.
     */
    private static ProviderResult refunded(String transactionId) {
        return ProviderResult.declined(transactionId, "refunded at YouCanPay before the payment was confirmed: nothing was paid",
                "refunded");
    }

    static final int PAID = 1;
    static final int PENDING = 0;
    static final int CANCELED = -1;
    static final int REFUNDED = -2;
    static final int FAILED = -3;

    /** A transaction as YouCanPay reports it; {@code amount} is null if unreadable, {@code status} MIN_VALUE likewise. */
    record Transaction(String id, String orderId, int status, Money amount) {
    }

    /** {@code GET transactions/{id}}; anything but a readable transaction stops with UNKNOWN. */
    private Transaction transaction(String reference) throws Stop {
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

    // ---------------------------------------------------------------------------------------------------
    // Webhooks

    @Override
    public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
        String header = request.header(WebhookSignature.HEADER);
        if (header == null || header.isBlank()) {
            throw new WebhookRejectedException("missing " + WebhookSignature.HEADER + " header");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (!signature.matches(body, header)) {
            throw new WebhookRejectedException("signature does not match the body");
        }
        // Signed with the account's key from here on: an event Souk does not act on gets its 2xx and is ignored
        // (YouCanPay disables an endpoint that keeps failing), but a body that is no readable event is a 400
        // naming what is wrong: a malformed payment notice must not be acknowledged as if it were nothing.
        JsonNode event;
        try {
            event = mapper.readTree(body);
        } catch (IOException e) {
            throw new ValidationException("body", "is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new ValidationException("body", "must be a JSON object");
        }
        String eventId = firstText(event, "/id", "/event_id");
        String name = firstText(event, "/event_name", "/payload/event/name");
        if (name == null) {
            throw new ValidationException("event_name", "is required: a YouCanPay event names its type");
        }
        if (!"transaction.paid".equals(name) && !"transaction.failed".equals(name)) {
            return WebhookEvent.ignored(eventId, "event " + name + " is not one Souk acts on");
        }
        JsonNode tx = event.at("/payload/transaction");
        String transactionId = text(tx.get("id"));
        ValidationException.Collector missing = new ValidationException.Collector();
        if (eventId == null) {
            missing.add("id", "is required: a " + name + " event carries its event id");
        }
        if (transactionId == null) {
            // Without it the event cannot be checked against YouCanPay's own record.
            missing.add("payload.transaction.id", "is required: a " + name + " event names its transaction");
        }
        missing.throwIfAny();
        String orderId = text(tx.get("order_id"));
        String paymentId = firstText(event, "/payload/metadata/" + SOUK_PAYMENT_ID, "/metadata/" + SOUK_PAYMENT_ID);
        if (paymentId == null) {
            paymentId = orderId;
        }
        Money claimed = amountOf(tx.get("amount"), text(tx.get("currency")));
        // The signature proves who sent the event, not that it is current: YouCanPay's own record decides.
        Transaction confirmed;
        try {
            confirmed = transaction(transactionId);
        } catch (Stop stop) {
            LOG.debug("YouCanPay webhook event {}: re-check of transaction {} failed ({}); left to reconciliation",
                    eventId, transactionId, stop.result.message());
            return new WebhookEvent(eventId, paymentId, transactionId, ProviderStatus.UNKNOWN, claimed);
        }
        if (paymentId == null) {
            paymentId = confirmed.orderId;
        }
        ProviderStatus status = switch (confirmed.status) {
            case PAID -> ProviderStatus.PROCESSED;
            case PENDING -> ProviderStatus.PENDING;
            case CANCELED -> ProviderStatus.CANCELED;
            case FAILED, REFUNDED -> ProviderStatus.ERROR; // refunded: never paid, see refunded()
            default -> ProviderStatus.UNKNOWN; // new states: the look-up, with its checks, will settle it
        };
        if (status == ProviderStatus.PENDING) {
            // The event announces an outcome the gateway's record does not show yet: not settled, and not
            // recorded either, so that the gateway's retry is applied once its record caught up.
            LOG.debug("YouCanPay webhook event {} ({}) is ahead of transaction {}, still pending", eventId, name, transactionId);
            status = ProviderStatus.UNKNOWN;
        }
        // YouCanPay's record must name the payment the event is about (its order_id is Souk's payment id) and
        // carry an amount; the event must not claim another amount or order than the record.
        boolean consistent = confirmed.amount != null && (claimed == null || claimed.equals(confirmed.amount))
                && confirmed.orderId != null && confirmed.orderId.equals(paymentId)
                && (orderId == null || orderId.equals(confirmed.orderId));
        if (!consistent && status != ProviderStatus.UNKNOWN) {
            LOG.warn("YouCanPay webhook event {} disagrees with transaction {} ({} / {} against {} / {}); left to reconciliation",
                    eventId, transactionId, orderId, claimed, confirmed.orderId, confirmed.amount);
            status = ProviderStatus.UNKNOWN;
        }
        return new WebhookEvent(eventId, paymentId, transactionId, status,
                confirmed.amount != null ? confirmed.amount : claimed);
    }

    // ---------------------------------------------------------------------------------------------------

    /** The text of a scalar node, or null for a missing, null, empty or structured one. */
    static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String s = node.asText();
        return s.isBlank() ? null : s;
    }

    private static String firstText(JsonNode json, String... pointers) {
        if (json == null) {
            return null;
        }
        for (String p : pointers) {
            String s = text(json.at(p));
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "YouCanPayProvider[" + settings + "]";
    }

    @FunctionalInterface
    private interface Call {
        GatewayClient.Answer run() throws IOException, InterruptedException;
    }

    /** Ends an initiation or a look-up early with what to tell the core. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final transient ProviderResult result;

        Stop(ProviderResult result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }
}
