package org.souk.gateway.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.FieldError;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;

/**
 * Routes payments to the providers live right now. Calls are protected: a provider that throws or does
 * not answer in time yields {@code UNKNOWN}, never an exception, so a payment is never lost in between.
 */
@ProviderType
public interface PaymentGateway {

    List<ProviderInfo> providers();

    List<AvailableMethod> methods();

    /**
     * The provider id that offers a method.
     *
     * @throws ValidationException if no live provider offers it
     */
    String providerOf(String methodId);

    /**
     * What is missing or malformed in a payment's details for a method, as field errors; empty when the
     * provider has no objection. Local: nothing is sent to the gateway.
     *
     * @throws UnavailableException if the provider is not deployed
     */
    List<FieldError> checkDetails(String providerId, String methodId, Map<String, String> details);

    /** @throws UnavailableException if the provider is not deployed */
    ProviderResult initiate(String providerId, PaymentRequest request);

    /** @throws UnavailableException if the provider is not deployed */
    ProviderResult fetch(String providerId, PaymentLookup lookup);

    /**
     * A provider that throws or does not answer in time yields PENDING with a message: the refund may or may
     * not have reached the gateway.
     *
     * @throws UnavailableException if the provider is not deployed
     */
    RefundResult refund(String providerId, RefundRequest request);

    /** @throws UnavailableException if the provider is not deployed, so the gateway retries later */
    WebhookEvent verifyWebhook(String providerId, WebhookRequest request) throws WebhookRejectedException;

    /**
     * Asks a provider to check its configuration against its gateway now, with the call deadline; the answer
     * is kept and shown in {@link #providers()}. A provider that throws or does not answer in time is
     * {@code UNREACHABLE}.
     *
     * @throws UnavailableException if the provider is not deployed
     */
    ConfigurationCheck checkConfiguration(String providerId);
}
