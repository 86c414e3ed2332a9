package org.souk.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.souk.catalog.api.GigDraft;
import org.souk.catalog.api.GigLimits;
import org.souk.catalog.api.GigPackage;
import org.souk.catalog.api.Tier;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;

class GigDraftValidatorTest {

    private static GigPackage pkg(Tier tier, String price, int days, int revisions) {
        return new GigPackage(tier, "Package " + tier, "", Money.parse(price, "MAD"), days, revisions, List.of("PNG"));
    }

    @Test
    void aGigWithThreeDistinctPackagesIsValid() {
        assertThatCode(() -> GigDraftValidator.validate(new GigDraft("Logo", "A logo", List.of(
                pkg(Tier.BASIC, "250", 3, 1), pkg(Tier.STANDARD, "600", 5, 3), pkg(Tier.PREMIUM, "1500", 10, 5)))))
                .doesNotThrowAnyException();
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        GigDraft draft = new GigDraft(" ", null, List.of(pkg(Tier.BASIC, "0", 0, -1), pkg(Tier.BASIC, "10", 400, 1),
                new GigPackage(Tier.PREMIUM, "P", "", Money.parse("10", "EUR"), 1, 0, List.of("ok", " "))));
        assertThatThrownBy(() -> GigDraftValidator.validate(draft))
                .isInstanceOfSatisfying(ValidationException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.errors()).extracting(f -> f.field()).containsExactlyInAnyOrder(
                                "title", "description", "packages[0].price", "packages[0].deliveryDays",
                                "packages[0].revisions", "packages[1].tier", "packages[1].deliveryDays",
                                "packages[2].currency", "packages[2].deliverables[1]"));
    }

    @Test
    void aGigNeedsAPackage() {
        assertThatThrownBy(() -> GigDraftValidator.validate(new GigDraft("T", "D", List.of())))
                .hasMessageContaining("packages: at least one package");
    }

    private static GigPackage withDeliverables(List<String> deliverables) {
        return new GigPackage(Tier.BASIC, "Basic", "", Money.parse("250", "MAD"), 3, 1, deliverables);
    }

    private static List<String> fields(GigDraft draft) {
        try {
            GigDraftValidator.validate(draft);
            return List.of();
        } catch (ValidationException e) {
            return e.errors().stream().map(f -> f.field()).toList();
        }
    }

    @Test
    void deliverablesThatWouldNotFitTheirColumnAreRefusedItemByItem() {
        // Twenty of 200 characters joined by line breaks are 4019 characters: more than the 4000 stored.
        List<String> tooLong = Collections.nCopies(20, "d".repeat(200));
        assertThat(fields(new GigDraft("T", "D", List.of(withDeliverables(tooLong)))))
                .hasSize(20).allMatch(f -> f.startsWith("packages[0].deliverables["));
        List<String> longest = Collections.nCopies(GigLimits.MAX_DELIVERABLES, "d".repeat(GigLimits.MAX_DELIVERABLE));
        assertThat(fields(new GigDraft("T", "D", List.of(withDeliverables(longest))))).isEmpty();
        assertThat(String.join("\n", longest).length()).isLessThanOrEqualTo(4000);
        assertThat(fields(new GigDraft("T", "D", List.of(withDeliverables(Collections.nCopies(21, "d"))))))
                .containsExactly("packages[0].deliverables");
    }

    @Test
    void textsArePermittedUpToTheirDocumentedMaximumAndNoFurther() {
        GigPackage longest = new GigPackage(Tier.BASIC, "t".repeat(GigLimits.MAX_TITLE),
                "d".repeat(GigLimits.MAX_PACKAGE_DESCRIPTION), Money.parse("250", "MAD"), 3, 1, List.of("PNG"));
        assertThat(fields(new GigDraft("t".repeat(GigLimits.MAX_TITLE), "d".repeat(GigLimits.MAX_DESCRIPTION),
                List.of(longest)))).isEmpty();
        GigPackage tooLong = new GigPackage(Tier.BASIC, "t".repeat(GigLimits.MAX_TITLE + 1),
                "d".repeat(GigLimits.MAX_PACKAGE_DESCRIPTION + 1), Money.parse("250", "MAD"), 3, 1, List.of("PNG"));
        assertThat(fields(new GigDraft("t".repeat(GigLimits.MAX_TITLE + 1), "d".repeat(GigLimits.MAX_DESCRIPTION + 1),
                List.of(tooLong)))).containsExactlyInAnyOrder("title", "description", "packages[0].title",
                        "packages[0].description");
    }

    @Test
    void pricesAndPackageCountsHaveAnUpperBound() {
        GigPackage dear = new GigPackage(Tier.BASIC, "B", "", new Money(GigLimits.MAX_PRICE_MINOR + 1, "MAD"), 3, 1, List.of());
        assertThat(fields(new GigDraft("T", "D", List.of(dear)))).containsExactly("packages[0].price");
        GigPackage dearest = new GigPackage(Tier.BASIC, "B", "", new Money(GigLimits.MAX_PRICE_MINOR, "MAD"), 3, 1, List.of());
        assertThat(fields(new GigDraft("T", "D", List.of(dearest)))).isEmpty();
        assertThat(fields(new GigDraft("T", "D", Collections.nCopies(4, dearest)))).containsExactly("packages");
    }
}
