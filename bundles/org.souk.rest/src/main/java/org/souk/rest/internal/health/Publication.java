package org.souk.rest.internal.health;

import java.util.List;
import java.util.regex.Pattern;

import org.souk.common.api.health.CheckResult;

/**
 * What the whiteboard publishes of the Souk application, as the API's guard needs it: the
 * {@code rest-resources} check's result, whether the application answers at all (published, with every
 * extension: JSON provider, exception mapper, filters), and the paths of the resources that are expected
 * but not published.
 *
 * @param missingPaths the {@code @Path} templates of the missing resources, relative to /api/v1
 */
public record Publication(CheckResult result, boolean applicationComplete, List<Pattern> missingPaths) {

    public Publication {
        missingPaths = List.copyOf(missingPaths);
    }

    /** Whether a call to this path (relative to /api/v1, no leading slash) cannot be answered now. */
    public boolean unavailable(String path) {
        if (!applicationComplete) {
            return true;
        }
        for (Pattern missing : missingPaths) {
            if (missing.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The paths a resource's class-level {@code @Path} template covers: {@code orders/{id}/review} covers
     * {@code orders/42/review} and everything under it; a parameter stands for one segment.
     */
    public static Pattern template(String path) {
        String trimmed = path == null ? "" : path.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            return Pattern.compile(".*");
        }
        StringBuilder regex = new StringBuilder();
        for (String segment : trimmed.split("/+")) {
            if (regex.length() > 0) {
                regex.append('/');
            }
            regex.append(segment.startsWith("{") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(regex + "(/.*)?");
    }
}
