package org.souk.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.souk.common.api.Nullable;

/**
 * A service a freelancer sells, with one to three packages. {@code version} grows with every change to the
 * gig: an editor that read version n changes it only while it is still n (see
 * {@link GigCatalog#update(org.souk.common.api.Caller, String, GigDraft, long)}).
 */
public record Gig(String id, String freelancerId, String title, @Nullable String description, List<GigPackage> packages,
        Instant createdAt, Instant updatedAt, long version) {

    public Gig {
        packages = List.copyOf(packages);
    }

    /** A gig whose version is not known (0). */
    public Gig(String id, String freelancerId, String title, String description, List<GigPackage> packages,
            Instant createdAt, Instant updatedAt) {
        this(id, freelancerId, title, description, packages, createdAt, updatedAt, 0);
    }

    public Optional<GigPackage> pkg(Tier tier) {
        return packages.stream().filter(p -> p.tier() == tier).findFirst();
    }
}
