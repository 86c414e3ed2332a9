package org.souk.common.api.health;

import java.util.List;

/** Every check's result and the node's state computed from them. */
public record HealthReport(HealthStatus status, List<CheckResult> checks) {

    public HealthReport {
        checks = List.copyOf(checks);
    }

    /** Ready to serve: UP or DEGRADED. */
    public boolean ready() {
        return status != HealthStatus.DOWN;
    }
}
