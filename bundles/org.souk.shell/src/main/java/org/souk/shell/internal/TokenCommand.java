package org.souk.shell.internal;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.auth.api.TokenService;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;
import org.souk.common.api.ValidationException;

/** Mints a bearer token, for development and tests; production tokens come from the identity service. */
@Service
@Command(scope = "souk", name = "token", description = "Prints a bearer token for a user and role (development)")
public class TokenCommand extends RefusingAction {

    /** A development token lives at most a year. */
    static final int MAX_HOURS = 24 * 366;

    @Argument(index = 0, name = "user", required = true, description = "The user id (token subject)")
    @Completion(IdCompleters.KnownUsers.class)
    String user;

    @Argument(index = 1, name = "role", required = true, description = "client, freelancer or admin")
    @Completion(ValueCompleters.Roles.class)
    String role;

    @Option(name = "-h", aliases = "--hours", description = "Validity in hours (1 to " + TokenCommand.MAX_HOURS + ")")
    int hours = 24;

    @Option(name = "--email", description = "An 'email' claim: where email notifications go")
    String email;

    @Option(name = "--locale", description = "A 'locale' claim: en, fr or ar, the language of email notifications")
    String locale;

    @Reference
    TokenService tokens;

    @Override
    protected Object run() {
        Duration validity = Duration.ofHours(Arguments.within("hours", hours, 1, MAX_HOURS));
        Role as;
        try {
            as = Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("role", e.getMessage());
        }
        String token;
        try {
            token = tokens.issue(new Caller(user, as), validity, email, locale);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(refusedField(e.getMessage()), e.getMessage());
        }
        System.out.println(token);
        return null;
    }

    /** What the token service refused as an illegal argument: the email, the locale or else the user id. */
    static String refusedField(String message) {
        String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        return text.contains("email") ? "email" : text.contains("locale") ? "locale" : "user";
    }
}
