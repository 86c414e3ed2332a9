package org.souk.catalog.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.souk.catalog.api.GigDraft;
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
}
