package org.souk.provider.youcanpay.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * YouCanPay (Morocco): cards through YouCanPay's widget or hosted page, and CashPlus, where the customer
 * pays cash at an agency with a code. Card data never reaches Souk: a payment starts with a token that
 * the customer's browser completes at YouCanPay. What settles a payment is YouCanPay's own word, read
 * from {@code GET transactions/{id}}: a look-up, or the re-check each signed webhook triggers.
 *
 * <p>This component holds the account (its id, methods and currency) and hands each job to one class:
 * {@link Checkout} to start payments, {@link Lookups}, {@link WebhookVerifier}, {@link KeysCheck} for the
 * configuration; {@link Transactions} reads YouCanPay's records and {@link GatewayClient} speaks HTTP for all.
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
    private final Checkout checkout;
    private final Lookups lookups;
    private final WebhookVerifier webhooks;
    private final KeysCheck keys;

    @Activate
    public YouCanPayProvider(Config config) {
        this(checked(config));
    }

    YouCanPayProvider(Settings settings) {
        this.settings = settings;
        this.cardMethod = settings.id + ".card";
        this.cashPlusMethod = settings.id + ".cashplus";
        ObjectMapper mapper = new ObjectMapper();
        GatewayClient client = new GatewayClient(settings, mapper);
        Transactions transactions = new Transactions(settings, client);
        this.checkout = new Checkout(settings, cardMethod, cashPlusMethod, mapper, client);
        this.lookups = new Lookups(transactions);
        this.webhooks = new WebhookVerifier(new WebhookSignature(settings.privateKey), mapper, transactions);
        this.keys = new KeysCheck(settings, mapper, client);
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

    @Override
    public ProviderResult initiate(PaymentRequest request) {
        return checkout.initiate(request);
    }

    /**
     * What the client may pass and YouCanPay would refuse: a customer IP that is no IP address, an e-mail
     * that is no address, a country that is no two-letter code, a customer field longer than YouCanPay keeps.
     * Nothing is required (the card or the cash code is entered at YouCanPay, not sent by the client); the
     * language is a preference, so an unknown one falls back to English rather than being refused.
     */
    @Override
    public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
        if (!cardMethod.equals(methodId) && !cashPlusMethod.equals(methodId)) {
            return List.of();
        }
        return CustomerDetails.check(details);
    }

    /**
     * Asks YouCanPay whether this account's keys are good ({@code POST keys/check} with the private and
     * public keys): 2xx is OK; a refusal (4xx) means the keys are wrong for this environment (a sandbox key on
     * live, say) and no payment will work; silence or a 5xx says nothing.
     */
    @Override
    public ConfigurationCheck checkConfiguration() {
        return keys.check();
    }

    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        return lookups.fetch(lookup);
    }

    @Override
    public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
        return webhooks.verify(request);
    }

    @Override
    public String toString() {
        return "YouCanPayProvider[" + settings + "]";
    }
}
