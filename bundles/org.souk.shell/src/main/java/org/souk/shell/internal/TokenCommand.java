package org.souk.shell.internal;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.souk.auth.api.TokenService;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;

/** Mints a bearer token, for development and tests; production tokens come from the identity service. */
@Service
@Command(scope = "souk", name = "token", description = "Prints a bearer token for a user and role (development)")
public class TokenCommand implements Action {

    @Argument(index = 0, name = "user", required = true, description = "The user id (token subject)")
    String user;

    @Argument(index = 1, name = "role", required = true, description = "client, freelancer or admin")
    String role;

    @Option(name = "-h", aliases = "--hours", description = "Validity in hours")
    int hours = 24;

    @Option(name = "--email", description = "An 'email' claim: where email notifications go")
    String email;

    @Option(name = "--locale", description = "A 'locale' claim: en, fr or ar, the language of email notifications")
    String locale;

    @Reference
    TokenService tokens;

    @Override
    public Object execute() {
        System.out.println(tokens.issue(new Caller(user, Role.parse(role)), Duration.ofHours(Math.max(1, hours)), email,
                locale));
        return null;
    }
}
