package org.souk.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.auth.api.PendingEmail;
import org.souk.auth.api.UserContact;
import org.souk.common.api.FieldError;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.notification.api.OutboxTopics;
import org.souk.persistence.testing.DerbyJpa;
import org.souk.persistence.testing.MovableClock;

class JpaUserDirectoryTest {

    private final DerbyJpa jpa = new DerbyJpa("souk-auth", "auth-" + UUID.randomUUID());
    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AuthSchema schema = new AuthSchema(jpa.dataSource);
    private final JpaUserDirectory directory = new JpaUserDirectory(jpa, clock);
    /** The causes written into the notification outbox: topic and properties. */
    private final List<Map<String, Object>> outbox = new ArrayList<>();

    {
        directory.bindOutbox((topic, properties) -> {
            assertThat(topic).isEqualTo(OutboxTopics.EMAIL_CHANGE_REQUESTED);
            outbox.add(Map.<String, Object>copyOf(properties));
        });
    }

    /** The token of the last confirmation link sent. */
    private String lastToken() {
        return (String) outbox.get(outbox.size() - 1).get(OutboxTopics.TOKEN);
    }

    @AfterEach
    void close() {
        jpa.close();
    }

    @Test
    void findsTheUsersOfAnAddressAsTypedOrInLowerCase() {
        directory.rememberClaims("u-1", "amina@example.ma", null);
        directory.rememberClaims("u-2", "amina@example.ma", null);
        directory.rememberClaims("u-3", "salma@example.ma", null);
        assertThat(directory.usersWithEmail(" Amina@Example.MA ")).containsExactly("u-1", "u-2");
        assertThat(directory.usersWithEmail("nobody@example.ma")).isEmpty();
        assertThat(directory.usersWithEmail(" ")).isEmpty();
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
        directory.confirmEmail(lastToken());
        directory.rememberClaims("u-3", "token@example.com", "ar");
        assertThat(directory.contact("u-3")).contains(new UserContact("u-3", "chosen@example.com", Locale.FRENCH));

        directory.update("u-3", "", null);
        directory.rememberClaims("u-3", "token@example.com", "ar");
        assertThat(directory.contact("u-3")).contains(new UserContact("u-3", "token@example.com", Locale.FRENCH));
    }

    @Test
    void aWrongChoiceChangesNothing() {
        directory.update("u-4", "kept@example.com", "ar");
        directory.confirmEmail(lastToken());
        assertThatThrownBy(() -> directory.update("u-4", "new@example.com", "es"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("locale");
        assertThat(directory.contact("u-4")).contains(new UserContact("u-4", "kept@example.com", Locale.forLanguageTag("ar")));
    }

    @Test
    void aNewAddressWaitsForItsConfirmationAndTheLinkGoesOutWithTheChange() {
        directory.rememberClaims("u-5", "old@example.com", "fr");
        UserContact now = directory.update("u-5", "nadia@example.com", "ar");

        assertThat(now).as("the language applies at once, the address does not")
                .isEqualTo(new UserContact("u-5", "old@example.com", Locale.forLanguageTag("ar")));
        assertThat(directory.contact("u-5").orElseThrow().email()).isEqualTo("old@example.com");
        assertThat(directory.pendingEmail("u-5"))
                .contains(new PendingEmail("nadia@example.com", Instant.parse("2026-03-02T10:00:00Z")));
        assertThat(outbox).hasSize(1);
        Map<String, Object> cause = outbox.get(0);
        assertThat(cause).containsEntry(OutboxTopics.USER_ID, "u-5").containsEntry(OutboxTopics.NEW_EMAIL, "nadia@example.com")
                .containsEntry(OutboxTopics.NEW_EMAIL_MASKED, "n***@example.com")
                .containsEntry(OutboxTopics.OLD_EMAIL, "old@example.com")
                .containsEntry(OutboxTopics.EXPIRES_AT, "2026-03-02T10:00:00Z");
        assertThat(lastToken()).as("256 random bits in base64url").matches("[A-Za-z0-9_-]{43}");
        assertThat(stored()).as("only the token's hash is stored").doesNotContain(lastToken())
                .contains(EmailChangeRules.hash(lastToken()));

        assertThat(directory.confirmEmail(lastToken())).isEqualTo(new UserContact("u-5", "nadia@example.com",
                Locale.forLanguageTag("ar")));
        assertThat(directory.pendingEmail("u-5")).isEmpty();
        directory.rememberClaims("u-5", "token@example.com", null);
        assertThat(directory.contact("u-5").orElseThrow().email()).as("a confirmed address is the user's choice")
                .isEqualTo("nadia@example.com");
    }

    @Test
    void aTokenWorksOnce() {
        directory.update("u-6", "first@example.com", null);
        String token = lastToken();
        directory.confirmEmail(token);
        directory.update("u-6", "", null);

        assertThat(tokenRefusal(token)).isEqualTo(EmailChangeRules.UNKNOWN);
        assertThat(directory.contact("u-6").orElseThrow().email()).as("forgotten after the first use").isNull();
        assertThat(tokenRefusal("never-issued")).isEqualTo(EmailChangeRules.UNKNOWN);
        assertThat(tokenRefusal("x".repeat(5000))).isEqualTo(EmailChangeRules.UNKNOWN);
        assertThat(tokenRefusal(" ")).startsWith("is required");
    }

    @Test
    void aTokenExpiresAfterTheWindow() {
        directory.window(Duration.ofHours(2));
        directory.rememberClaims("u-7", "old@example.com", null);
        directory.update("u-7", "late@example.com", null);
        String token = lastToken();

        clock.advance(Duration.ofHours(2));
        assertThat(tokenRefusal(token)).isEqualTo(EmailChangeRules.EXPIRED);
        assertThat(directory.contact("u-7").orElseThrow().email()).isEqualTo("old@example.com");
        assertThat(directory.pendingEmail("u-7")).as("an expired change is no longer shown").isEmpty();

        clock.set(Instant.parse("2026-03-01T10:00:00Z").plus(Duration.ofHours(2)).minusSeconds(1));
        assertThat(directory.confirmEmail(token).email()).as("good until the last second").isEqualTo("late@example.com");
    }

    @Test
    void aNewerRequestReplacesTheOlderOne() {
        directory.rememberClaims("u-8", "old@example.com", null);
        directory.update("u-8", "first@example.com", null);
        String first = lastToken();
        clock.advance(Duration.ofHours(1));
        directory.update("u-8", "second@example.com", null);
        String second = lastToken();

        assertThat(second).isNotEqualTo(first);
        assertThat(outbox).extracting(c -> c.get(OutboxTopics.CHANGE_ID)).doesNotHaveDuplicates();
        assertThat(tokenRefusal(first)).isEqualTo(EmailChangeRules.UNKNOWN);
        assertThat(directory.pendingEmail("u-8")).contains(new PendingEmail("second@example.com",
                Instant.parse("2026-03-02T11:00:00Z")));
        assertThat(directory.confirmEmail(second).email()).isEqualTo("second@example.com");
    }

    @Test
    void theCurrentAddressAgainDropsThePendingChange() {
        directory.rememberClaims("u-9", "old@example.com", null);
        directory.update("u-9", "other@example.com", null);
        String token = lastToken();
        directory.update("u-9", "old@example.com", null);

        assertThat(outbox).as("nothing to confirm: no second link").hasSize(1);
        assertThat(directory.pendingEmail("u-9")).isEmpty();
        assertThat(tokenRefusal(token)).isEqualTo(EmailChangeRules.UNKNOWN);
        assertThat(directory.contact("u-9").orElseThrow().email()).isEqualTo("old@example.com");
    }

    @Test
    void withoutNotificationsANewAddressIsRefusedAndNothingChanges() {
        directory.rememberClaims("u-10", "old@example.com", "en");
        JpaUserDirectory alone = new JpaUserDirectory(jpa, clock);

        assertThatThrownBy(() -> alone.update("u-10", "new@example.com", "fr")).isInstanceOf(UnavailableException.class);
        assertThat(alone.contact("u-10")).contains(new UserContact("u-10", "old@example.com", Locale.ENGLISH));
        assertThat(alone.pendingEmail("u-10")).isEmpty();
        assertThat(alone.update("u-10", null, "fr").locale()).as("a language needs no link").isEqualTo(Locale.FRENCH);
    }

    @Test
    void theRulesMaskTheNewAddressAndReadTheWindow() {
        assertThat(EmailChangeRules.mask("nadia@example.com")).isEqualTo("n***@example.com");
        assertThat(EmailChangeRules.mask("\uD83D\uDE00x@example.com")).isEqualTo("\uD83D\uDE00***@example.com");
        assertThat(EmailChangeRules.window("PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(EmailChangeRules.window("soon")).isEqualTo(Duration.ofHours(24));
        assertThat(EmailChangeRules.window("-PT1H")).isEqualTo(Duration.ofHours(24));
        assertThat(EmailChangeRules.window("")).isEqualTo(Duration.ofHours(24));
        assertThat(EmailChangeRules.refusal(null, Instant.EPOCH)).isEqualTo(EmailChangeRules.UNKNOWN);
        assertThat(EmailChangeRules.refusal(Instant.EPOCH.plusSeconds(1), Instant.EPOCH)).isNull();
        assertThat(EmailChangeRules.refusal(Instant.EPOCH, Instant.EPOCH)).isEqualTo(EmailChangeRules.EXPIRED);
    }

    private String tokenRefusal(String token) {
        ValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(() -> directory.confirmEmail(token),
                ValidationException.class);
        assertThat(e).as("refused: %s", token).isNotNull();
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("token");
        return e.errors().get(0).reason();
    }

    /** Every value of user_email_change, as text. */
    private String stored() {
        return jpa.txExpr(org.apache.aries.jpa.template.TransactionType.Supports, em -> String.valueOf(
                em.createNativeQuery("SELECT user_id, new_email, token_hash FROM user_email_change").getResultList()
                        .stream().map(r -> java.util.Arrays.toString((Object[]) r)).toList()));
    }
}
