package org.souk.catalog.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;

/** Keeps the gigs of the marketplace. A marketplace may plug in its own implementation. */
@ProviderType
public interface GigCatalog {

    /** The problem type of an update refused because the gig is no longer at the version the editor read. */
    String PRECONDITION_FAILED = "precondition-failed";

    /**
     * Creates a gig owned by the calling freelancer.
     *
     * @throws ValidationException naming every invalid field
     * @throws ForbiddenException if the caller is not a freelancer
     */
    Gig create(Caller caller, GigDraft draft);

    /**
     * Replaces the gig's title, description and packages. Orders already placed keep their snapshot.
     *
     * @throws NotFoundException if there is no such gig
     * @throws ForbiddenException if the caller does not own it
     */
    Gig update(Caller caller, String gigId, GigDraft draft);

    /**
     * As {@link #update(Caller, String, GigDraft)}, only if the gig is still at {@code expectedVersion}
     * ({@link Gig#version()}), checked in the same transaction as the change.
     *
     * @throws ConflictException of problem type {@code precondition-failed} and kind
     *         {@link org.souk.common.api.RefusalKind#PRECONDITION_FAILED} ({@code ConflictException.preconditionFailed})
     *         if the gig is at another version or changes meanwhile; the gig is then left as it is
     * @throws NotFoundException if there is no such gig
     * @throws ForbiddenException if the caller does not own it
     */
    Gig update(Caller caller, String gigId, GigDraft draft, long expectedVersion);

    Optional<Gig> find(String gigId);

    /** Gigs, newest first; optionally only one freelancer's. */
    Page<Gig> list(String freelancerId, int offset, int limit);
}
