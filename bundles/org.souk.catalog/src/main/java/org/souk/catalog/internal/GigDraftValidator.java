package org.souk.catalog.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.souk.catalog.api.GigDraft;
import org.souk.catalog.api.GigLimits;
import org.souk.catalog.api.GigPackage;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;

/** The catalog's rules for a gig, checked all at once so the caller sees every problem. */
final class GigDraftValidator {

    static final int MAX_TITLE = GigLimits.MAX_TITLE;
    static final int MAX_DESCRIPTION = GigLimits.MAX_DESCRIPTION;
    static final int MAX_PACKAGE_DESCRIPTION = GigLimits.MAX_PACKAGE_DESCRIPTION;
    static final int MAX_DELIVERY_DAYS = GigLimits.MAX_DELIVERY_DAYS;
    static final int MAX_REVISIONS = GigLimits.MAX_REVISIONS;
    static final int MAX_DELIVERABLES = GigLimits.MAX_DELIVERABLES;
    static final int MAX_DELIVERABLE = GigLimits.MAX_DELIVERABLE;

    private GigDraftValidator() {
    }

    static void validate(GigDraft draft) {
        ValidationException.Collector errors = new ValidationException.Collector();
        if (draft == null) {
            throw new ValidationException("body", "a gig is required");
        }
        text(errors, "title", draft.title(), MAX_TITLE, true);
        text(errors, "description", draft.description(), MAX_DESCRIPTION, true);
        List<GigPackage> packages = draft.packages();
        if (packages == null || packages.isEmpty()) {
            errors.add("packages", "at least one package (BASIC, STANDARD or PREMIUM) is required");
        } else if (packages.size() > GigLimits.MAX_PACKAGES) {
            errors.add("packages", "at most " + GigLimits.MAX_PACKAGES + " packages, one per tier");
        } else {
            Set<Tier> seen = EnumSet.noneOf(Tier.class);
            String currency = null;
            for (int i = 0; i < packages.size(); i++) {
                GigPackage p = packages.get(i);
                String at = "packages[" + i + "]";
                if (p == null) {
                    errors.add(at, "must not be null");
                    continue;
                }
                if (p.tier() == null) {
                    errors.add(at + ".tier", "is required (BASIC, STANDARD or PREMIUM)");
                } else if (!seen.add(p.tier())) {
                    errors.add(at + ".tier", p.tier() + " appears more than once");
                }
                text(errors, at + ".title", p.title(), MAX_TITLE, true);
                text(errors, at + ".description", p.description(), MAX_PACKAGE_DESCRIPTION, false);
                Money price = p.price();
                if (price == null) {
                    errors.add(at + ".price", "is required");
                } else {
                    if (price.isZero()) {
                        errors.add(at + ".price", "must be greater than zero");
                    } else if (price.minor() > GigLimits.MAX_PRICE_MINOR) {
                        errors.add(at + ".price", "must be at most " + GigLimits.MAX_PRICE_MINOR + " in minor units");
                    }
                    if (currency != null && !currency.equals(price.currency())) {
                        errors.add(at + ".currency", "all packages of a gig share one currency (" + currency + ")");
                    }
                    currency = price.currency();
                }
                if (p.deliveryDays() < 1 || p.deliveryDays() > MAX_DELIVERY_DAYS) {
                    errors.add(at + ".deliveryDays", "must be between 1 and " + MAX_DELIVERY_DAYS);
                }
                if (p.revisions() < 0 || p.revisions() > MAX_REVISIONS) {
                    errors.add(at + ".revisions", "must be between 0 and " + MAX_REVISIONS);
                }
                deliverables(errors, at + ".deliverables", p.deliverables());
            }
        }
        errors.throwIfAny();
    }

    /** Stored one per line, all of them in one column of 4000 characters: 20 of 190 fit, with their line breaks. */
    private static void deliverables(ValidationException.Collector errors, String field, List<String> items) {
        if (items.size() > MAX_DELIVERABLES) {
            errors.add(field, "at most " + MAX_DELIVERABLES + " deliverables");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (item == null || item.isBlank()) {
                errors.add(field + "[" + i + "]", "must not be blank");
            } else if (item.contains("\n") || item.contains("\r")) {
                errors.add(field + "[" + i + "]", "must be a single line");
            } else if (item.length() > MAX_DELIVERABLE) {
                errors.add(field + "[" + i + "]", "must be at most " + MAX_DELIVERABLE + " characters");
            }
        }
    }

    private static void text(ValidationException.Collector errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(field, "is required");
            }
        } else if (value.length() > max) {
            errors.add(field, "must be at most " + max + " characters");
        }
    }
}
