package org.souk.common.api.health;

import org.osgi.annotation.versioning.ProviderType;

/** Runs every registered {@link HealthCheck} now, each within a deadline, and reports. */
@ProviderType
public interface HealthService {

    HealthReport report();
}
