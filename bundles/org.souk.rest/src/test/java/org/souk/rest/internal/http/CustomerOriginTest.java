package org.souk.rest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomerOriginTest {

    @Test
    void withoutTrustedProxiesTheSocketsPeerIsTheCallerWhateverItForwards() {
        CustomerOrigin origin = new CustomerOrigin("");
        assertThat(origin.ip("203.0.113.7", null)).isEqualTo("203.0.113.7");
        assertThat(origin.ip("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(origin.ip("[::1]", null)).isEqualTo("::1");
        assertThat(origin.ip(null, "198.51.100.1")).isNull();
        assertThat(origin.ip("not an address", null)).isNull();
    }

    @Test
    void aTrustedProxysForwardedForNamesTheCallerFromTheRight() {
        CustomerOrigin origin = new CustomerOrigin(" 10.0.0.1, 10.0.0.2 ");
        assertThat(origin.ip("10.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        // What the client wrote to the left of the proxies' hops is not believed.
        assertThat(origin.ip("10.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2")).isEqualTo("198.51.100.1");
        // A proxy that forwards nothing, or garbage, leaves its own address.
        assertThat(origin.ip("10.0.0.1", null)).isEqualTo("10.0.0.1");
        assertThat(origin.ip("10.0.0.1", "unknown")).isEqualTo("10.0.0.1");
        assertThat(origin.ip("10.0.0.1", "10.0.0.2")).isEqualTo("10.0.0.1");
        // A peer that is not a trusted proxy cannot pick the address.
        assertThat(origin.ip("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void theLanguageIsTheFirstSupportedOfAcceptLanguage() {
        assertThat(CustomerOrigin.language("ar-MA, fr;q=0.8")).isEqualTo("ar");
        assertThat(CustomerOrigin.language("de, fr-FR;q=0.5")).isEqualTo("fr");
        assertThat(CustomerOrigin.language("en-GB, ar;q=0.3")).isEqualTo("en");
        assertThat(CustomerOrigin.language("de")).isNull();
        assertThat(CustomerOrigin.language(null)).isNull();
    }
}
