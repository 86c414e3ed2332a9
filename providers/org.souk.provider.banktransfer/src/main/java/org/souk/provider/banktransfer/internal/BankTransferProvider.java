package org.souk.provider.banktransfer.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;


import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.souk.common.api.FieldError;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
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

/**
 * Payment by bank transfer. Initiation tells the client where to send the money and which reference to
 * quote; the payment stays pending until the bank-statement import (or an administrator's tool) posts a
 * signed confirmation to {@code /api/v1/webhooks/banktransfer}. Inactive until an account is configured.
 *
 * <p>Written as the template for new providers: one DS component against the gateway SPI, typed
 * configuration, signature checked in constant time over the exact body bytes, nothing else.
 */
@Component(configurationPid = BankTransferProvider.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = BankTransferProvider.Config.class)
public class BankTransferProvider implements PaymentProvider {

    static final String PID = "org.souk.provider.banktransfer";
    static final String ID = "banktransfer";
    static final String METHOD = "banktransfer.manual";
    static final String SIGNATURE_HEADER = "X-Souk-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ObjectClassDefinition(name = "Souk bank transfer provider")
    public @interface Config {
        @AttributeDefinition(name = "Account (RIB or IBAN) the client pays to")
        String account();

        @AttributeDefinition(name = "Beneficiary name")
        String beneficiary();

        @AttributeDefinition(name = "Webhook secret", description = "Key of the HMAC-SHA256 in X-Souk-Signature",
                type = AttributeType.PASSWORD)
        String _webhook_secret();
    }

    private final String account;
    private final String beneficiary;
    private final HmacSignature webhookSignature;

    @Activate
    public BankTransferProvider(Config config) {
        this(config.account(), config.beneficiary(), config._webhook_secret());
    }

    BankTransferProvider(String account, String beneficiary, String webhookSecret) {
        if (account == null || account.isBlank() || webhookSecret == null || webhookSecret.length() < 16) {
            throw new IllegalArgumentException(PID + " needs 'account' and a '.webhook.secret' of 16 characters or more");
        }
        this.account = account;
        this.beneficiary = beneficiary == null ? "" : beneficiary;
        this.webhookSignature = new HmacSignature(webhookSecret);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Bank transfer";
    }

    @Override
    public List<PaymentMethod> methods() {
        return List.of(new PaymentMethod(METHOD, "Bank transfer", MethodType.BANK_TRANSFER));
    }

    @Override
    public Set<String> currencies() {
        return Set.of("MAD");
    }

    /**
     * A transfer needs nothing from the client: the instructions come from the configuration and the
     * reference from the payment id.
     */
    @Override
    public List<FieldError> checkDetails(String methodId, Map<String, String> details) {
        return List.of();
    }

    /** The reference is derived from the payment id, so a retried initiation gives the same instructions. */
    @Override
    public ProviderResult initiate(PaymentRequest request) {
        String reference = reference(request.idempotencyKey());
        return ProviderResult.pending(reference, new NextAction(NextAction.DISPLAY_CODE, null, Map.of(
                "reference", reference, "account", account, "beneficiary", beneficiary,
                "amount", request.amount().toDecimalString(), "currency", request.amount().currency())));
    }

    /** A bank offers no status look-up: a transfer is pending until its confirmation arrives. */
    @Override
    public ProviderResult fetch(PaymentLookup lookup) {
        String reference = lookup.gatewayReference() != null ? lookup.gatewayReference() : reference(lookup.paymentId());
        return new ProviderResult(ProviderStatus.PENDING, reference, "awaiting the bank's confirmation", null);
    }

    @Override
    public WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException {
        String signature = request.header(SIGNATURE_HEADER);
        if (signature == null) {
            throw new WebhookRejectedException("missing " + SIGNATURE_HEADER + " header");
        }
        if (!webhookSignature.matches(request.body(), signature)) {
            throw new WebhookRejectedException("signature does not match the body");
        }
        return event(request.body());
    }

    /**
     * The confirmation a verified body holds. A status other than received or rejected is no confirmation:
     * acknowledged and ignored. A line Souk's own statement import got wrong (not JSON, a field missing, a bad
     * amount) is refused as bad input naming the field, so that the import sees its mistake instead of a
     * bank payment silently going unrecorded.
     */
    private static WebhookEvent event(byte[] body) {
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            throw new ValidationException("body", "is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new ValidationException("body", "must be a JSON object");
        }
        String id = text(event, "id");
        String reference = text(event, "reference");
        String statusText = text(event, "status");
        ProviderStatus status = switch (statusText) {
            case "received" -> ProviderStatus.PROCESSED;
            case "rejected" -> ProviderStatus.ERROR;
            default -> null;
        };
        if (status == null) {
            return WebhookEvent.ignored(id, "status '" + statusText + "' is neither received nor rejected");
        }
        Money amount;
        try {
            // Money.parse bounds the text before any arithmetic (no BigDecimal expansion of "1e64000000").
            amount = Money.parse(text(event, "amount"), text(event, "currency"));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("amount", "is not an amount in that currency: " + e.getMessage());
        }
        return new WebhookEvent(id, null, reference, status, amount);
    }

    String sign(byte[] body) {
        return webhookSignature.sign(body);
    }

    private static String reference(String paymentId) {
        return "BT-" + paymentId.replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new ValidationException(field, "is required");
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "BankTransferProvider[account=" + account + "]"; // never the webhook secret
    }
}
