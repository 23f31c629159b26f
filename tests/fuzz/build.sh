#!/bin/sh
# Builds the fuzz harnesses into build/fuzz/ (run from the repository root,
# after `make build/san/azubimatch`, which makes the sanitized objects).
#   sh tests/fuzz/build.sh          gcc: harness + driver.c + build/san objects
#   sh tests/fuzz/build.sh clang    clang libFuzzer: harness + the sources themselves
set -eu
CC=${CC:-cc}
CFLAGS="-std=c17 -Wall -Wextra -Werror -D_GNU_SOURCE -Isrc -g"
SAN="-O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
PKG_CFLAGS=$(pkg-config --cflags jansson libmicrohttpd sqlite3 libsodium inih)
LIBS="$(pkg-config --libs jansson libmicrohttpd sqlite3 libsodium inih) -lm -lpthread"

# harness: the units it needs (src/core/NAME, or app/NAME for src/app/NAME)
objs() {
    case $1 in
    json_body) echo body text buf ;;
    text)      echo text ;;
    router)    echo router ;;
    fold)      echo fold buf text ;;
    negotiate) echo i18n ;;
    config)    echo config ;;
    forwarded) echo text ;;
    namekey)   echo app/namekey buf ;;
    formtoken) echo formtoken ;;
    publiclink) echo publiclink secret text buf ;;
    esac
}
# a unit's path below src/: core/ unless it names its folder
unit() { case $1 in */*) echo "$1" ;; *) echo "core/$1" ;; esac; }
HARNESSES="json_body text router fold negotiate config forwarded namekey formtoken publiclink"

mkdir -p build/fuzz
for h in $HARNESSES; do
    if [ "${1:-}" = clang ]; then
        srcs=$(for u in $(objs $h); do printf ' src/%s.c' "$(unit "$u")"; done)
        set -x
        clang $CFLAGS -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $PKG_CFLAGS \
            tests/fuzz/fuzz_$h.c $srcs $LIBS -o build/fuzz/libfuzzer_$h
    else
        objs=$(for u in $(objs $h); do printf ' build/san/src/%s.o' "$(unit "$u")"; done)
        set -x
        $CC $CFLAGS $SAN $PKG_CFLAGS tests/fuzz/fuzz_$h.c tests/fuzz/driver.c $objs $LIBS -o build/fuzz/fuzz_$h
    fi
    { set +x; } 2>/dev/null
done
