package org.souk.catalog.internal;

import java.util.Arrays;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.ManyToOne;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.catalog.api.GigPackage;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Money;

@Entity
@Table(name = "catalog_gig_package")
public class GigPackageEntity {

    /** Deliverables are stored one per line; the catalog refuses line breaks inside one. */
    private static final String SEPARATOR = "\n";

    @Id
    private String id;
    @ManyToOne
    @JoinColumn(name = "gig_id")
    private GigEntity gig;
    @Enumerated(EnumType.STRING)
    private Tier tier;
    private String title;
    private String description;
    @Column(name = "price_minor")
    private long priceMinor;
    private String currency;
    @Column(name = "delivery_days")
    private int deliveryDays;
    private int revisions;
    private String deliverables;
    @Version
    private long version;

    protected GigPackageEntity() {
    }

    GigPackageEntity(GigEntity gig, String gigId, Tier tier) {
        this.id = gigId + "/" + tier.name();
        this.gig = gig;
        this.tier = tier;
    }

    Tier tier() {
        return tier;
    }

    void update(GigPackage p) {
        title = p.title();
        description = p.description() == null ? "" : p.description();
        priceMinor = p.price().minor();
        currency = p.price().currency();
        deliveryDays = p.deliveryDays();
        revisions = p.revisions();
        deliverables = String.join(SEPARATOR, p.deliverables());
    }

    GigPackage toPackage() {
        List<String> items = deliverables.isEmpty() ? List.of() : Arrays.asList(deliverables.split(SEPARATOR));
        return new GigPackage(tier, title, description, new Money(priceMinor, currency), deliveryDays, revisions, items);
    }
}
