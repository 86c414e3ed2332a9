package org.souk.provider.youcanpay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.souk.gateway.spi.NextAction;
import org.souk.gateway.spi.ProviderResult;

class StartedPaymentsTest {

    @Test
    void aRepeatedInitiationGetsTheSamePaymentBackAndOnlyTheLatestAreKept() {
        StartedPayments started = new StartedPayments();
        ProviderResult first = ProviderResult.pending("tx-0", new NextAction(NextAction.WIDGET, "https://pay", java.util.Map.of()));
        started.remember("key-0", first);
        started.remember(null, first);

        assertThat(started.remembered("key-0")).isSameAs(first);
        assertThat(started.remembered(null)).isNull();
        for (int i = 1; i <= 1024; i++) {
            started.remember("key-" + i, first);
        }
        assertThat(started.remembered("key-0")).isNull();
        assertThat(started.remembered("key-1024")).isSameAs(first);
    }
}
