package org.souk.provider.paypal.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashSet;
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
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.MethodType;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentMethod;
import org.souk.gateway.spi.PaymentProvider;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.provider.paypal.internal.PayPalApi.CredentialsRejected;

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
 *
 * <p>This component holds the account (its id, methods and currencies) and hands each job to one class:
 * {@link Checkout} for payments, {@link Refunds}, {@link WebhookVerifier} for webhooks; {@link PayPalApi} speaks
 * HTTP for all of them.
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

    private static final Logger LOG = LoggerFactory.getLogger(PayPalProvider.class);

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

    private final Settings settings;
    /** {@code paypal}, or {@code paypal-<account>}. */
    private final String id;
    private final Conversion conversion;
    private final PayPalApi api;
    private final Checkout checkout;
    private final Refunds refunds;
    private final WebhookVerifier webhooks;

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
        this.checkout = new Checkout(settings, api);
        this.refunds = new Refunds(conversion, api);
        this.webhooks = new WebhookVerifier(settings, id, api, clock);
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


    @Override
    public ProviderResult initiate(PaymentRequest request) {
        return checkout.initiate(request);
    }

    /**
     * Where the payment stands at PayPal. An approved order is captured here. A payment whose initiation got
     * no answer has no order id yet: the creation is sent again under the same {@code PayPal-Request-Id}
     * (Souk's payment id), which gives back the order PayPal made the first time, if it made one.
     */
    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        return checkout.fetch(lookup);
    }

    /**
     * Refunds the order's capture, naming the amount (converted, or as recorded when charged) every time, so
     * that PayPal refuses what exceeds what is left instead of refunding less. {@code PayPal-Request-Id} is the
     * refund's idempotency key, so a retry never refunds twice.
     */
    @Override
    public RefundResult refund(RefundRequest request) {
        return refunds.refund(request);
    }

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
            return ConfigurationCheck.unreachable("PayPal's token endpoint did not answer: " + PayPalApi.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConfigurationCheck.unreachable("interrupted");
        }
    }


    /**
     * Has PayPal verify the webhook, after the checks that cost no call and within the configured limits
     * ({@link WebhookVerifier}).
     */
    @Override
    public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
        return webhooks.verify(request);
    }

    @Override
    public String toString() {
        return "PayPalProvider[" + settings + "]"; // Settings leaves the secret out; tokens live in PayPalApi only
    }
}
