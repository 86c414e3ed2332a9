/**
 * Readiness and health: bundles register {@link org.souk.common.api.health.HealthCheck} services, and
 * {@link org.souk.common.api.health.HealthService} runs them all into one report (REST and console).
 */
@Export
@Version("1.0.0")
package org.souk.common.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
