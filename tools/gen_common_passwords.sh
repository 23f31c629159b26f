#!/bin/sh
# Re-derives data/common-passwords.txt from the npm tarball of
# @zxcvbn-ts/language-common 4.1.3 (MIT licence, see
# data/common-passwords.README.md and data/common-passwords.LICENSE).
#
# Usage: tools/gen_common_passwords.sh TARBALL [OUTPUT]
#   TARBALL  language-common-4.1.3.tgz (npm pack @zxcvbn-ts/language-common@4.1.3)
#   OUTPUT   file to write; standard output when omitted
#
# Check the shipped file:
#   tools/gen_common_passwords.sh language-common-4.1.3.tgz | cmp - data/common-passwords.txt
#
# A maintainer's tool only: the build never runs it. POSIX sh plus tar with
# gzip support (-z); sha256sum, where present, checks the tarball.
set -eu

MAX_ENTRIES=20000
MEMBER=package/src/passwords.json
EXPECTED_SHA256=bf3027c16c069d7877e25dc8751bc819e10e479afcc5ee1a323eb2ab73129ca9

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
    echo "usage: $0 TARBALL [OUTPUT]" >&2
    exit 2
fi
tarball=$1
[ -r "$tarball" ] || { echo "$0: cannot read $tarball" >&2; exit 1; }

# Same bytes, same result: C locale for every tool below.
LC_ALL=C
export LC_ALL

if command -v sha256sum >/dev/null 2>&1; then
    sum=$(sha256sum < "$tarball" | cut -d' ' -f1)
    if [ "$sum" != "$EXPECTED_SHA256" ]; then
        echo "$0: sha256 of $tarball is $sum, expected $EXPECTED_SHA256" >&2
        echo "$0: (set ALLOW_OTHER_TARBALL=1 to derive from it anyway)" >&2
        [ "${ALLOW_OTHER_TARBALL:-0}" = 1 ] || exit 1
    fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

tar -xzOf "$tarball" "$MEMBER" > "$tmp/passwords.json"

# The member is one JSON array of strings, written by upstream's generator as
# ["a","b",...] with no whitespace. Accept it only without backslashes (so no
# escapes and hence no '"' inside a string); then every '"' is a delimiter,
# and splitting on '"' gives '[' , a , ',' , b , ... , ']': the strings are at
# the even positions, and the odd positions must be exactly '[', ',' and ']'.
if grep -q '[\\]' "$tmp/passwords.json"; then
    echo "$0: $MEMBER has JSON escapes; this script does not decode them" >&2
    exit 1
fi
tr '"' '\n' < "$tmp/passwords.json" | awk -v max="$MAX_ENTRIES" '
    NR % 2 == 1 {
        if (NR == 1) { if ($0 != "[") bad = 1 }
        else if ($0 != "," && $0 != "]") bad = 1
        if (bad) { printf "unexpected JSON structure at token %d\n", NR > "/dev/stderr"; exit 1 }
        last = $0
        next
    }
    {
        total++
        s = tolower($0)                       # C locale: ASCII A-Z only
        if (s ~ /^[ ]*$/) next                # empty or spaces only
        if (s ~ /[^ -~]/) next                # outside printable ASCII
        if (s in seen) next                   # keep first (most frequent)
        seen[s] = 1
        if (kept < max) { print s; kept++ }
    }
    END {
        if (bad) exit 1
        if (last != "]") { print "JSON array not closed" > "/dev/stderr"; exit 1 }
        if (kept < 10000) { printf "only %d entries\n", kept > "/dev/stderr"; exit 1 }
        printf "%d strings in the source, %d written\n", total, kept > "/dev/stderr"
    }' > "$tmp/out.txt"

if [ "$#" -eq 2 ]; then
    mv "$tmp/out.txt" "$2"
else
    cat "$tmp/out.txt"
fi
