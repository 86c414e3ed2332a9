package org.souk.rest.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;

import org.apache.cxf.rs.security.cors.CrossOriginResourceSharingFilter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.rest.internal.RestConfig;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.idempotency.IdempotencyFilter;

/**
 * Cross-origin calls from browser frontends, by CXF's CORS filter, for the origins listed in
 * {@code cors.allowed.origins} (PID {@code org.souk.rest}). None are listed by default, and then the API sends
 * no CORS header at all. A preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) is answered here, before the bearer-token check; an origin not listed
 * gets an answer without CORS headers, which the browser takes as a refusal.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class}, configurationPid = RestConfig.PID)
@JaxrsExtension
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Priority(Priorities.AUTHENTICATION - 1)
@PreMatching
public class CorsFilter extends CrossOriginResourceSharingFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CorsFilter.class);

    /** What a frontend may send: the bearer token, JSON, retry keys, preconditions and its request id. */
    static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, "Idempotency-Key", HttpHeaders.IF_MATCH, RequestIdFilter.HEADER);
    /** What a frontend may read beyond the simple headers: every header the API description documents. */
    static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, RequestIdFilter.HEADER,
            IdempotencyFilter.REPLAYED_HEADER, HttpHeaders.RETRY_AFTER, HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.WWW_AUTHENTICATE);

    private static final Pattern ORIGIN = Pattern.compile("https?://[^/?#\\s]+");

    /** Written last on every configuration, read first on every call: the CXF settings before it are seen. */
    private volatile boolean enabled;

    @Activate
    public CorsFilter(RestConfig config) {
        setAllowHeaders(ALLOWED_HEADERS);
        setExposeHeaders(EXPOSED_HEADERS);
        setAllowCredentials(false); // bearer tokens, no cookies
        configure(config);
    }

    @Modified
    void configure(RestConfig config) {
        List<String> origins = origins(config.cors_allowed_origins());
        boolean any = origins.contains("*");
        // CXF allows every origin when its list is empty; an empty setting here means none, so CXF never sees it.
        setAllowOrigins(any ? List.of() : origins);
        setMaxAge(Math.max(0, config.cors_max_age()));
        enabled = !origins.isEmpty();
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * The origins in a comma-separated setting, as browsers send them ({@code https://app.example.com},
     * no trailing slash). Entries that are not origins are left out with a warning.
     */
    static List<String> origins(String setting) {
        List<String> origins = new ArrayList<>();
        if (setting == null) {
            return origins;
        }
        for (String entry : setting.split(",")) {
            String origin = entry.trim();
            while (origin.endsWith("/")) {
                origin = origin.substring(0, origin.length() - 1);
            }
            if (origin.isEmpty()) {
                continue;
            }
            if ("*".equals(origin) || ORIGIN.matcher(origin).matches()) {
                origins.add(origin);
            } else {
                LOG.warn("cors.allowed.origins: '{}' is not an origin such as https://app.example.com; ignored", origin);
            }
        }
        return List.copyOf(origins);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (enabled) {
            super.filter(request);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (enabled) {
            super.filter(request, response);
            // The answer depends on the caller's origin: caches must keep one per origin.
            List<String> vary = response.getStringHeaders().get(HttpHeaders.VARY);
            if (vary == null || vary.stream().noneMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("origin"))) {
                response.getHeaders().add(HttpHeaders.VARY, "Origin");
            }
        }
    }
}
