package org.souk.catalog.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A service a freelancer sells, with one to three packages. */
public record Gig(String id, String freelancerId, String title, String description, List<GigPackage> packages,
        Instant createdAt, Instant updatedAt) {

    public Gig {
        packages = List.copyOf(packages);
    }

    public Optional<GigPackage> pkg(Tier tier) {
        return packages.stream().filter(p -> p.tier() == tier).findFirst();
    }
}
