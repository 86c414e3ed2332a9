package org.souk.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The time every Souk component reads: the highest-ranked {@link Clock} service while there is one (tests
 * register one and move it), else the system clock in UTC. Components reference this service and hand it to
 * their desks as a plain {@link Clock}, so that a moved clock moves orders, payments and the ledger alike.
 *
 * <p>Registered under this class only, never as a {@link Clock}, so that it never follows itself.
 */
@Component(service = PlatformClock.class)
public final class PlatformClock extends Clock {

    private final Clock fallback;
    private volatile Clock followed;

    public PlatformClock() {
        this(Clock.systemUTC());
    }

    PlatformClock(Clock fallback) {
        this.fallback = fallback;
        this.followed = fallback;
    }

    /** Follows a clock that outranks the one followed so far: greedy, so a higher-ranked one replaces it. */
    @Reference(service = Clock.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unfollow")
    void follow(Clock clock) {
        followed = clock;
    }

    /** Back to the system clock, unless a replacement was followed first. */
    void unfollow(Clock clock) {
        if (followed == clock) {
            followed = fallback;
        }
    }

    @Override
    public Instant instant() {
        return followed.instant();
    }

    @Override
    public long millis() {
        return followed.millis();
    }

    /** Always UTC: the platform stores and compares instants, never local times. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A clock in another zone that still follows this one. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        PlatformClock platform = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return platform.withZone(other);
            }

            @Override
            public Instant instant() {
                return platform.instant();
            }
        };
    }

    @Override
    public String toString() {
        return "PlatformClock[" + followed + "]";
    }
}
