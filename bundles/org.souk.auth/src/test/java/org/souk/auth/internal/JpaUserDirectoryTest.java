package org.souk.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.auth.api.UserContact;
import org.souk.common.api.ValidationException;
import org.souk.persistence.testing.DerbyJpa;

class JpaUserDirectoryTest {

    private final DerbyJpa jpa = new DerbyJpa("souk-auth", "auth-" + UUID.randomUUID());
    private final JpaUserDirectory directory = new JpaUserDirectory(jpa, jpa.dataSource,
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    @AfterEach
    void close() {
        jpa.close();
    }

    @Test
    void remembersClaimsAndWritesOnlyWhenTheyChange() {
        assertThat(directory.contact("u-1")).isEmpty();
        directory.rememberClaims("u-1", "amina@example.ma", "ar-MA");
        int afterFirst = jpa.commits;
        assertThat(directory.contact("u-1")).contains(new UserContact("u-1", "amina@example.ma", Locale.forLanguageTag("ar")));

        for (int i = 0; i < 50; i++) {
            directory.rememberClaims("u-1", "amina@example.ma", "ar-MA");
        }
        assertThat(jpa.commits).as("the same claims again write nothing").isEqualTo(afterFirst);

        directory.rememberClaims("u-1", "amina@example.ma", "fr");
        assertThat(jpa.commits).isEqualTo(afterFirst + 1);
        assertThat(directory.contact("u-1").orElseThrow().locale()).isEqualTo(Locale.FRENCH);
    }

    @Test
    void aLanguageOutsideTheThreeIsEnglishAndABadAddressIsIgnored() {
        directory.rememberClaims("u-2", "not an address", "de");
        assertThat(directory.contact("u-2")).contains(new UserContact("u-2", null, Locale.ENGLISH));
    }

    @Test
    void theUsersChoiceOutlivesLaterClaimsUntilForgotten() {
        directory.rememberClaims("u-3", "old@example.com", "en");
        directory.update("u-3", "chosen@example.com", "fr");
        directory.rememberClaims("u-3", "token@example.com", "ar");
        assertThat(directory.contact("u-3")).contains(new UserContact("u-3", "chosen@example.com", Locale.FRENCH));

        directory.update("u-3", "", null);
        directory.rememberClaims("u-3", "token@example.com", "ar");
        assertThat(directory.contact("u-3")).contains(new UserContact("u-3", "token@example.com", Locale.FRENCH));
    }

    @Test
    void aWrongChoiceChangesNothing() {
        directory.update("u-4", "kept@example.com", "ar");
        assertThatThrownBy(() -> directory.update("u-4", "new@example.com", "es"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("locale");
        assertThat(directory.contact("u-4")).contains(new UserContact("u-4", "kept@example.com", Locale.forLanguageTag("ar")));
    }
}
