package org.souk.gateway.spi;

import org.souk.common.api.Money;

/**
 * A verified webhook: the gateway's event id (for deduplication), which payment it is about (Souk's
 * payment id where the gateway echoes it, else the gateway's reference), the outcome, and the amount the
 * gateway says it settled, if it says. A decline ({@link ProviderStatus#ERROR}) carries its
 * {@code declineCode} as in {@link ProviderResult}.
 *
 * <p>A verified event that is about nothing Souk handles (another event type, another shop's payment) is
 * {@link #ignored}: the gateway gets its 2xx and nothing changes. A bad signature is a
 * {@link WebhookRejectedException}; a signed body that is no readable event (not JSON, or an event Souk acts on
 * without a field it needs) is neither ignored nor rejected but a
 * {@link org.souk.common.api.ValidationException} naming the field (see {@link PaymentProvider#verifyWebhook}).
 */
public record WebhookEvent(String eventId, String paymentId, String gatewayReference, ProviderStatus status,
        Money amount, String declineCode, String ignoredBecause) {

    public WebhookEvent {
        declineCode = status == ProviderStatus.ERROR ? DeclineCodes.normalise(declineCode) : null;
    }

    public WebhookEvent(String eventId, String paymentId, String gatewayReference, ProviderStatus status, Money amount) {
        this(eventId, paymentId, gatewayReference, status, amount, null, null);
    }

    public WebhookEvent(String eventId, String paymentId, String gatewayReference, ProviderStatus status, Money amount,
            String declineCode) {
        this(eventId, paymentId, gatewayReference, status, amount, declineCode, null);
    }

    /**
     * A verified event Souk has nothing to do with, and why: acknowledged, recorded as ignored, never applied.
     * {@code eventId} may be null when the event has none.
     */
    public static WebhookEvent ignored(String eventId, String why) {
        return new WebhookEvent(eventId, null, null, ProviderStatus.UNKNOWN, null, null,
                why == null || why.isBlank() ? "not for Souk" : why);
    }

    /** Whether this event is verified but of no concern to Souk (see {@link #ignored}). */
    public boolean isIgnored() {
        return ignoredBecause != null;
    }
}
