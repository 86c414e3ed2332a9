package org.souk.rest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

    @Test
    void healthNeedsNoToken() {
        assertThat(BearerTokenFilter.isHealth("health")).isTrue();
        assertThat(BearerTokenFilter.isHealth("/health")).isTrue();
        assertThat(BearerTokenFilter.isHealth("healthy")).isFalse();
        assertThat(BearerTokenFilter.isHealth("orders/health")).isFalse();
    }
}
