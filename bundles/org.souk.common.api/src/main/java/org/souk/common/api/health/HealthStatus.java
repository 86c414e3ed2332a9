package org.souk.common.api.health;

/**
 * The state of one check, or of the whole node. A check result is {@code UP} or {@code DOWN}; the node is
 * {@code DOWN} when a critical result is down (not ready: HTTP 503), {@code DEGRADED} when only results that
 * are not critical are down (ready, but something is missing: HTTP 200), {@code UP} otherwise.
 */
public enum HealthStatus {
    UP, DEGRADED, DOWN
}
