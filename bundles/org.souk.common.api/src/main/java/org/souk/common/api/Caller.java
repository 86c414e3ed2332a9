package org.souk.common.api;

import java.util.Objects;

/** The authenticated user on whose behalf a service is called. */
public record Caller(String userId, Role role) {

    /**
     * The platform itself: timers, gateway webhooks, reconciliation. Its user id is reserved: no token and no
     * login names it, and only this instance {@link #isSystem() is the system}.
     */
    public static final Caller SYSTEM = new Caller("system", Role.ADMIN);

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /**
     * Whether this is the platform itself ({@link #SYSTEM}). Decided by identity, never by the user id: a caller
     * that merely carries the user id {@code system} (and even the admin role) is not the platform.
     */
    public boolean isSystem() {
        return this == SYSTEM;
    }
}
