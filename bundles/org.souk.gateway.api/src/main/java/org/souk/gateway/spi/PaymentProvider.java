package org.souk.gateway.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;
import org.souk.common.api.FieldError;

/**
 * A payment provider plugin, registered as an OSGi service. The gateway picks providers up and drops
 * them as they come and go, so a plugin can be deployed into a running Souk.
 *
 * <p>Implementations are called concurrently and must be thread-safe. They never see card data: a card
 * is tokenized by the gateway's own widget or page, except for the sandbox simulator.
 */
@ConsumerType
public interface PaymentProvider {

    /**
     * Service property marking a provider that moves no real money (the sandbox simulator): payments made
     * through it are flagged as test payments wherever they are shown.
     */
    String TEST_MODE = "souk.provider.test";

    /**
     * Manifest header with the same meaning as {@link #TEST_MODE}; unlike a service property, no
     * configuration can unset it. A simulator declares it with
     * {@code @org.osgi.annotation.bundle.Header(name = PaymentProvider.TEST_MODE_HEADER, value = "true")}.
     */
    String TEST_MODE_HEADER = "Souk-Test-Provider";

    /** Stable identifier, e.g. {@code youcanpay}; also the path of its webhook endpoint. */
    String id();

    /** Name shown to administrators and clients. */
    String displayName();

    /** Payment methods this provider offers right now; their ids are unique across providers. */
    List<PaymentMethod> methods();

    /** ISO-4217 codes this provider can charge in. */
    Set<String> currencies();

    /**
     * Starts a payment. Must be idempotent on {@link PaymentRequest#idempotencyKey()}: a repeated call
     * returns the state of the first attempt and never charges twice.
     */
    ProviderResult initiate(PaymentRequest request);

    /**
     * Checks that a request's details are what the method needs, before anything is recorded or sent:
     * missing or malformed details are the caller's mistake, not a declined payment. Each error names the
     * field as the client sent it ({@code details.cardNumber}) and why. No network calls here.
     */
    default List<FieldError> checkDetails(String methodId, Map<String, String> details) {
        return List.of();
    }

    /** Asks the gateway where a payment stands; the answer decides settlement, never a browser redirect. */
    ProviderResult fetch(PaymentLookup lookup);

    /** Refunds all or part of a settled payment, or says it cannot. */
    default RefundResult refund(RefundRequest request) {
        return RefundResult.unsupported(displayName() + " offers no refund API");
    }

    /**
     * Checks a webhook's signature over the exact body bytes and turns it into an event. A verified event
     * that concerns nothing Souk handles (another event type, a payment this provider did not start) is
     * returned as {@link WebhookEvent#ignored}, so that the gateway gets its 2xx and keeps the endpoint on.
     *
     * <p>A correctly signed body that is no event this provider can read (not JSON, not an object, or an event
     * of a type Souk acts on that lacks a field the provider needs, such as its id or the charge it is about)
     * is never ignored: it would hide a gateway's malformed payment notice behind a 2xx. The provider throws
     * {@link org.souk.common.api.ValidationException} naming the body's field ({@code body} when the whole body
     * is unreadable, else the field's path in the body, e.g. {@code payload.transaction.id}) and why; the gateway
     * gets a 400 naming it, and nothing is recorded.
     *
     * @throws WebhookRejectedException if the signature is missing or wrong, or cannot be checked (a body the
     *         gateway's own verification cannot take)
     * @throws org.souk.common.api.ValidationException if the signature is right but the body is not an event the
     *         provider can read, naming the field
     */
    WebhookEvent verifyWebhook(WebhookRequest request) throws WebhookRejectedException;

    /**
     * Checks this provider's configuration against its gateway (are its keys accepted?), so that a bad key
     * shows up when the provider starts rather than on the first customer's payment. The gateway calls it
     * once when the provider arrives, off the caller's thread and with its deadline, and again when an
     * administrator asks; the answer is shown in {@code souk:providers} and the node's health. A provider with
     * nothing to check keeps this default.
     */
    default ConfigurationCheck checkConfiguration() {
        return ConfigurationCheck.notChecked("this provider has nothing to check");
    }

    /**
     * Whether this provider takes test payments only, against a gateway's sandbox: a live node then refuses
     * it, and a test node marks its payments {@code test}, like a simulator's ({@link #TEST_MODE}). A provider
     * whose configuration chooses between sandbox and live keys answers from that configuration; the default
     * is live.
     */
    default boolean takesTestPayments() {
        return false;
    }
}
