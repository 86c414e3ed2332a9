package org.souk.common.api.health;

import java.util.Objects;

/**
 * One thing checked: a stable name ({@code database}, {@code schema:order}, {@code provider:...}), UP or
 * DOWN, whether the node is unready while it is down, and a line for a human.
 */
public record CheckResult(String name, HealthStatus status, boolean critical, String detail) {

    public CheckResult {
        Objects.requireNonNull(name);
        Objects.requireNonNull(status);
        if (status == HealthStatus.DEGRADED) {
            throw new IllegalArgumentException("a check is UP or DOWN; DEGRADED is for the whole node");
        }
    }

    public static CheckResult up(String name, boolean critical, String detail) {
        return new CheckResult(name, HealthStatus.UP, critical, detail);
    }

    public static CheckResult down(String name, boolean critical, String detail) {
        return new CheckResult(name, HealthStatus.DOWN, critical, detail);
    }

    public boolean up() {
        return status == HealthStatus.UP;
    }
}
