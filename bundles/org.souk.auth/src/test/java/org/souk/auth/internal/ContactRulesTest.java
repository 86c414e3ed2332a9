package org.souk.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.souk.common.api.FieldError;
import org.souk.common.api.ValidationException;

class ContactRulesTest {

    @Test
    void readsLanguageTagsOfTheThreeLanguagesAndEnglishForAnyOtherClaim() {
        assertThat(ContactRules.claimedLanguage("fr")).isEqualTo(Locale.FRENCH);
        assertThat(ContactRules.claimedLanguage("fr-FR")).isEqualTo(Locale.FRENCH);
        assertThat(ContactRules.claimedLanguage("ar_MA")).isEqualTo(Locale.forLanguageTag("ar"));
        assertThat(ContactRules.claimedLanguage("AR")).isEqualTo(Locale.forLanguageTag("ar"));
        assertThat(ContactRules.claimedLanguage("de-DE")).isEqualTo(Locale.ENGLISH);
        assertThat(ContactRules.claimedLanguage("!!")).isEqualTo(Locale.ENGLISH);
        assertThat(ContactRules.claimedLanguage(null)).isNull();
        assertThat(ContactRules.claimedLanguage(" ")).isNull();
    }

    @Test
    void ignoresClaimedAddressesThatAreNotAddresses() {
        assertThat(ContactRules.claimedEmail(" amina@example.ma ")).isEqualTo("amina@example.ma");
        assertThat(ContactRules.claimedEmail("amina")).isNull();
        assertThat(ContactRules.claimedEmail("a@b")).isNull();
        assertThat(ContactRules.claimedEmail("a@example.com\r\nBcc: x@evil.com")).isNull();
        assertThat(ContactRules.claimedEmail("x".repeat(250) + "@example.com")).isNull();
    }

    @Test
    void aChoiceNamesEveryWrongFieldAndAcceptsEmptyToForget() {
        ValidationException e = catchThrowableOfType(() -> ContactRules.checkChoice("not-an-address", "de"),
                ValidationException.class);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("email", "locale");
        ContactRules.checkChoice("", "");
        ContactRules.checkChoice(null, null);
        ContactRules.checkChoice("amina@example.ma", "ar-MA");
    }
}
