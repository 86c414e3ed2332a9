#!/bin/sh
# The browser test (ApiDocsIT) drives a headless Chromium: Debian's package. Finds it, or installs it when
# the build runs as root (as CI does); otherwise says how to get it and fails.
set -eu
find_chromium() {
    for name in chromium chromium-browser google-chrome; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}
if path=$(find_chromium); then
    echo "Chromium for the browser test: $path"
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium package for the browser test"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
    path=$(find_chromium) || { echo "chromium was installed but is not on the PATH" >&2; exit 1; }
    echo "Chromium for the browser test: $path"
    exit 0
fi
echo "The browser test (ApiDocsIT) needs Chromium: install Debian's package (sudo apt-get install chromium)," >&2
echo "or skip the integration tests with -DskipITs." >&2
exit 1
