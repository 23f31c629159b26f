#!/bin/sh
# Installs what azubimatch needs, and only what is still missing: Debian
# packages (as root), then axe-core for the browser tests from the npm
# registry at a pinned version. Called by `make deps`; safe to run again
# (does nothing when all is there).
set -eu
cd "$(dirname "$0")/.."

# Build and run time libraries, then the test and benchmark tools.
PKGS="build-essential pkg-config
libmicrohttpd-dev libsqlite3-dev libjansson-dev libctemplate-dev libsodium-dev
libinih-dev libqrencode-dev liboath-dev libxlsxwriter-dev check tzdata
python3 python3-pytest python3-requests python3-selenium chromium chromium-driver
wrk"

# npm fetches axe-core (below). Debian's npm, unless a Node.js is there that
# brings its own (NodeSource's nodejs provides npm and conflicts with
# Debian's package).
if ! command -v npm >/dev/null 2>&1; then
    PKGS="$PKGS nodejs npm"
fi

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "deps: missing Debian packages:$missing" >&2
        echo "deps: run 'sudo make deps' or install them with apt-get" >&2
        exit 1
    fi
    echo "deps: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
fi

# axe-core, the accessibility rules the browser tests run in every page they
# visit. Debian has no package of it. It lives under build/ (git-ignored),
# is read only by tests/browser, and is never served: the program serves
# static/ alone. Pinned to one exact version, so a new rule release never
# changes what a test run checks; bump it on purpose.
AXE_VERSION=4.14.1
AXE_DIR=build/axe
installed=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$AXE_DIR/node_modules/axe-core/package.json" 2>/dev/null || true)
if [ "$installed" != "$AXE_VERSION" ] || [ ! -s "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
    echo "deps: installing axe-core@$AXE_VERSION from the npm registry into $AXE_DIR"
    mkdir -p "$AXE_DIR"
    if ! npm install --prefix "$AXE_DIR" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
        "axe-core@$AXE_VERSION"; then
        echo "deps: could not install axe-core@$AXE_VERSION with npm; the browser tests need it" >&2
        exit 1
    fi
fi
