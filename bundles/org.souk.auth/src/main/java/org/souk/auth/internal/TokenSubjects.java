package org.souk.auth.internal;

import java.util.regex.Pattern;

import org.souk.common.api.Caller;

/** Which user ids a token may carry, whether it is verified or minted here. */
final class TokenSubjects {

    /** User ids are stored in columns of 128 characters; the cap leaves room and the charset keeps logs clean. */
    static final int MAX_LENGTH = 100;
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@:|+=-]{1," + MAX_LENGTH + "}");
    /** The characters a user id may have, as people read them. */
    static final String SHAPE = "1 to " + MAX_LENGTH + " characters among letters, digits and . _ @ : | + = -";

    private TokenSubjects() {
    }

    static boolean isWellFormed(String userId) {
        return userId != null && SUBJECT.matcher(userId).matches();
    }

    /**
     * The platform's own user id ({@link Caller#SYSTEM}), in any case: what it does is recorded under that name,
     * and no token may pass for it.
     */
    static boolean isReserved(String userId) {
        return Caller.SYSTEM.userId().equalsIgnoreCase(userId);
    }
}
