package org.souk.common.api.health;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A health check, registered as a service by the bundle that knows what to check. The service property
 * {@link #NAME} names it; {@link HealthService} expects some names and reports a missing one as down.
 * {@link #check()} must be quick and must not throw on purpose: a throw counts as a critical DOWN.
 */
@ConsumerType
public interface HealthCheck {

    /** Service property: the check's stable name. */
    String NAME = "souk.health.check";

    /** The results of one run: one per thing checked (several for "each schema", "each provider"). */
    List<CheckResult> check();
}
