#!/bin/sh
# Installs the Debian packages azubimatch needs, and only those still missing.
# Called by `make deps`; safe to run again (does nothing when all are there).
set -eu

# Build and run time libraries, then the test and benchmark tools.
PKGS="build-essential pkg-config
libmicrohttpd-dev libsqlite3-dev libjansson-dev libctemplate-dev libsodium-dev
libinih-dev libqrencode-dev liboath-dev libxlsxwriter-dev check tzdata
python3 python3-pytest python3-requests python3-selenium chromium chromium-driver
wrk"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

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
