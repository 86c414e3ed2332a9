package org.souk.shell.internal;

import org.apache.karaf.shell.support.ShellUtil;
import org.souk.common.api.Caller;
import org.souk.common.api.Role;

/**
 * The administrator on whose behalf a console command acts: the Karaf user running it (the JAAS subject's
 * user principal, as for SSH, {@code bin/client} and the local console), so that what the command decides
 * is recorded under a name; {@code console} when the session carries no user.
 */
final class ConsoleCaller {

    static final String ANONYMOUS = "console";

    private ConsoleCaller() {
    }

    static Caller admin() {
        return new Caller(userOr(ShellUtil.getCurrentUserName()), Role.ADMIN);
    }

    static String userOr(String user) {
        return user == null || user.isBlank() ? ANONYMOUS : user.trim();
    }
}
