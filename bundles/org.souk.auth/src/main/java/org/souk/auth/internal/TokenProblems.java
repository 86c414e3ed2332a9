package org.souk.auth.internal;

/**
 * What the caller is told when nimbus refuses a token: its messages, read for the cause, become a sentence
 * that names the claim at fault and never echoes the token.
 */
final class TokenProblems {

    private TokenProblems() {
    }

    /** A refusal of the token's claims (expiry, not-before, audience, issuer, required claims). */
    static String claims(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Expired")) {
            return "The bearer token has expired";
        }
        if (m.contains("before use time")) {
            return "The bearer token is not valid yet (nbf)";
        }
        if (m.contains("audience")) {
            return "The bearer token is meant for another audience (aud)";
        }
        if (m.contains("iss claim")) {
            return "The bearer token was issued by someone else (iss)";
        }
        if (m.contains("missing required claims")) {
            return "The bearer token lacks required claims: " + m.substring(m.indexOf(':') + 1).trim();
        }
        return "The bearer token's claims are not acceptable";
    }

    /** A refusal of the token's signature or algorithm. */
    static String signature(String message) {
        String m = message == null ? "" : message;
        if (m.contains("Invalid signature")) {
            return "The bearer token's signature is invalid";
        }
        if (m.contains("Unsecured")) {
            return "The bearer token is not signed";
        }
        if (m.contains("no matching key") || m.contains("algorithm")) {
            return "The bearer token's signature is invalid: no accepted key for its algorithm and key id";
        }
        return "The bearer token cannot be verified";
    }
}
