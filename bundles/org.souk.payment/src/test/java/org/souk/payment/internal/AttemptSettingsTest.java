package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AttemptSettingsTest {

    @Test
    void aConfigurationThatSetsNoAttemptsSetsNothing() {
        assertThat(AttemptSettings.read(Map.of())).isNull();
        assertThat(AttemptSettings.read(null)).isNull();
        assertThat(AttemptSettings.read(Map.of("payment.window", "PT24H"))).isNull();
        assertThat(AttemptSettings.read(Map.of("payment.max.attempts", " "))).isNull();
    }

    @Test
    void readsTheCountAsAFileOrTheConsoleWritesIt() {
        assertThat(AttemptSettings.read(Map.of("payment.max.attempts", "5"))).isEqualTo(new AttemptPolicy(5));
        assertThat(AttemptSettings.read(Map.of("payment.max.attempts", " 2 "))).isEqualTo(new AttemptPolicy(2));
        assertThat(AttemptSettings.read(Map.of("payment.max.attempts", 4))).isEqualTo(new AttemptPolicy(4));
    }

    @Test
    void aValueThatIsNoCountMeansTheDefault() {
        assertThat(AttemptSettings.read(Map.of("payment.max.attempts", "three"))).isEqualTo(AttemptPolicy.DEFAULT);
        assertThat(AttemptSettings.read(Map.of("payment.max.attempts", "0"))).isEqualTo(AttemptPolicy.DEFAULT);
    }

    @Test
    void thePaymentsOwnSettingWinsThenTheOneLeftInTheOrderLifecycleThenThree() {
        AttemptPolicy own = new AttemptPolicy(5);
        AttemptPolicy moved = new AttemptPolicy(2);
        assertThat(AttemptSettings.choose(own, moved)).isEqualTo(own);
        assertThat(AttemptSettings.choose(own, null)).isEqualTo(own);
        assertThat(AttemptSettings.choose(null, moved)).isEqualTo(moved);
        assertThat(AttemptSettings.choose(null, null)).isEqualTo(AttemptPolicy.DEFAULT);
        assertThat(AttemptPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
    }

    @Test
    void theSettingLeftInTheOrderLifecycleFollowsItsChanges() {
        Map<String, Object> lifecycle = new HashMap<>(Map.of("payment.window", "PT24H", "payment.max.attempts", "4"));
        MovedAttemptsSetting moved = new MovedAttemptsSetting(lifecycle);
        assertThat(moved.policy()).isEqualTo(new AttemptPolicy(4));

        lifecycle.put("payment.max.attempts", "6");
        moved.modified(lifecycle);
        assertThat(moved.policy()).isEqualTo(new AttemptPolicy(6));

        lifecycle.remove("payment.max.attempts");
        moved.modified(lifecycle);
        assertThat(moved.policy()).isNull();
    }
}
