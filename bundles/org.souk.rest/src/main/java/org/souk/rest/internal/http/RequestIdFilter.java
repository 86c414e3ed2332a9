package org.souk.rest.internal.http;

import java.util.UUID;
import java.util.regex.Pattern;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.souk.rest.internal.SoukApplication;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane one (at most 100 characters
 * of letters, digits, dot, underscore and hyphen), else a fresh UUID. The id is in the log context
 * ({@code requestId}) of everything done for the request, goes back in the answer's {@code X-Request-Id}, and
 * a 500 names it.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Priority(Priorities.AUTHENTICATION - 200) // first of all, so that even a refused body is logged with its id
@PreMatching
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /**
     * The category of the per-request line, as operators know it ({@code log:set DEBUG
     * org.souk.rest.internal.RequestIdFilter}): kept when the filter moved to its package.
     */
    static final String LOG_CATEGORY = "org.souk.rest.internal.RequestIdFilter";
    private static final Logger LOG = LoggerFactory.getLogger(LOG_CATEGORY);

    static final String HEADER = "X-Request-Id";
    /** The log context key: {@code %X{requestId}} in a logging pattern. */
    static final String MDC_KEY = "requestId";
    private static final String PROPERTY = RequestIdFilter.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    @Override
    public void filter(ContainerRequestContext request) {
        String id = accept(request.getHeaderString(HEADER));
        request.setProperty(PROPERTY, id);
        MDC.put(MDC_KEY, id);
        if (LOG.isDebugEnabled()) { // an access log, its lines tagged with the id by the logging pattern
            LOG.debug("{} /{}", request.getMethod(), request.getUriInfo().getPath());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        response.getHeaders().putSingle(HEADER, id instanceof String s ? s : accept(null));
        MDC.remove(MDC_KEY);
    }

    /** The caller's id if it is sane, else a new one. */
    static String accept(String given) {
        if (given != null) {
            String trimmed = given.trim();
            if (SANE.matcher(trimmed).matches()) {
                return trimmed;
            }
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request this thread is working for, if any. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
