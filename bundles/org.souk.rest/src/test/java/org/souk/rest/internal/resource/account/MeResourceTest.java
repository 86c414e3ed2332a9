package org.souk.rest.internal.resource.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.souk.auth.api.PendingEmail;
import org.souk.auth.api.UserContact;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.Caller;
import org.souk.common.api.FieldError;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;
import org.souk.rest.internal.http.BearerTokenFilter;
import org.souk.rest.internal.http.CallerSecurityContext;

class MeResourceTest {

    private final List<String> updates = new ArrayList<>();
    private final UserDirectory directory = new UserDirectory() {
        @Override
        public List<String> usersWithEmail(String email) {
            return List.of();
        }

        @Override
        public Optional<UserContact> contact(String userId) {
            return "known".equals(userId) ? Optional.of(new UserContact(userId, "k@example.com", Locale.FRENCH))
                    : Optional.empty();
        }

        @Override
        public void rememberClaims(String userId, String email, String locale) {
        }

        @Override
        public UserContact update(String userId, String email, String locale) {
            updates.add(userId + " " + email + " " + locale);
            return new UserContact(userId, email == null || email.isEmpty() ? null : email, Locale.forLanguageTag("ar"));
        }

        @Override
        public Optional<PendingEmail> pendingEmail(String userId) {
            return "pending".equals(userId) ? Optional.of(new PendingEmail("new@example.com", EXPIRES)) : Optional.empty();
        }

        @Override
        public UserContact confirmEmail(String token) {
            confirmed.add(token);
            if (!"good".equals(token)) {
                throw new ValidationException("token", "is unknown");
            }
            return new UserContact("pending", "new@example.com", Locale.ENGLISH);
        }
    };
    private static final Instant EXPIRES = Instant.parse("2026-03-02T10:00:00Z");
    private final List<String> confirmed = new ArrayList<>();
    private final MeResource resource = new MeResource(directory);

    private static CallerSecurityContext as(String user) {
        return new CallerSecurityContext(new Caller(user, Role.FREELANCER), true);
    }

    @Test
    void showsTheCallerAndEnglishWhenNothingIsKnown() {
        assertThat(resource.get(as("known"))).isEqualTo(new MeResource.Me("known", "freelancer", "k@example.com", "fr"));
        assertThat(resource.get(as("new"))).isEqualTo(new MeResource.Me("new", "freelancer", null, "en"));
    }

    @Test
    void passesTheChangeOnAndNullMeansForget() {
        Map<String, Object> body = new HashMap<>();
        body.put("email", null);
        body.put("locale", "ar");
        assertThat(resource.update(as("u"), body)).isEqualTo(new MeResource.Me("u", "freelancer", null, "ar"));
        assertThat(updates).containsExactly("u  ar");
    }

    @Test
    void refusesUnknownFieldsWrongTypesAndEmptyBodiesChangingNothing() {
        ValidationException e = catchThrowableOfType(
                () -> resource.update(as("u"), Map.of("name", "x", "locale", 7)), ValidationException.class);
        assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("name", "locale");
        assertThat(catchThrowableOfType(() -> resource.update(as("u"), Map.of()), ValidationException.class).errors())
                .extracting(FieldError::field).containsExactly("body");
        assertThat(updates).isEmpty();
    }

    @Test
    void aPendingAddressShowsBesideTheCurrentOne() {
        assertThat(resource.get(as("pending"))).isEqualTo(
                new MeResource.Me("pending", "freelancer", null, "en", "new@example.com", EXPIRES));
        assertThat(resource.get(as("known")).pendingEmail()).isNull();
    }

    @Test
    void theConfirmationTakesTheTokenAndNothingElse() {
        assertThat(resource.confirmEmail(Map.of("token", "good")))
                .isEqualTo(new MeResource.EmailConfirmed("pending", "new@example.com"));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of(), Map.of("token", ""), Map.of("token", 7))) {
            assertThat(catchThrowableOfType(() -> resource.confirmEmail(bad), ValidationException.class).errors())
                    .extracting(FieldError::field).containsExactly("token");
        }
        assertThat(catchThrowableOfType(() -> resource.confirmEmail(null), ValidationException.class).errors())
                .extracting(FieldError::field).containsExactly("token");
        assertThat(catchThrowableOfType(() -> resource.confirmEmail(Map.of("token", "good", "email", "x@example.com")),
                ValidationException.class).errors()).extracting(FieldError::field).containsExactly("email");
        assertThat(catchThrowableOfType(() -> resource.confirmEmail(Map.of("token", "spent")), ValidationException.class)
                .errors()).extracting(FieldError::field).containsExactly("token");
        assertThat(confirmed).containsExactly("good", "spent");
    }

    @Test
    void theConfirmationNeedsNoBearerToken() {
        assertThat(BearerTokenFilter.isPublic("me/email-confirmation")).isTrue();
        assertThat(BearerTokenFilter.isPublic("/me/email-confirmation/")).isTrue();
        assertThat(BearerTokenFilter.isPublic("me")).isFalse();
    }
}
