package org.souk.rest.internal.http;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.souk.auth.api.TokenService;
import org.souk.common.api.Caller;
import org.souk.common.api.UnauthorizedException;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.health.HealthResource;
import org.souk.rest.internal.live.EventTickets;
import org.souk.rest.internal.live.EventsResource;
import org.souk.rest.internal.openapi.OpenApiResource;
import org.souk.rest.internal.problem.ProblemMapper;
import org.souk.rest.internal.resource.account.MeResource;

/**
 * Every call but webhooks (authenticated by their signature), health (for load balancers and start
 * scripts), the API's OpenAPI description and the confirmation of a new email address (authenticated by the
 * single-use token mailed to that address) must carry a valid bearer token.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final TokenService tokens;
    private final EventTickets tickets;

    @Activate
    public BearerTokenFilter(@Reference TokenService tokens, @Reference EventTickets tickets) {
        this.tokens = tokens;
        this.tickets = tickets;
    }

    /** The event stream opened by a browser's EventSource, which cannot send a header: a ticket stands for the token. */
    static boolean isTicketed(ContainerRequestContext request, String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return "GET".equals(request.getMethod()) && (p.equals(EventsResource.PATH) || p.equals(EventsResource.PATH + "/"))
                && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null
                && request.getUriInfo().getQueryParameters().containsKey(EventsResource.TICKET);
    }

    public static boolean isHealth(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals(HealthResource.PATH) || p.equals(HealthResource.PATH + "/");
    }

    static boolean isOpenApi(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals(OpenApiResource.PATH);
    }

    static boolean isEmailConfirmation(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals(MeResource.CONFIRMATION_PATH) || p.equals(MeResource.CONFIRMATION_PATH + "/");
    }

    /** The paths that need no token (the API description lists every other one with the bearer scheme). */
    public static boolean isPublic(String path) {
        return path.startsWith("webhooks/") || path.startsWith("/webhooks/") || isHealth(path) || isOpenApi(path)
                || isEmailConfirmation(path);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if ("OPTIONS".equals(request.getMethod()) || isPublic(path)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        try {
            if (isTicketed(request, path)) {
                Caller caller = tickets.redeem(request.getUriInfo().getQueryParameters().getFirst(EventsResource.TICKET))
                        .orElseThrow(() -> new UnauthorizedException(
                                "The ticket is unknown, used or expired: take a new one with POST /api/v1/events/tickets"));
                request.setSecurityContext(new CallerSecurityContext(caller, request.getSecurityContext().isSecure()));
                return;
            }
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new UnauthorizedException("A bearer token is required: Authorization: Bearer <token>");
            }
            Caller caller = tokens.verify(header.substring(BEARER.length()));
            request.setSecurityContext(new CallerSecurityContext(caller, request.getSecurityContext().isSecure()));
        } catch (UnauthorizedException e) {
            request.abortWith(new ProblemMapper().toResponse(e));
        }
    }
}
