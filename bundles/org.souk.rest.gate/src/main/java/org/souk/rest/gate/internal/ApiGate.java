package org.souk.rest.gate.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;


/**
 * The door of /api/v1 at the servlet level. The REST bundle registers its guard (a {@link Filter} service
 * with {@value #GUARD_PROPERTY}{@code =true}) that knows whether every resource of the API is published; this
 * gate hands each API call to it. Until that guard is there (the node is starting, or the REST bundle itself
 * is being restarted or updated) the gate answers every API call 503 {@code service-unavailable} with
 * {@code Retry-After} itself, instead of the HTML 404 of whatever else holds the path meanwhile.
 * <p>
 * There is one gate in the default servlet context, where /api/v1 falls while the JAX-RS whiteboard has no
 * Souk application, and one in the application's own context: two registrations, so that the one in the
 * default context is never withdrawn when the application's context comes or goes. The feature starts this
 * bundle before the whiteboard, so that it is in place before anything answers under /api/v1.
 */
public abstract class ApiGate implements Filter {

    /** The service property that marks the REST bundle's guard. */
    public static final String GUARD_PROPERTY = "souk.api.guard";
    /** The servlet context the JAX-RS whiteboard gives the application named {@code souk}. */
    static final String APPLICATION_CONTEXT = "context.forsouk";
    static final String API = "/api/v1";
    static final int RETRY_AFTER_SECONDS = 5;
    static final String NOT_PUBLISHED = "{\"type\":\"urn:souk:problem:service-unavailable\",\"code\":\"service_unavailable\","
            + "\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"The API is starting or a part of it is restarting;"
            + " retry in " + RETRY_AFTER_SECONDS + " seconds (the REST bundle is not active)\"}";

    /** The target of each gate's reference to the guard. */
    static final String GUARD = "(" + GUARD_PROPERTY + "=true)";

    /** The REST bundle's guard, or null while there is none. */
    protected abstract Filter guard();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !isApi(http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        Filter current = guard();
        if (current != null) {
            current.doFilter(request, response, chain);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        answer.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        answer.setHeader("Cache-Control", "no-store");
        answer.setContentType("application/problem+json");
        answer.setCharacterEncoding("UTF-8");
        answer.getOutputStream().write(NOT_PUBLISHED.getBytes(StandardCharsets.UTF_8));
    }

    static boolean isApi(String path) {
        return path != null && (path.equals(API) || path.startsWith(API + "/"));
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
