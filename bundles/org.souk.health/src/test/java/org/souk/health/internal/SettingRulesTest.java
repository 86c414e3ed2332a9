package org.souk.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.souk.health.internal.SettingRules.Setting;

class SettingRulesTest {

    private static final Setting WINDOW = new Setting("payment.window", SettingRules.STRING, List.of(), "PT24H",
            "ISO-8601 duration: an order not paid within it is cancelled");
    private static final Setting POLL = new Setting("timers.poll", SettingRules.STRING, List.of(), "PT10S",
            "ISO-8601 duration, at least one second: how often due deadlines are looked for");
    private static final Setting COUNT = new Setting("cancellation.max.requests", SettingRules.INTEGER, List.of(), "2", null);

    @Test
    void aWindowMustBeAPositiveIsoDuration() {
        assertThat(SettingRules.refusal(WINDOW, "PT48H")).isNull();
        assertThat(SettingRules.refusal(WINDOW, " P3D ")).isNull();
        assertThat(SettingRules.refusal(WINDOW, "one day")).contains("not an ISO-8601 duration");
        assertThat(SettingRules.refusal(WINDOW, "24h")).contains("not an ISO-8601 duration");
        assertThat(SettingRules.refusal(WINDOW, "PT0S")).isEqualTo("not a positive duration");
        assertThat(SettingRules.refusal(WINDOW, "-PT1H")).isEqualTo("not a positive duration");
        assertThat(SettingRules.refusal(POLL, "PT0.5S")).isEqualTo("shorter than one second");
        assertThat(SettingRules.refusal(POLL, "PT1S")).isNull();
    }

    @Test
    void numbersAndBooleansMustReadAsTheirType() {
        assertThat(SettingRules.refusal(COUNT, "3")).isNull();
        assertThat(SettingRules.refusal(COUNT, 3)).isNull();
        assertThat(SettingRules.refusal(COUNT, "three")).startsWith("not a whole number");
        assertThat(SettingRules.refusal(COUNT, "99999999999")).startsWith("not a whole number");
        Setting flag = new Setting("enabled", SettingRules.BOOLEAN, List.of(), "true", null);
        assertThat(SettingRules.refusal(flag, "FALSE")).isNull();
        assertThat(SettingRules.refusal(flag, Boolean.TRUE)).isNull();
        assertThat(SettingRules.refusal(flag, "yes")).isEqualTo("not true or false");
        Setting amount = new Setting("rate", SettingRules.DOUBLE, List.of(), "1.0", null);
        assertThat(SettingRules.refusal(amount, "0.25")).isNull();
        assertThat(SettingRules.refusal(amount, "a quarter")).isEqualTo("not a number");
        Setting big = new Setting("limit", SettingRules.LONG, List.of(), "1", null);
        assertThat(SettingRules.refusal(big, "99999999999")).isNull();
    }

    @Test
    void aSettingWithOptionsTakesOnlyThem() {
        Setting mode = new Setting("mode", SettingRules.STRING, List.of("live", "test"), "live", null);
        assertThat(SettingRules.refusal(mode, "test")).isNull();
        assertThat(SettingRules.refusal(mode, "staging")).isEqualTo("not one of live, test");
        assertThat(SettingRules.refusal(mode, "LIVE")).as("read regardless of case, as the gateway does").isNull();
    }

    @Test
    void everyValueOfAListIsChecked() {
        assertThat(SettingRules.refusal(COUNT, new String[] {"1", "2"})).isNull();
        assertThat(SettingRules.refusal(COUNT, List.of("1", "x"))).startsWith("not a whole number");
    }

    @Test
    void onlyAttributesWhoseDefaultIsADurationAreDurations() {
        assertThat(WINDOW.isDuration()).isTrue();
        assertThat(new Setting("issuer", SettingRules.STRING, List.of(), "souk", null).isDuration()).isFalse();
        assertThat(SettingRules.refusal(new Setting("issuer", SettingRules.STRING, List.of(), "souk", null), "one day")).isNull();
    }
}
