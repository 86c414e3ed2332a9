package org.souk.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.FieldError;
import org.souk.common.api.Role;
import org.souk.common.api.UnauthorizedException;
import org.souk.common.api.ValidationException;

class JwtTokenServiceTest {

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    private final JwtTokenService tokens = new JwtTokenService(SECRET, "souk", clock);

    @Test
    void aTokenItIssuedNamesTheCallerAndRole() {
        String token = tokens.issue(new Caller("u-42", Role.FREELANCER), Duration.ofHours(1));
        assertThat(tokens.verify(token)).isEqualTo(new Caller("u-42", Role.FREELANCER));
        assertThat(tokens.verify("  " + token + " ")).isEqualTo(new Caller("u-42", Role.FREELANCER));
    }

    @Test
    void refusesATokenSignedWithAnotherSecret() {
        String forged = new JwtTokenService("another-secret-that-is-long-enough-too!", "souk", clock)
                .issue(new Caller("u-1", Role.ADMIN), Duration.ofHours(1));
        assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void refusesATamperedPayload() {
        String token = tokens.issue(new Caller("u-1", Role.CLIENT), Duration.ofHours(1));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("client", "admin");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        assertThatThrownBy(() -> tokens.verify(tampered)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void refusesExpiredTokensAfterTheSkew() {
        Clock later = Clock.offset(clock, Duration.ofMinutes(61));
        String token = tokens.issue(new Caller("u-1", Role.CLIENT), Duration.ofHours(1));
        assertThatThrownBy(() -> new JwtTokenService(SECRET, "souk", later).verify(token))
                .hasMessageContaining("expired");
        Clock withinSkew = Clock.offset(clock, Duration.ofSeconds(3610));
        assertThat(new JwtTokenService(SECRET, "souk", withinSkew).verify(token).userId()).isEqualTo("u-1");
    }

    @Test
    void refusesGarbageUnsignedAndForeignIssuers() {
        assertThatThrownBy(() -> tokens.verify(null)).hasMessageContaining("required");
        assertThatThrownBy(() -> tokens.verify("not-a-jwt")).hasMessageContaining("not a JWT");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"sub\":\"x\",\"role\":\"admin\"}".getBytes())
                + ".";
        assertThatThrownBy(() -> tokens.verify(unsigned)).isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("not signed");
        String foreign = new JwtTokenService(SECRET, "elsewhere", clock).issue(new Caller("u", Role.CLIENT), Duration.ofHours(1));
        assertThatThrownBy(() -> tokens.verify(foreign)).hasMessageContaining("issued by someone else");
    }

    @Test
    void refusesAShortSecret() {
        assertThatThrownBy(() -> new JwtTokenService("short", "souk", clock))
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void refusesTheSecretEarlierDistributionsPublished() {
        assertThatThrownBy(() -> new JwtTokenService("dev-only-souk-secret-change-me-before-production", "souk", clock))
                .hasMessageContaining("published");
    }

    @Test
    void needsASecretOrPublicKeys() {
        assertThatThrownBy(() -> new JwtTokenService("", "souk", clock)).hasMessageContaining("jwks.url");
    }

    @Test
    void refusesSubjectsLongerThanTheUserIdColumnAllowsOrWithOddCharacters() {
        String longest = "u".repeat(TokenSubjects.MAX_LENGTH);
        assertThat(tokens.verify(TestTokens.hs256(SECRET, clock, b -> b.subject(longest))).userId()).isEqualTo(longest);

        String tooLong = TestTokens.hs256(SECRET, clock, b -> b.subject("u".repeat(300)));
        assertThatThrownBy(() -> tokens.verify(tooLong)).isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("subject").hasMessageContaining("100");
        String withNewline = TestTokens.hs256(SECRET, clock, b -> b.subject("omar\nFAKE LOG LINE"));
        assertThatThrownBy(() -> tokens.verify(withNewline)).isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> tokens.issue(new Caller("u".repeat(101), Role.CLIENT), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATokenForThePlatformsOwnIdentityWhateverItsRole() {
        for (String role : new String[] {"admin", "client", "freelancer"}) {
            for (String subject : new String[] {"system", "System", "SYSTEM"}) {
                String token = TestTokens.hs256(SECRET, clock, b -> b.subject(subject).claim("role", role));
                assertThatThrownBy(() -> tokens.verify(token)).as(subject + " " + role)
                        .isInstanceOf(UnauthorizedException.class).hasMessageContaining("reserved");
            }
        }
        // Names that merely contain it are ordinary users.
        assertThat(tokens.verify(TestTokens.hs256(SECRET, clock, b -> b.subject("system-admin"))).userId())
                .isEqualTo("system-admin");
        assertThat(tokens.verify(TestTokens.hs256(SECRET, clock, b -> b.subject("u-system"))).isSystem()).isFalse();
    }

    @Test
    void mintsNoTokenForThePlatformsOwnIdentity() {
        assertThatThrownBy(() -> tokens.issue(Caller.SYSTEM, Duration.ofHours(1)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("user"))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> tokens.issue(new Caller("System", Role.CLIENT), Duration.ofHours(1), null, null))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void refusesATokenWithoutRoleOrExpiry() {
        String noRole = TestTokens.hs256(SECRET, clock, b -> b.claim("role", null));
        assertThatThrownBy(() -> tokens.verify(noRole)).hasMessageContaining("role");
        String noExpiry = TestTokens.hs256(SECRET, clock, b -> b.expirationTime(null));
        assertThatThrownBy(() -> tokens.verify(noExpiry)).hasMessageContaining("exp");
        String unknownRole = TestTokens.hs256(SECRET, clock, b -> b.claim("role", "root"));
        assertThatThrownBy(() -> tokens.verify(unknownRole)).hasMessageContaining("role");
    }

    @Test
    void checksTheAudienceWhenConfiguredAndMintsTokensCarryingIt() {
        JwtTokenService withAudience = new JwtTokenService(
                JwtTokenService.Settings.hs256(SECRET, "souk").withAudience("souk-api"), clock);
        assertThat(withAudience.verify(TestTokens.hs256(SECRET, clock, b -> b.audience("souk-api"))).userId()).isEqualTo("u-1");
        assertThatThrownBy(() -> withAudience.verify(TestTokens.hs256(SECRET, clock, b -> b.audience("another-api"))))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> withAudience.verify(TestTokens.hs256(SECRET, clock, b -> { })))
                .isInstanceOf(UnauthorizedException.class).hasMessageContaining("aud");
        String minted = withAudience.issue(new Caller("u-2", Role.CLIENT), Duration.ofHours(1));
        assertThat(withAudience.verify(minted).userId()).isEqualTo("u-2");
        // Without an audience configured, any (or none) is accepted.
        assertThat(tokens.verify(TestTokens.hs256(SECRET, clock, b -> b.audience("another-api"))).userId()).isEqualTo("u-1");
    }

    @Test
    void refusesATokenNotValidYet() {
        String future = TestTokens.hs256(SECRET, clock, b -> b.notBeforeTime(java.util.Date.from(clock.instant().plusSeconds(600))));
        assertThatThrownBy(() -> tokens.verify(future)).isInstanceOf(UnauthorizedException.class).hasMessageContaining("nbf");
        String withinSkew = TestTokens.hs256(SECRET, clock, b -> b.notBeforeTime(java.util.Date.from(clock.instant().plusSeconds(10))));
        assertThat(tokens.verify(withinSkew).userId()).isEqualTo("u-1");
    }
}
