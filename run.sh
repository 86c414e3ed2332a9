#!/usr/bin/env bash
# Builds Souk if the sources changed since the last build, then starts it with its console.
#   ./run.sh           Karaf console in this terminal (type souk:orders, souk:providers, ...)
#   ./run.sh server    no console: for running in the background
# The REST API listens on http://localhost:8181/api/v1, SSH console on port 8101 (admin/admin).
# Orders, gigs and payments live in run/souk/data/derby and survive restarts and rebuilds.
set -euo pipefail
cd "$(dirname "$0")"

dist=$(ls karaf-distribution/target/souk-distribution-*.tar.gz 2>/dev/null | head -1 || true)
if [ -z "$dist" ] || [ -n "$(find pom.xml bundles providers features karaf-distribution -newer "$dist" -type f -not -path '*/target/*' -print -quit)" ]; then
    echo "Building Souk (tests skipped; run 'mvn -B -ntp install' for those)..."
    mvn -B -ntp -q install -DskipTests
    dist=$(ls karaf-distribution/target/souk-distribution-*.tar.gz | head -1)
fi

home=run/souk
if [ ! -f "$home/.unpacked" ] || [ "$dist" -nt "$home/.unpacked" ]; then
    mkdir -p run
    # Keep the database across rebuilds; everything else comes fresh from the new distribution.
    [ -d "$home/data/derby" ] && rm -rf run/derby.keep && mv "$home/data/derby" run/derby.keep
    rm -rf "$home" run/unpack && mkdir -p run/unpack
    tar xzf "$dist" -C run/unpack
    mv run/unpack/souk-distribution-* "$home" && rmdir run/unpack
    if [ -d run/derby.keep ]; then mkdir -p "$home/data" && mv run/derby.keep "$home/data/derby"; fi
    touch "$home/.unpacked"
fi

export KARAF_EXEC=exec
exec "$home/bin/karaf" "$@"
