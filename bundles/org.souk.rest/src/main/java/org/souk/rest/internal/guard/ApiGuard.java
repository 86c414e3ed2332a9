package org.souk.rest.internal.guard;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.health.CheckResult;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.SoukJsonProvider;
import org.souk.rest.internal.health.HealthResource;
import org.souk.rest.internal.health.Publication;
import org.souk.rest.internal.health.ResourcesHealthCheck;
import org.souk.rest.internal.problem.ProblemMessages;
import org.souk.rest.internal.problem.Problems;

/**
 * Decides, for every call under /api/v1, whether the API can answer it. While the node starts, a bundle the
 * API needs restarts or a feature is updated, the whiteboard takes resources away and rebuilds the
 * application, and a caller would get CXF's HTML "No service was found.", a 404 problem for a path that
 * exists, or a 500 for a writer not there yet. Instead every call is answered 503 {@code service-unavailable}
 * with {@code Retry-After}: every call while the application is not published or lacks one of its
 * extensions (JSON provider, exception mapper, filters), and a call to a resource that is not published
 * (its {@code @Path}), as the {@code rest-resources} health check sees them. The rest of the API answers as
 * usual meanwhile. The health resource is let through, to say what is missing. A path that no resource
 * serves stays a 404 problem.
 * <p>
 * The gate bundle (org.souk.rest.gate), in front of the API before the whiteboard and while this bundle is
 * away, hands the calls to this filter: it is found by {@value #GUARD_PROPERTY}, not by the HTTP whiteboard.
 */
@Component(service = Filter.class, property = ApiGuard.GUARD_PROPERTY + "=true")
public class ApiGuard implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGuard.class);

    /** The service property the gate finds this guard by. */
    static final String GUARD_PROPERTY = "souk.api.guard";
    static final String API = "/" + SoukApplication.BASE;
    static final String TYPE = "service-unavailable";
    /** Seconds a caller should wait: a restart of a bundle takes a few. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ResourcesHealthCheck resources;
    private final ProblemMessages messages = ProblemMessages.load();
    /** How long a fresh read of what is published stands for the next held answers. */
    static final long FRESH_MILLIS = 250;
    private volatile FreshRead lastFresh;

    @Activate
    public ApiGuard(@Reference ResourcesHealthCheck resources) {
        this.resources = resources;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI();
        if (!isApi(path)) {
            chain.doFilter(req, res);
            return;
        }
        String relative = path.length() > API.length() ? path.substring(API.length() + 1) : "";
        Publication published = resources.current();
        if (!isHealth(path) && published.unavailable(relative)) {
            unavailable(request, response, published.result());
            return;
        }
        HeldResponse held = new HeldResponse(response);
        try {
            chain.doFilter(request, held);
        } catch (ServletException | RuntimeException e) {
            // Nothing of Souk's answered: CXF failed before any mapper could, as when the application is torn
            // down under this very call. Logged with its stack, answered as the rebuild it most likely is.
            if (response.isCommitted()) {
                throw e;
            }
            LOG.warn("{} {} failed outside the API's own error handling: 503 instead", request.getMethod(), path, e);
            response.reset();
            unavailable(request, response, CheckResult.down(published.result().name(), true, "the API is being rebuilt"));
            return;
        }
        if (!held.held()) {
            return;
        }
        if (request.isAsyncStarted()) {
            held.release();
            return;
        }
        if (held.isPage()) {
            // CXF's own page: the application is being rebuilt under this very call
            LOG.debug("{} {} answered an HTML {} while the API is rebuilt: 503 instead", request.getMethod(), path, held.getStatus());
            held.discard();
            unavailable(request, response, published.result().up()
                    ? CheckResult.down(published.result().name(), true, "the API is being rebuilt") : published.result());
            return;
        }
        Publication now = recent();
        if (now.unavailable(relative)) {
            LOG.debug("{} {} answered {} while its resource is not published: 503 instead ({})", request.getMethod(), path,
                    held.getStatus(), now.result().detail());
            held.discard();
            unavailable(request, response, now.result());
            return;
        }
        held.release();
    }

    /**
     * What is published, read afresh (the cached view may lag a change by a moment) but at most once per
     * {@value #FRESH_MILLIS} ms: a caller sending unknown paths must not make every answer scan the runtime.
     */
    private Publication recent() {
        FreshRead last = lastFresh;
        long now = System.nanoTime();
        if (last != null && now - last.readAt() < TimeUnit.MILLISECONDS.toNanos(FRESH_MILLIS)) {
            return last.publication();
        }
        Publication publication = resources.fresh();
        lastFresh = new FreshRead(now, publication);
        return publication;
    }

    private record FreshRead(long readAt, Publication publication) {
    }

    static boolean isApi(String path) {
        return path != null && (path.equals(API) || path.startsWith(API + "/"));
    }

    static boolean isHealth(String path) {
        return path.equals(API + "/" + HealthResource.PATH);
    }

    private void unavailable(HttpServletRequest request, HttpServletResponse response, CheckResult why) throws IOException {
        Map<String, Object> problem = problem(why);
        ProblemMessages.Localized localized = messages.localize(
                ProblemMessages.language(request.getHeader("Accept-Language")), Problems.code(TYPE), problem);
        problem.put("detail", localized.detail());
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Language", localized.language());
        response.addHeader("Vary", "Accept-Language");
        response.setContentType(Problems.PROBLEM_JSON);
        response.setCharacterEncoding("UTF-8");
        SoukJsonProvider.MAPPER.writeValue(response.getOutputStream(), problem);
    }

    /** The 503 problem, its detail naming what is missing (as {@code /api/v1/health} does). */
    static Map<String, Object> problem(CheckResult why) {
        return Problems.body(503, "service-unavailable", "Service Unavailable",
                "The API is starting or a part of it is restarting; retry in " + RETRY_AFTER_SECONDS + " seconds ("
                        + why.detail() + ")", null, Map.of());
    }

    @Override
    public void init(javax.servlet.FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
