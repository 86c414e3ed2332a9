package org.souk.gateway.spi;

import org.souk.common.api.Money;

/**
 * A verified webhook: the gateway's event id (for deduplication), which payment it is about (Souk's
 * payment id where the gateway echoes it, else the gateway's reference), the outcome, and the amount the
 * gateway says it settled, if it says.
 */
public record WebhookEvent(String eventId, String paymentId, String gatewayReference, ProviderStatus status,
        Money amount) {
}
