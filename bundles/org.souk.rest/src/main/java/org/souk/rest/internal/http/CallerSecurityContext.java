package org.souk.rest.internal.http;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

import org.souk.common.api.Caller;
import org.souk.common.api.UnauthorizedException;

/** The verified caller of a request, as JAX-RS hands it to resources. */
public record CallerSecurityContext(Caller caller, boolean secure) implements SecurityContext {

    /** The caller of a request that passed the bearer-token filter. */
    public static Caller of(SecurityContext context) {
        if (context instanceof CallerSecurityContext c) {
            return c.caller();
        }
        throw new UnauthorizedException("A bearer token is required");
    }

    @Override
    public Principal getUserPrincipal() {
        return caller::userId;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.role().id().equalsIgnoreCase(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
