package org.souk.catalog.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;

/** Keeps the gigs of the marketplace. A marketplace may plug in its own implementation. */
@ProviderType
public interface GigCatalog {

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

    Optional<Gig> find(String gigId);

    /** Gigs, newest first; optionally only one freelancer's. */
    Page<Gig> list(String freelancerId, int offset, int limit);
}
