package org.souk.rest.internal.idempotency;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Duration;

import javax.annotation.Priority;
import javax.sql.DataSource;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.WriterInterceptor;
import javax.ws.rs.ext.WriterInterceptorContext;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.ValidationException;
import org.souk.persistence.DuePoller;
import org.souk.persistence.PlatformClock;
import org.souk.persistence.Schema;
import org.souk.rest.internal.RestSchema;
import org.souk.rest.internal.SoukApplication;
import org.souk.rest.internal.http.CallerSecurityContext;
import org.souk.rest.internal.idempotency.IdempotencyStore.Answer;
import org.souk.rest.internal.idempotency.IdempotencyStore.Claim;
import org.souk.rest.internal.idempotency.IdempotencyStore.Claimed;
import org.souk.rest.internal.idempotency.IdempotencyStore.InUse;
import org.souk.rest.internal.idempotency.IdempotencyStore.Outcome;
import org.souk.rest.internal.idempotency.IdempotencyStore.Replay;
import org.souk.rest.internal.idempotency.IdempotencyStore.Reused;
import org.souk.rest.internal.problem.ProblemMapper;
import org.souk.rest.internal.problem.Problems;

/**
 * Safe retries of every POST, as Stripe has them: a POST with {@code Idempotency-Key} from the same caller
 * with the same body is answered, for 24 hours, with the first answer (status, body, Location) instead of
 * running again; the key with another body or path is a 422, and a key whose first request is still running
 * a 409. Answers of 5xx are not kept, so a retry can succeed. Keys live in the database: replays work across
 * restarts and nodes. Webhooks (no caller) and requests without the header are left alone.
 *
 * <p>It runs after the bearer-token filter, so the caller is known; it reads the body (within the body limit)
 * to fingerprint it and hands the resource the same bytes. The answer is captured as it is written.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class, WriterInterceptor.class})
@JaxrsExtension
@JaxrsApplicationSelect(SoukApplication.SELECT)
@Priority(Priorities.AUTHENTICATION + 500)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);
    static final Duration TTL = Duration.ofHours(24);
    /** Longer than any request runs (provider calls time out after 30 s by default). */
    static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String CLEANUP_PERIOD = "PT1H";
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";
    private static final String PENDING = IdempotencyFilter.class.getName() + ".pending";

    private final IdempotencyStore store;
    private final DuePoller cleanup;

    @Activate
    public IdempotencyFilter(@Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource,
            @Reference(target = RestSchema.TARGET) Schema schema, @Reference PlatformClock clock,
            BundleContext context) {
        this.store = new IdempotencyStore(dataSource, clock, TTL, LOCK_TIMEOUT);
        this.cleanup = new DuePoller(context, "souk-idempotency-keys", "expired idempotency key(s) deleted",
                Integer.MAX_VALUE, ignored -> deleteExpired());
        cleanup.every(CLEANUP_PERIOD);
    }

    IdempotencyFilter(IdempotencyStore store) {
        this.store = store;
        this.cleanup = null;
    }

    @Deactivate
    void deactivate() {
        if (cleanup != null) {
            cleanup.stop();
        }
    }

    int deleteExpired() {
        try {
            return store.deleteExpired();
        } catch (SQLException e) {
            LOG.warn("Expired idempotency keys not deleted: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!HttpMethod.POST.equals(request.getMethod())
                || !(request.getSecurityContext() instanceof CallerSecurityContext caller)) {
            return; // webhooks have no caller: their signature and the providers' ids make them idempotent
        }
        String key;
        try {
            key = IdempotencyKeys.key(request.getHeaders().get(IdempotencyKeys.HEADER));
        } catch (ValidationException e) {
            request.abortWith(new ProblemMapper().toResponse(e));
            return;
        }
        if (key == null) {
            return;
        }
        byte[] body = new byte[0];
        if (request.hasEntity()) {
            // Within the body limit: the stream beneath is the limited one.
            body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
        }
        String target = target(request);
        Outcome outcome;
        try {
            outcome = store.claim(caller.caller().userId(), key, IdempotencyKeys.requestHash(target, body), target);
        } catch (SQLException e) {
            throw new IllegalStateException("idempotency key store failed: " + e.getMessage(), e);
        }
        if (outcome instanceof Claimed claimed) {
            request.setProperty(CLAIM, claimed.claim());
        } else if (outcome instanceof Replay replay) {
            request.abortWith(replay(replay.answer()));
        } else if (outcome instanceof Reused) {
            request.abortWith(Problems.response(422, "idempotency-key-reused", "Idempotency key reused",
                    "This Idempotency-Key was used with another request (another path or body); use a new key "
                            + "for a new request", null));
        } else if (outcome instanceof InUse) {
            request.abortWith(Problems.builder(409, "idempotency-key-in-use", "Idempotency key in use",
                    "A request with this Idempotency-Key is still being processed; retry shortly", null)
                    .header(HttpHeaders.RETRY_AFTER, "1").build());
        }
    }

    /** The method and path (with its query) a key is bound to: {@code POST orders/42/payment}. */
    static String target(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        return request.getMethod() + " " + (path.startsWith("/") ? path.substring(1) : path)
                + (query == null ? "" : "?" + query);
    }

    static Response replay(Answer answer) {
        Response.ResponseBuilder replay = Response.status(answer.status()).header(REPLAYED_HEADER, "true");
        if (answer.body().length > 0) {
            replay.entity(answer.body());
            if (answer.contentType() != null) {
                replay.type(answer.contentType());
            }
        }
        if (answer.location() != null) {
            replay.header(HttpHeaders.LOCATION, answer.location());
        }
        return replay.build();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof Claim claim)) {
            return;
        }
        request.removeProperty(CLAIM);
        int status = response.getStatus();
        String location = response.getHeaderString(HttpHeaders.LOCATION);
        if (status >= 500) {
            release(claim);
        } else if (!response.hasEntity()) {
            complete(claim, new Answer(status, null, location, new byte[0]));
        } else {
            // The body exists once it is written: completed by aroundWriteTo.
            request.setProperty(PENDING, new Pending(claim, status, location));
        }
    }

    private record Pending(Claim claim, int status, String location) {
    }

    /**
     * Writes the answer of a claimed key into memory first, stores it, then sends it: what is stored is the
     * whole answer even when the caller hangs up before reading it (the case retries are for).
     */
    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(PENDING) instanceof Pending pending)) {
            context.proceed();
            return;
        }
        context.removeProperty(PENDING);
        OutputStream connection = context.getOutputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        context.setOutputStream(answer);
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            release(pending.claim());
            throw e;
        } finally {
            context.setOutputStream(connection);
        }
        MediaType type = context.getMediaType();
        complete(pending.claim(), new Answer(pending.status(), type == null ? null : type.toString(),
                pending.location(), answer.toByteArray()));
        answer.writeTo(connection);
    }

    private void complete(Claim claim, Answer answer) {
        try {
            if (!store.complete(claim, answer)) {
                LOG.warn("Idempotency key {} was taken over before its answer was stored", claim.id());
            }
        } catch (SQLException e) {
            // The answer still goes out; a retry finds the key busy until its lock times out.
            LOG.warn("Answer for idempotency key {} not stored: {}", claim.id(), e.getMessage());
        }
    }

    private void release(Claim claim) {
        try {
            store.release(claim);
        } catch (SQLException e) {
            LOG.warn("Idempotency key {} not released: {}", claim.id(), e.getMessage());
        }
    }
}
