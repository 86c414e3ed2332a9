package org.souk.auth.internal;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.auth.api.UserDirectory;

import com.nimbusds.jwt.JWTClaimsSet;

/** The optional {@code email} and {@code locale} claims of a verified token, handed to the user directory. */
final class ContactClaims {

    static final String EMAIL_CLAIM = "email";
    static final String LOCALE_CLAIM = "locale";
    /** Logs under the service's name, as the verification does. */
    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenService.class);

    /** Absent while the database is not up. */
    private final Supplier<UserDirectory> directory;

    ContactClaims(Supplier<UserDirectory> directory) {
        this.directory = directory;
    }

    /** Hands the token's contact claims to the directory, if it has any; never fails the request. */
    void remember(String userId, JWTClaimsSet claims) {
        UserDirectory d = directory.get();
        if (d == null) {
            return;
        }
        Object email = claims.getClaim(EMAIL_CLAIM);
        Object locale = claims.getClaim(LOCALE_CLAIM);
        if (!(email instanceof String) && !(locale instanceof String)) {
            return;
        }
        try {
            d.rememberClaims(userId, email instanceof String s ? s : null, locale instanceof String s ? s : null);
        } catch (RuntimeException e) {
            LOG.debug("The contact claims of {} were not remembered: {}", userId, e.getMessage());
        }
    }
}
