#!/usr/bin/env bash
# Builds Souk if the sources changed since the last build, then starts it with its console.
#   ./run.sh           Karaf console in this terminal (type souk:orders, souk:providers, ...)
#   ./run.sh server    no console: for running in the background
# The REST API listens on http://localhost:8181/api/v1, SSH console on port 8101 (user admin; the first
# start generates its password, the token and webhook secrets into run/souk/etc/ and prints the password).
# Orders, gigs and payments live in run/souk/data/derby and survive restarts and rebuilds, and so do the
# logins and secrets of run/souk/etc/.
set -euo pipefail
cd "$(dirname "$0")"

dist=$(ls karaf-distribution/target/souk-distribution-*.tar.gz 2>/dev/null | head -1 || true)
if [ -z "$dist" ] || [ -n "$(find pom.xml bundles providers features karaf-distribution -newer "$dist" -type f -not -path '*/target/*' -print -quit)" ]; then
    echo "Building Souk (tests skipped; run 'mvn -B -ntp install' for those)..."
    mvn -B -ntp -q install -DskipTests
    dist=$(ls karaf-distribution/target/souk-distribution-*.tar.gz | head -1)
fi

home=run/souk

# Copies a secret's value from the previous run/souk/etc into the fresh one, where it ships empty.
keep_secret() {
    local old="run/etc.keep/$1" new="$home/etc/$1" line
    [ -f "$old" ] && [ -f "$new" ] || return 0
    line=$(grep -E "^[[:space:]]*${2//./\\.}[[:space:]]*[=:]" "$old" | tail -1) || return 0
    KEY="$2" LINE="$line" awk '{ k = ENVIRON["KEY"]; line = ENVIRON["LINE"]; l = $0; sub(/^[ \t]+/, "", l); r = substr(l, length(k) + 1); sub(/^[ \t]+/, "", r)
        if (!done && index(l, k) == 1 && (substr(r, 1, 1) == "=" || substr(r, 1, 1) == ":")) { print line; done = 1; next }
        print } END { if (!done) print line }' "$new" > "$new.tmp"
    chmod 600 "$new.tmp" && mv "$new.tmp" "$new"
}

if [ ! -f "$home/.unpacked" ] || [ "$dist" -nt "$home/.unpacked" ]; then
    mkdir -p run
    # Keep the database, the logins and the secrets across rebuilds; the rest comes fresh from the new
    # distribution (whose etc/ files carry no secrets: bin/setenv fills in what is still empty).
    [ -d "$home/data/derby" ] && rm -rf run/derby.keep && mv "$home/data/derby" run/derby.keep
    rm -rf run/etc.keep
    [ -d "$home/etc" ] && cp -p -r "$home/etc" run/etc.keep
    rm -rf "$home" run/unpack && mkdir -p run/unpack
    tar xzf "$dist" -C run/unpack
    mv run/unpack/souk-distribution-* "$home" && rmdir run/unpack
    if [ -d run/derby.keep ]; then mkdir -p "$home/data" && mv run/derby.keep "$home/data/derby"; fi
    if [ -d run/etc.keep ]; then
        [ -f run/etc.keep/users.properties ] && cp -p run/etc.keep/users.properties "$home/etc/users.properties"
        keep_secret org.souk.auth.cfg .secret
        keep_secret org.souk.provider.sandbox.cfg .webhook.secret
        for cfg in run/etc.keep/org.souk.provider.*.cfg; do
            # Provider configurations written by hand (bank transfer, YouCanPay, PayPal) are kept whole.
            [ -f "$cfg" ] && [ ! -f "$home/etc/$(basename "$cfg")" ] && cp -p "$cfg" "$home/etc/"
        done
        rm -rf run/etc.keep
    fi
    touch "$home/.unpacked"
fi

export KARAF_EXEC=exec
exec "$home/bin/karaf" "$@"
