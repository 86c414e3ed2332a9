package org.souk.catalog.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.souk.catalog.api.GigDraft;
import org.souk.catalog.api.GigPackage;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;

/** The catalog's rules for a gig, checked all at once so the caller sees every problem. */
final class GigDraftValidator {

    static final int MAX_TITLE = 120;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_PACKAGE_DESCRIPTION = 2000;
    static final int MAX_DELIVERY_DAYS = 365;
    static final int MAX_REVISIONS = 100;
    static final int MAX_DELIVERABLES = 20;

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

    private static void deliverables(ValidationException.Collector errors, String field, List<String> items) {
        if (items.size() > MAX_DELIVERABLES) {
            errors.add(field, "at most " + MAX_DELIVERABLES + " deliverables");
        }
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (item == null || item.isBlank()) {
                errors.add(field + "[" + i + "]", "must not be blank");
            } else if (item.contains("\n") || item.contains("\r")) {
                errors.add(field + "[" + i + "]", "must be a single line");
            } else if (item.length() > 200) {
                errors.add(field + "[" + i + "]", "must be at most 200 characters");
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
