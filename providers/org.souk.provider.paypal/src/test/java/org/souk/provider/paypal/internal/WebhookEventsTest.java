package org.souk.provider.paypal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A verified PayPal event, read as what the core decides on. */
class WebhookEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WebhookEvent read(String event) throws Exception {
        return WebhookEvents.read(JSON.readTree(event));
    }

    @Test
    void aCompletedCaptureSettlesThePayPalOrderItNamesForTheAmountCaptured() throws Exception {
        WebhookEvent event = read("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{"
                + "\"status\":\"COMPLETED\",\"custom_id\":\"pay-1\",\"amount\":{\"currency_code\":\"EUR\",\"value\":\"9.20\"},"
                + "\"supplementary_data\":{\"related_ids\":{\"order_id\":\"ORDER-1\"}}}}");

        assertThat(event.status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(event.paymentId()).isEqualTo("pay-1");
        assertThat(event.gatewayReference()).isEqualTo("ORDER-1");
        assertThat(event.amount()).isEqualTo(Money.parse("9.20", "EUR"));
    }

    @Test
    void aCaptureWithoutAnAmountSettlesNothingAndAnEventAboutNoPaymentIsBadInput() throws Exception {
        WebhookEvent noAmount = read("{\"id\":\"WH-2\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{"
                + "\"custom_id\":\"pay-1\",\"supplementary_data\":{\"related_ids\":{\"order_id\":\"ORDER-1\"}}}}");
        assertThat(noAmount.status()).isEqualTo(ProviderStatus.PENDING);

        assertThatThrownBy(() -> read("{\"id\":\"WH-3\",\"event_type\":\"PAYMENT.CAPTURE.DENIED\",\"resource\":{}}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("order_id");
    }

    @Test
    void anApprovedCheckoutOnlyPromptsALookUp() throws Exception {
        WebhookEvent approved = read("{\"id\":\"WH-4\",\"event_type\":\"CHECKOUT.ORDER.APPROVED\",\"resource_type\":"
                + "\"checkout-order\",\"resource\":{\"id\":\"ORDER-2\",\"purchase_units\":[{\"custom_id\":\"pay-2\"}]}}");
        assertThat(approved.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(approved.gatewayReference()).isEqualTo("ORDER-2");
        assertThat(approved.paymentId()).isEqualTo("pay-2");
    }
}
