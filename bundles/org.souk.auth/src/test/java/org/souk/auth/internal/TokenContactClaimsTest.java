package org.souk.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.souk.auth.api.UserContact;
import org.souk.auth.api.UserDirectory;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;

class TokenContactClaimsTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final JwtTokenService tokens = new JwtTokenService(SECRET, "souk", clock);
    private final List<String> remembered = new ArrayList<>();

    private final UserDirectory recording = new UserDirectory() {
        @Override
        public List<String> usersWithEmail(String email) {
            return List.of();
        }

        @Override
        public Optional<UserContact> contact(String userId) {
            return Optional.empty();
        }

        @Override
        public void rememberClaims(String userId, String email, String locale) {
            remembered.add(userId + " " + email + " " + locale);
        }

        @Override
        public UserContact update(String userId, String email, String locale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<org.souk.auth.api.PendingEmail> pendingEmail(String userId) {
            return Optional.empty();
        }

        @Override
        public UserContact confirmEmail(String token) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aVerifiedTokensEmailAndLocaleClaimsReachTheDirectory() {
        tokens.bindDirectory(recording);
        String token = tokens.issue(new Caller("u-7", Role.CLIENT), Duration.ofHours(1), "amina@example.ma", "ar");
        assertThat(tokens.verify(token)).isEqualTo(new Caller("u-7", Role.CLIENT));
        assertThat(remembered).containsExactly("u-7 amina@example.ma ar");

        tokens.verify(tokens.issue(new Caller("u-8", Role.FREELANCER), Duration.ofHours(1)));
        assertThat(remembered).as("a token without the claims tells nothing").hasSize(1);

        String identityServiceToken = TestTokens.hs256(SECRET, clock, c -> c.claim("locale", "fr-FR"));
        tokens.verify(identityServiceToken);
        assertThat(remembered).last().isEqualTo("u-1 null fr-FR");
    }

    @Test
    void aFailingDirectoryNeverFailsTheRequest() {
        tokens.bindDirectory(new UserDirectory() {
            @Override
            public List<String> usersWithEmail(String email) {
                return List.of();
            }

            @Override
            public Optional<UserContact> contact(String userId) {
                return Optional.empty();
            }

            @Override
            public void rememberClaims(String userId, String email, String locale) {
                throw new IllegalStateException("database down");
            }

            @Override
            public UserContact update(String userId, String email, String locale) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<org.souk.auth.api.PendingEmail> pendingEmail(String userId) {
                return Optional.empty();
            }

            @Override
            public UserContact confirmEmail(String token) {
                throw new UnsupportedOperationException();
            }
        });
        String token = tokens.issue(new Caller("u-7", Role.CLIENT), Duration.ofHours(1), "a@example.com", "fr");
        assertThat(tokens.verify(token).userId()).isEqualTo("u-7");
    }

    @Test
    void mintsOnlyAddressesAndTheThreeLanguages() {
        Caller caller = new Caller("u-7", Role.CLIENT);
        assertThatThrownBy(() -> tokens.issue(caller, Duration.ofHours(1), "nobody", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
        assertThatThrownBy(() -> tokens.issue(caller, Duration.ofHours(1), null, "de"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("en, fr, ar");
    }
}
