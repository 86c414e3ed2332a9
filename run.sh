#!/usr/bin/env bash
# Builds Souk if the sources changed since the last build, then starts it with its console.
#   ./run.sh           Karaf console in this terminal (type souk:orders, souk:providers, ...)
#   ./run.sh server    no console: for running in the background
# The REST API listens on http://localhost:8181/api/v1, SSH console on port 8101 (user admin; the first
# start generates its password, the token and webhook secrets into run/souk/etc/ and prints the password).
#
# A development node: when it unpacks a distribution into run/souk, this script sets 'mode = test' in
# etc/org.souk.gateway.cfg, so that the sandbox takes test payments (the tar.gz itself ships 'mode = live').
#
# What a rebuild (a newer distribution unpacked into run/souk) keeps:
# - the database, run/souk/data/derby;
# - from run/souk/etc/: users.properties and host.key, and each org.souk.*.cfg and
#   org.ops4j.datasource-*.cfg that you changed (it differs, secrets aside, from the copy this script
#   unpacked, kept in run/souk/.unpacked-etc/) or that the new distribution lacks: those are kept whole.
#   The ones you did not change come from the new distribution, with their secrets (keys that start with
#   a dot) carried over. Everything else comes fresh from the new distribution.
# The old etc/ and database wait in run/etc.keep and run/derby.keep until the new distribution is in
# place: after an interrupted rebuild, run ./run.sh again and nothing is lost.
set -euo pipefail
cd "$(dirname "$0")"

dist=$(ls karaf-distribution/target/souk-distribution-*.tar.gz 2>/dev/null | head -1 || true)
if [ -z "$dist" ] || [ -n "$(find pom.xml bundles providers features karaf-distribution -newer "$dist" -type f -not -path '*/target/*' -print -quit)" ]; then
    echo "Building Souk (tests skipped; run 'mvn -B -ntp install' for those)..."
    mvn -B -ntp -q install -DskipTests
    dist=$(ls karaf-distribution/target/souk-distribution-*.tar.gz | head -1)
fi

home=run/souk
keep=run/etc.keep

# Replaces the line of a key in a .cfg/.properties file by the given line, or appends it.
put_line() { # file key line
    KEY="$2" LINE="$3" awk '{ k = ENVIRON["KEY"]; line = ENVIRON["LINE"]; l = $0; sub(/^[ \t]+/, "", l); r = substr(l, length(k) + 1); sub(/^[ \t]+/, "", r)
        if (!done && index(l, k) == 1 && (substr(r, 1, 1) == "=" || substr(r, 1, 1) == ":")) { print line; done = 1; next }
        print } END { if (!done) print line }' "$1" > "$1.tmp"
    mv "$1.tmp" "$1"
}

# A file without the lines of its secrets (keys that start with a dot), for comparing.
without_secrets() { grep -v '^[[:space:]]*\.' "$1" || true; }

# Did the user change run/souk/etc/<name> since this script unpacked it?
changed() { # name
    local unpacked="$keep/.unpacked-etc/$1"
    [ -f "$unpacked" ] || return 0
    ! cmp -s <(without_secrets "$keep/$1") <(without_secrets "$unpacked")
}

# Copies every secret line (key starting with a dot) of the old file into the new one.
carry_secrets() { # old new
    local line key
    while IFS= read -r line; do
        key=$(sed -n 's/^[[:space:]]*\(\.[^[:space:]=:]*\)[[:space:]]*[=:].*/\1/p' <<< "$line")
        [ -n "$key" ] && put_line "$2" "$key" "$line"
    done < <(grep '^[[:space:]]*\.' "$1" || true)
}

if [ ! -f "$home/.unpacked" ] || [ "$dist" -nt "$home/.unpacked" ]; then
    (
        umask 077 # etc/ holds secrets: no copy of it is ever readable by others
        mkdir -p run
        # Set aside the etc/ of a complete node (or of one this script did not unpack), and the database.
        if [ -f "$home/.unpacked" ] || { [ ! -d "$keep" ] && [ -d "$home/etc" ]; }; then
            rm -rf "$keep.tmp" && mkdir "$keep.tmp"
            cp -pr "$home/etc/." "$keep.tmp/"
            if [ -d "$home/.unpacked-etc" ]; then cp -pr "$home/.unpacked-etc" "$keep.tmp/.unpacked-etc"; fi
            rm -rf "$keep" && mv "$keep.tmp" "$keep"
        fi
        if [ -d "$home/data/derby" ]; then rm -rf run/derby.keep && mv "$home/data/derby" run/derby.keep; fi
        rm -f "$home/.unpacked"

        rm -rf "$home" run/unpack && mkdir -p run/unpack
        tar xzf "$dist" -C run/unpack
        mv run/unpack/souk-distribution-* "$home" && rmdir run/unpack
        put_line "$home/etc/org.souk.gateway.cfg" mode "mode = test"
        mkdir "$home/.unpacked-etc"
        for cfg in "$home"/etc/org.souk.*.cfg "$home"/etc/org.ops4j.datasource-*.cfg; do
            if [ -f "$cfg" ]; then cp -p "$cfg" "$home/.unpacked-etc/"; fi
        done

        if [ -d run/derby.keep ]; then mkdir -p "$home/data" && mv run/derby.keep "$home/data/derby"; fi
        if [ -d "$keep" ]; then
            for old in "$keep"/users.properties "$keep"/host.key "$keep"/org.souk.*.cfg "$keep"/org.ops4j.datasource-*.cfg; do
                [ -f "$old" ] || continue
                name=$(basename "$old")
                if [ "$name" = users.properties ] || [ ! -f "$home/etc/$name" ] || changed "$name"; then
                    cp -p "$old" "$home/etc/$name"
                else
                    carry_secrets "$old" "$home/etc/$name"
                fi
            done
        fi
        touch "$home/.unpacked"
        rm -rf "$keep"
    )
fi

if [ "${1:-}" = server ]; then
    # Tell when the node is ready: GET /api/v1/health answers 200 once every REST resource is published, the
    # database answers and every schema is migrated (a script can poll the same URL; see the README).
    port=$(sed -n 's/^ *org\.osgi\.service\.http\.port *= *\([0-9]*\).*/\1/p' "$home/etc/org.ops4j.pax.web.cfg" 2>/dev/null | head -1 || true)
    health="http://localhost:${port:-8181}/api/v1/health"
    (
        for _ in $(seq 1 180); do
            if curl -fs -o /dev/null "$health"; then echo "Souk is ready: $health"; exit 0; fi
            sleep 1
        done
        echo "Souk is not ready after 180 s: curl $health shows what is missing" >&2
    ) &
fi

export KARAF_EXEC=exec
exec "$home/bin/karaf" "$@"
