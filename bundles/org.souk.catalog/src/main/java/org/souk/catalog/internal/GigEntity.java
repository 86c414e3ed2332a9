package org.souk.catalog.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.persistence.CascadeType;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.OneToMany;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.catalog.api.Gig;

@Entity
@Table(name = "catalog_gig")
public class GigEntity {

    @Id
    private String id;
    @Column(name = "freelancer_id")
    private String freelancerId;
    private String title;
    private String description;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;
    @OneToMany(mappedBy = "gig", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    private List<GigPackageEntity> packages = new ArrayList<>();

    protected GigEntity() {
    }

    GigEntity(String id, String freelancerId, Instant now) {
        this.id = id;
        this.freelancerId = freelancerId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    String freelancerId() {
        return freelancerId;
    }

    long version() {
        return version;
    }

    void describe(String title, String description, Instant now) {
        this.title = title;
        this.description = description;
        this.updatedAt = now;
    }

    List<GigPackageEntity> packages() {
        return packages;
    }

    Gig toGig() {
        return new Gig(id, freelancerId, title, description,
                packages.stream().sorted(Comparator.comparing(GigPackageEntity::tier))
                        .map(GigPackageEntity::toPackage).toList(),
                createdAt, updatedAt, version);
    }
}
