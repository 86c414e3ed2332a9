package org.souk.common.api;

import java.util.Objects;

/** The authenticated user on whose behalf a service is called. */
public record Caller(String userId, Role role) {

    /** The platform itself: timers, gateway webhooks, reconciliation. */
    public static final Caller SYSTEM = new Caller("system", Role.ADMIN);

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
