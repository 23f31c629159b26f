#!/bin/sh
# make bench: azubimatch's pages under wrk, side by side with a libmicrohttpd
# hello-world on the same machine in the same run. Loopback only; every run
# is bounded in time. Prints one table; figures go into the session notes.
set -eu
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-8s}
CONNS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WORK=$(mktemp -d)
trap 'kill $HELLO_PID $APP_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT INT TERM
HELLO_PID=
APP_PID=

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

DB="$WORK/bench.db"
build/azubimatch migrate --db "$DB" >/dev/null 2>&1
build/azubimatch seed demo --db "$DB" >/dev/null 2>&1
build/azubimatch seed synthetic --db "$DB" --companies 20000 --seed 7 >/dev/null 2>&1
# 60 more accounts so the accounts list has a full page of 50 rows
/usr/bin/python3 bench/fill.py "$DB"

HPORT=$(free_port)
build/bench/hello "$HPORT" 4 >/dev/null &
HELLO_PID=$!
APORT=$(free_port)
build/azubimatch serve --db "$DB" --port "$APORT" >/dev/null 2>"$WORK/serve.log" &
APP_PID=$!
sleep 1

COOKIE=$(/usr/bin/python3 bench/login.py "http://127.0.0.1:$APORT")

# wrk's summary lines: Requests/sec and the 99% latency
run() {
    name=$1; url=$2; shift 2
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" "$url" 2>&1)
    rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(printf '%s\n' "$out" | awk '$1=="99%" {print $2}')
    non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
    printf '%-34s %12s %10s %s\n' "$name" "$rps" "$p99" "${non2xx:+(non-2xx: $non2xx)}"
    echo "$rps" > "$WORK/last"
}

echo "azubimatch bench: wrk -t$THREADS -c$CONNS -d$DURATION on $(nproc) cores, loopback"
printf '%-34s %12s %10s\n' "target" "req/s" "p99"
run "mhd hello-world" "http://127.0.0.1:$HPORT/"
HELLO=$(cat "$WORK/last")
run "GET /healthz (JSON, 1 query)" "http://127.0.0.1:$APORT/healthz"
run "GET / (start page, HTML)" "http://127.0.0.1:$APORT/"
run "GET /static/css/app.css" "http://127.0.0.1:$APORT/static/css/app.css"
run "GET /companies 50 of 20k (HTML)" "http://127.0.0.1:$APORT/companies?per_page=50" -H "Cookie: sid=$COOKIE"
LIST=$(cat "$WORK/last")
run "GET /companies 50 of 20k (JSON)" "http://127.0.0.1:$APORT/companies?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run "search /companies?q=yilmaz (JSON)" "http://127.0.0.1:$APORT/companies?q=yilmaz&per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
# one client at a time: the latency a caseworker sees for a search
CONNS_SAVED=$CONNS; THREADS_SAVED=$THREADS; CONNS=1; THREADS=1
run "search, one client (p99 = latency)" "http://127.0.0.1:$APORT/companies?q=yilmaz&per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
CONNS=$CONNS_SAVED; THREADS=$THREADS_SAVED
run "filter status+area (JSON)" "http://127.0.0.1:$APORT/companies?training_status=training&area=kreis" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run "GET /admin/users 50 rows (HTML)" "http://127.0.0.1:$APORT/admin/users?per_page=50" -H "Cookie: sid=$COOKIE"
run "GET /admin/users 50 rows (JSON)" "http://127.0.0.1:$APORT/admin/users?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
/usr/bin/python3 -c "h=float('$HELLO' or 0); l=float('$LIST' or 0); print('50-row companies HTML list at %.0f%% of hello-world (target: 35%% or more)' % (100*l/h if h else 0))"
echo "peak memory of azubimatch: $(awk '/VmHWM/ {print $2, $3}' /proc/$APP_PID/status)"
