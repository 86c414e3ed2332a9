package org.souk.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void propertiesSurviveTheRoundTripWithTheirTypes() {
        Map<String, Object> p = new HashMap<>();
        p.put("reason", "line one\nline=two \\ three");
        p.put("sequence", 7);
        p.put("big", 9_000_000_000L);
        p.put("flag", true);
        p.put("gone", null);
        assertThat(Payload.decode(Payload.encode(p))).containsOnly(Map.entry("reason", "line one\nline=two \\ three"),
                Map.entry("sequence", 7), Map.entry("big", 9_000_000_000L), Map.entry("flag", true));
    }
}
