package org.souk.gateway.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;

class DeclineCodesTest {

    @Test
    void gatewaysCodesReadAsLowerSnakeCase() {
        assertThat(DeclineCodes.normalise("INSTRUMENT_DECLINED")).isEqualTo("instrument_declined");
        assertThat(DeclineCodes.normalise("instrument-declined")).isEqualTo("instrument_declined");
        assertThat(DeclineCodes.normalise(" Insufficient funds. ")).isEqualTo("insufficient_funds");
        assertThat(DeclineCodes.normalise("doNotHonor")).isEqualTo("do_not_honor");
        assertThat(DeclineCodes.normalise("051")).isEqualTo("051");
        assertThat(DeclineCodes.normalise(null)).isEqualTo("unknown");
        assertThat(DeclineCodes.normalise("  ")).isEqualTo("unknown");
        assertThat(DeclineCodes.normalise("--")).isEqualTo("unknown");
        assertThat(DeclineCodes.normalise("x".repeat(100))).hasSize(DeclineCodes.MAX_LENGTH);
    }

    @Test
    void onlyADeclineHasACodeAndItIsNeverMissing() {
        assertThat(ProviderResult.error("r", "declined").declineCode()).isEqualTo("unknown");
        assertThat(ProviderResult.declined("r", "declined", "EXPIRED_CARD").declineCode()).isEqualTo("expired_card");
        assertThat(ProviderResult.declined("r", "declined", "card_declined")
                .convertedTo(new Money(100, "EUR"), java.math.BigDecimal.ONE).declineCode()).isEqualTo("card_declined");
        assertThat(ProviderResult.processed("r").declineCode()).isNull();
        assertThat(new ProviderResult(ProviderStatus.PENDING, "r", null, null, null, null, "card_declined").declineCode())
                .isNull();
        assertThat(new WebhookEvent("e", "p", "r", ProviderStatus.ERROR, null).declineCode()).isEqualTo("unknown");
        assertThat(new WebhookEvent("e", "p", "r", ProviderStatus.PROCESSED, null, "x").declineCode()).isNull();
        assertThat(WebhookEvent.ignored("e", "another event type").isIgnored()).isTrue();
        assertThat(new WebhookEvent("e", "p", "r", ProviderStatus.ERROR, null).isIgnored()).isFalse();
    }
}
