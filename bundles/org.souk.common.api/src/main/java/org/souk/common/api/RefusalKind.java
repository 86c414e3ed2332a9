package org.souk.common.api;

/**
 * What kind of refusal a {@link SoukException} is, whatever its specific problem type: what the caller can
 * do about it. An adapter (REST, console) chooses its answer by the kind, so a problem type of its own
 * ({@code already-reviewed}) never changes how a refusal is answered.
 */
public enum RefusalKind {
    /** Input that breaks a rule: the caller fixes the named fields (HTTP 400). */
    INVALID,
    /** No valid credentials: a missing or bad token, a webhook with a bad signature (HTTP 401). */
    UNAUTHORIZED,
    /** The caller's role or part does not allow the request (HTTP 403). */
    FORBIDDEN,
    /** A thing that does not exist, or that the caller may not see (HTTP 404). */
    NOT_FOUND,
    /** The current state refuses the request: an illegal transition, a lost race (HTTP 409). */
    CONFLICT,
    /** A condition the caller set no longer holds, such as the version it read (HTTP 412). */
    PRECONDITION_FAILED,
    /** A request larger than accepted (HTTP 413). */
    TOO_LARGE,
    /** A dependency that is not there right now; the caller retries later (HTTP 503). */
    UNAVAILABLE,
    /** A refusal none of the other kinds describes (HTTP 400). */
    REFUSED
}
