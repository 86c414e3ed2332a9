package org.souk.provider.paypal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.souk.gateway.spi.DeclineCodes;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a capture means for a payment still pending in Souk. */
class CapturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProviderResult outcome(String capture) throws Exception {
        return Captures.outcome("ORDER-1", JSON.readTree(capture));
    }

    @Test
    void aCompletedCapturePaysAndAPendingOneWaits() throws Exception {
        assertThat(outcome("{\"status\":\"COMPLETED\"}").status()).isEqualTo(ProviderStatus.PROCESSED);
        assertThat(outcome("{}").status()).isEqualTo(ProviderStatus.PROCESSED);
        ProviderResult pending = outcome("{\"status\":\"PENDING\",\"status_details\":{\"reason\":\"UNILATERAL\"}}");
        assertThat(pending.status()).isEqualTo(ProviderStatus.PENDING);
        assertThat(pending.message()).isEqualTo("capture pending (UNILATERAL)");
    }

    @Test
    void aCaptureRefundedBeforeSoukSawItPaidPaysNothingAndAPartlyRefundedOneIsLeftToAnAdministrator() throws Exception {
        ProviderResult refunded = outcome("{\"status\":\"REFUNDED\"}");
        assertThat(refunded.status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(refunded.declineCode()).isEqualTo("refunded");
        assertThat(outcome("{\"status\":\"PARTIALLY_REFUNDED\"}").status()).isEqualTo(ProviderStatus.UNKNOWN);
    }

    @Test
    void aDeclinedCaptureSaysWhyFromTheProcessorFirst() throws Exception {
        JsonNode declined = JSON.readTree("{\"status\":\"DECLINED\",\"processor_response\":{\"response_code\":\"5120\"},"
                + "\"status_details\":{\"reason\":\"DECLINED_BY_RISK_FRAUD_FILTERS\"}}");
        assertThat(Captures.outcome("ORDER-1", declined).status()).isEqualTo(ProviderStatus.ERROR);
        assertThat(Captures.declineCode(declined)).isEqualTo(DeclineCodes.INSUFFICIENT_FUNDS);
        assertThat(Captures.declineCode(JSON.readTree("{\"processor_response\":{\"response_code\":\"7777\"}}")))
                .isEqualTo("processor_7777");
    }
}
