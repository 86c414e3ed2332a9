package org.souk.catalog.api;

import java.util.List;

import org.souk.common.api.Money;
import org.souk.common.api.Nullable;

/** One package of a gig: what the client gets, for how much, how fast and with how many revisions. */
public record GigPackage(Tier tier, String title, @Nullable String description, Money price, int deliveryDays,
        int revisions, List<String> deliverables) {

    public GigPackage {
        deliverables = List.copyOf(deliverables);
    }
}
