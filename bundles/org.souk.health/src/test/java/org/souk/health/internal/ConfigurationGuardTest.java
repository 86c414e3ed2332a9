package org.souk.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.souk.common.api.health.HealthStatus;
import org.souk.health.internal.SettingRules.Setting;

class ConfigurationGuardTest {

    private static final String PID = "org.souk.order.lifecycle";
    private static final Map<String, Setting> LIFECYCLE = Map.of(
            "payment.window", new Setting("payment.window", SettingRules.STRING, List.of(), "PT24H", "ISO-8601 duration"),
            ".secret", new Setting(".secret", SettingRules.STRING, List.of("a", "b"), null, null));

    private final ConfigurationGuard guard = new ConfigurationGuard(null, null);
    private final ConfigurationHealthCheck health = new ConfigurationHealthCheck(guard);

    @Test
    void aRefusedValueIsReplacedByTheLastAcceptedOneAndReportedUntilMended() {
        assertThat(deliver("PT2H").get("payment.window")).isEqualTo("PT2H");
        assertThat(health.check().get(0).status()).isEqualTo(HealthStatus.UP);

        assertThat(deliver("one day").get("payment.window")).isEqualTo("PT2H");
        assertThat(guard.refusals()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(
                "org.souk.order.lifecycle: payment.window = 'one day' refused, it is not an ISO-8601 duration "
                        + "(such as PT30M, PT24H or P3D); keeping PT2H"));
        assertThat(health.check().get(0).status()).isEqualTo(HealthStatus.DOWN);
        assertThat(health.check().get(0).critical()).isFalse();
        assertThat(health.check().get(0).detail()).contains(PID, "payment.window", "one day", "keeping PT2H");

        assertThat(deliver("PT3H").get("payment.window")).isEqualTo("PT3H");
        assertThat(guard.refusals()).isEmpty();
        assertThat(health.check().get(0).status()).isEqualTo(HealthStatus.UP);
    }

    @Test
    void aValueRefusedAtTheFirstStartLeavesTheDefault() {
        Dictionary<String, Object> delivered = deliver("one day");
        assertThat(delivered.get("payment.window")).isNull(); // the component falls back on its declared default
        assertThat(guard.refusals().get(0).kept()).isEqualTo("the default PT24H");
    }

    @Test
    void aSettingOfOptionsRefusedAtTheFirstStartIsLeftToTheComponentsSafeReading() {
        Setting mode = new Setting("mode", SettingRules.STRING, List.of("live", "test"), "test", null);
        Dictionary<String, Object> properties = new Hashtable<>(Map.of("service.pid", "org.souk.gateway", "mode", "staging"));
        guard.apply("org.souk.gateway", Map.of("mode", mode), properties);
        // Not replaced by the default "test": the gateway reads an unknown mode as live, which takes no simulator.
        assertThat(properties.get("mode")).isEqualTo("staging");
        assertThat(guard.refusals()).singleElement().satisfies(r -> assertThat(r.line()).contains("'staging' refused",
                "keeping the component's own safe reading of it"));
    }

    @Test
    void aSecretIsNeverRepeated() {
        Dictionary<String, Object> properties = new Hashtable<>(Map.of(".secret", "hunter2"));
        guard.apply(PID, LIFECYCLE, properties);
        assertThat(guard.refusals().get(0).line()).doesNotContain("hunter2").contains("****");
    }

    private Dictionary<String, Object> deliver(String window) {
        Dictionary<String, Object> properties = new Hashtable<>(Map.of("service.pid", PID, "payment.window", window));
        guard.apply(PID, LIFECYCLE, properties);
        return properties;
    }
}
