package org.souk.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The caller reads which claim or signature failed, never nimbus's wording or the token. */
class TokenProblemsTest {

    @Test
    void eachClaimRefusalNamesTheClaim() {
        assertThat(TokenProblems.claims("Expired JWT")).isEqualTo("The bearer token has expired");
        assertThat(TokenProblems.claims("JWT before use time")).isEqualTo("The bearer token is not valid yet (nbf)");
        assertThat(TokenProblems.claims("JWT audience rejected: [x]"))
                .isEqualTo("The bearer token is meant for another audience (aud)");
        assertThat(TokenProblems.claims("JWT iss claim has value x, must be souk"))
                .isEqualTo("The bearer token was issued by someone else (iss)");
        assertThat(TokenProblems.claims("JWT missing required claims: [role]"))
                .isEqualTo("The bearer token lacks required claims: [role]");
        assertThat(TokenProblems.claims("something else")).isEqualTo("The bearer token's claims are not acceptable");
        assertThat(TokenProblems.claims(null)).isEqualTo("The bearer token's claims are not acceptable");
    }

    @Test
    void eachSignatureRefusalSaysWhatIsWrong() {
        assertThat(TokenProblems.signature("Signed JWT rejected: Invalid signature"))
                .isEqualTo("The bearer token's signature is invalid");
        assertThat(TokenProblems.signature("Unsecured (plain) JOSE objects are rejected"))
                .isEqualTo("The bearer token is not signed");
        assertThat(TokenProblems.signature("Signed JWT rejected: Another algorithm expected, or no matching key(s) found"))
                .isEqualTo("The bearer token's signature is invalid: no accepted key for its algorithm and key id");
        assertThat(TokenProblems.signature(null)).isEqualTo("The bearer token cannot be verified");
    }
}
