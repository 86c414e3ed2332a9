#!/bin/sh
# The TypeScript client is built with Node and npm: Debian's packages. Finds them, or installs them when the
# build runs as root (as CI does); otherwise says how to get them and fails.
set -eu
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    echo "Node $(node --version) and npm $(npm --version) for the TypeScript client"
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's nodejs and npm packages for the TypeScript client"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q nodejs npm >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q nodejs npm >/dev/null; }
    echo "Node $(node --version) and npm $(npm --version) for the TypeScript client"
    exit 0
fi
echo "The TypeScript client needs Node 18 or newer and npm: install Debian's packages (sudo apt-get install nodejs npm)." >&2
exit 1
