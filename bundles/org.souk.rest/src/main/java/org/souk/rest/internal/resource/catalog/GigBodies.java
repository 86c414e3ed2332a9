package org.souk.rest.internal.resource.catalog;

import java.util.ArrayList;
import java.util.List;

import org.souk.catalog.api.GigDraft;
import org.souk.catalog.api.GigLimits;
import org.souk.catalog.api.GigPackage;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.rest.internal.resource.Params;

import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON a freelancer sends for a gig, and its translation into the catalog's draft. */
public final class GigBodies {

    private GigBodies() {
    }

    public record GigBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String description,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<PackageBody> packages) {
    }

    /** {@code price} is a decimal string or number in {@code currency} (MAD when absent). */
    record PackageBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = Tier.class) String tier,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title, String description,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A decimal string or a number") String price, String currency,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Integer deliveryDays,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Integer revisions, List<String> deliverables) {
    }

    private static boolean isCurrency(String code) {
        try {
            java.util.Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static GigDraft toDraft(GigBody body) {
        if (body == null) {
            throw new ValidationException("body", "a gig is required");
        }
        ValidationException.Collector errors = new ValidationException.Collector();
        List<GigPackage> packages = new ArrayList<>();
        List<PackageBody> in = body.packages() == null ? List.of() : body.packages();
        if (in.size() > GigLimits.MAX_PACKAGES) {
            throw new ValidationException("packages", "at most " + GigLimits.MAX_PACKAGES + " packages, one per tier");
        }
        for (int i = 0; i < in.size(); i++) {
            PackageBody p = in.get(i);
            String at = "packages[" + i + "]";
            if (p == null) {
                errors.add(at, "must not be null");
                continue;
            }
            Tier tier = null;
            try {
                tier = Params.enumValue(Tier.class, p.tier(), at + ".tier");
            } catch (ValidationException e) {
                errors.add(at + ".tier", "must be BASIC, STANDARD or PREMIUM");
            }
            Money price = null;
            String currency = p.currency() == null || p.currency().isBlank() ? Money.MAD : p.currency().trim();
            if (!isCurrency(currency)) {
                errors.add(at + ".currency", "is not an ISO-4217 currency code");
            } else if (p.price() == null || p.price().isBlank()) {
                errors.add(at + ".price", "is required");
            } else if (p.price().trim().startsWith("-")) {
                errors.add(at + ".price", "must be greater than zero");
            } else {
                try {
                    price = Money.parse(p.price(), currency);
                } catch (IllegalArgumentException e) {
                    errors.add(at + ".price", String.valueOf(e.getMessage()));
                }
            }
            if (p.deliveryDays() == null) {
                errors.add(at + ".deliveryDays", "is required");
            }
            if (p.revisions() == null) {
                errors.add(at + ".revisions", "is required");
            }
            List<String> deliverables = new ArrayList<>();
            if (p.deliverables() != null) {
                for (int d = 0; d < p.deliverables().size(); d++) {
                    if (p.deliverables().get(d) == null) {
                        errors.add(at + ".deliverables[" + d + "]", "must not be null");
                    } else {
                        deliverables.add(p.deliverables().get(d));
                    }
                }
            }
            packages.add(new GigPackage(tier, p.title(), p.description(), price,
                    p.deliveryDays() == null ? 1 : p.deliveryDays(), p.revisions() == null ? 0 : p.revisions(),
                    deliverables));
        }
        errors.throwIfAny();
        return new GigDraft(body.title(), body.description(), packages);
    }
}
