package org.souk.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The settings of the JSON API under /api/v1, PID {@code org.souk.rest} ({@code etc/org.souk.rest.cfg}). One
 * PID, one description: {@link org.souk.rest.internal.http.BodyLimitFilter} designates it, the other components reading the PID take it as
 * their configuration type.
 */
@ObjectClassDefinition(name = "Souk REST API", description = "Settings of the JSON API under /api/v1")
public @interface RestConfig {

    String PID = "org.souk.rest";
    long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    int DEFAULT_CORS_MAX_AGE = 600;
    int DEFAULT_EVENTS_MAX_PER_USER = 5;

    @AttributeDefinition(name = "Largest request body", description = "In bytes; larger bodies are refused with 413",
            min = "1")
    long max_body_bytes() default DEFAULT_MAX_BODY_BYTES;

    @AttributeDefinition(name = "CORS allowed origins", description = "Comma-separated origins (scheme://host[:port]) "
            + "whose browser pages may call the API; * for any origin; empty for none (no CORS headers at all)")
    String cors_allowed_origins() default "";

    @AttributeDefinition(name = "Trusted proxies", description = "Comma-separated IP addresses of reverse proxies "
            + "whose X-Forwarded-For names the caller's address (passed to payment providers); empty: the socket's "
            + "peer is the caller")
    String trusted_proxies() default "";

    @AttributeDefinition(name = "CORS preflight cache", description = "Seconds a browser may cache a preflight answer",
            min = "0")
    int cors_max_age() default DEFAULT_CORS_MAX_AGE;

    @AttributeDefinition(name = "Event streams per user", description = "Live event streams (GET /api/v1/events) "
            + "one user may hold open on this node; opening one more closes that user's oldest", min = "1")
    int events_max_per_user() default DEFAULT_EVENTS_MAX_PER_USER;
}
