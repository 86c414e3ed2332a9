package org.souk.persistence;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;

/**
 * Where a module's migration scripts live and which schema version they bring a database to: the one rule
 * that {@link SchemaMigrator} applies and that a health check compares the database with.
 *
 * <p>A module's scripts are {@code db/migration/<module>/V<n>.sql} in the bundle that owns the module,
 * numbered from 1; its version is the last of the run {@code V1}, {@code V2}, … that has no gap.
 */
public final class MigrationScripts {

    /** The folder, in a bundle, that holds one folder of scripts per module. */
    public static final String FOLDER = "db/migration";
    private static final Pattern SCRIPT = Pattern.compile("(?:.*/)?" + FOLDER + "/([^/]+)/V(\\d+)\\.sql$");

    private MigrationScripts() {
    }

    /** The resource path of one script of a module. */
    public static String path(String module, int version) {
        return FOLDER + "/" + module + "/V" + version + ".sql";
    }

    /** The version each module's scripts bring a database to, from the scripts' paths; other paths are ignored. */
    public static Map<String, Integer> versions(Collection<String> scriptPaths) {
        Map<String, Set<Integer>> found = new HashMap<>();
        for (String p : scriptPaths) {
            Matcher m = SCRIPT.matcher(p);
            if (m.matches()) {
                found.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
            }
        }
        Map<String, Integer> out = new TreeMap<>();
        found.forEach((module, numbers) -> {
            int version = 0;
            while (numbers.contains(version + 1)) {
                version++;
            }
            out.put(module, version);
        });
        return out;
    }

    /** The version each module whose scripts a bundle carries brings a database to. */
    public static Map<String, Integer> versions(Bundle bundle) {
        List<String> paths = new ArrayList<>();
        Enumeration<URL> found = bundle.findEntries(FOLDER, "V*.sql", true);
        while (found != null && found.hasMoreElements()) {
            paths.add(found.nextElement().getPath());
        }
        return versions(paths);
    }
}
