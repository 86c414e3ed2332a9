package org.souk.health.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.souk.common.api.health.CheckResult;
import org.souk.common.api.health.HealthCheck;

/**
 * The configuration values the node refused ({@link ConfigurationGuard}), each with its PID, key, value, why
 * and what is kept instead. Not critical: the node runs on its last valid settings, but an operator's change
 * did not take effect, so the node shows DEGRADED until it is mended.
 */
@Component(service = HealthCheck.class, property = HealthCheck.NAME + "=" + ConfigurationHealthCheck.NAME)
public class ConfigurationHealthCheck implements HealthCheck {

    static final String NAME = "configuration";

    private final ConfigurationGuard guard;

    @Activate
    public ConfigurationHealthCheck(@Reference ConfigurationGuard guard) {
        this.guard = guard;
    }

    @Override
    public List<CheckResult> check() {
        List<ConfigurationGuard.Refusal> refusals = guard.refusals();
        if (refusals.isEmpty()) {
            return List.of(CheckResult.up(NAME, false, "every Souk configuration value accepted"));
        }
        return List.of(CheckResult.down(NAME, false, refusals.size() + " value(s) refused: "
                + refusals.stream().map(ConfigurationGuard.Refusal::line).collect(Collectors.joining("; "))));
    }
}
