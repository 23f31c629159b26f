#!/bin/sh
# make bench: azubimatch's pages under wrk, side by side with libmicrohttpd
# yardsticks on the same machine in the same run: a hello-world, and for each
# list page the very same bytes served from memory with the same thread count
# (the ceiling for that page). Loopback only; every run is bounded in time.
# Prints one table and a summary; figures go into the session notes.
set -eu
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-8s}
CONNS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
# azubimatch's worker threads (config.ini's `threads`, 4 by default); the
# yardsticks get the same number
APP_THREADS=${AZUBIMATCH_THREADS:-4}
HELLO_PID=
APP_PID=
YARD_PID=
WORK=$(mktemp -d)
cleanup() {
    for p in $YARD_PID $HELLO_PID $APP_PID; do kill "$p" 2>/dev/null || true; done
    for p in $YARD_PID $HELLO_PID $APP_PID; do wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# waits up to 5 s for a server to answer on 127.0.0.1:$1
wait_up() {
    i=0
    until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; do
        i=$((i + 1))
        if [ "$i" -ge 50 ]; then echo "bench: nothing answers on port $1" >&2; exit 1; fi
        sleep 0.1
    done
}

DB="$WORK/bench.db"
build/azubimatch migrate --db "$DB" >/dev/null 2>&1
build/azubimatch seed demo --db "$DB" >/dev/null 2>&1
SEED_START=$(date +%s.%N)
build/azubimatch seed synthetic --db "$DB" --companies 20000 --posts 30000 --candidates 100000 --seed 7 >/dev/null 2>&1
SEED_SECONDS=$(awk -v a="$SEED_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
# 60 more accounts so the accounts list has a full page of 50 rows
/usr/bin/python3 bench/fill.py "$DB"

HPORT=$(free_port)
build/bench/hello "$HPORT" "$APP_THREADS" >/dev/null &
HELLO_PID=$!
APORT=$(free_port)
AZUBIMATCH_THREADS=$APP_THREADS build/azubimatch serve --db "$DB" --port "$APORT" >/dev/null 2>"$WORK/serve.log" &
APP_PID=$!
wait_up "$HPORT"
wait_up "$APORT"

COOKIE=$(/usr/bin/python3 bench/login.py "http://127.0.0.1:$APORT")

# The exact bytes of each list page, as the logged-in admin gets them, and
# their Content-Type: what the same-bytes yardstick serves.
# fetch PAGE PATH [ACCEPT]
fetch() {
    fname=$1; path=$2; accept=${3:-}
    meta=$(curl -sS --max-time 10 -o "$WORK/$fname.body" -w '%{http_code} %{content_type}' \
        -H "Cookie: sid=$COOKIE" ${accept:+-H "Accept: $accept"} "http://127.0.0.1:$APORT$path")
    code=${meta%% *}
    if [ "$code" != 200 ] || [ ! -s "$WORK/$fname.body" ]; then
        echo "bench: GET $path ${accept:+($accept) }answered $code" >&2
        exit 1
    fi
    printf '%s\n' "${meta#* }" > "$WORK/$fname.type"
    wc -c < "$WORK/$fname.body" | tr -d ' ' > "$WORK/$fname.bytes"
}
fetch companies_html "/companies?per_page=50"
fetch companies_json "/companies?per_page=50" application/json
fetch posts_html "/posts?per_page=50"
fetch posts_json "/posts?per_page=50" application/json
fetch jobs_html "/jobs?per_page=50"
fetch users_html "/admin/users?per_page=50"
fetch users_json "/admin/users?per_page=50" application/json
# a post and a candidate to match: an open post with free places and an
# active candidate, from the bench database itself
one_id() { /usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$DB" "$1"; }
MATCH_POST=$(one_id "SELECT id FROM posts WHERE status = 'open' AND places_filled < places ORDER BY id LIMIT 1 OFFSET 100")
MATCH_CAND=$(one_id "SELECT id FROM candidates WHERE status = 'active' AND match_opt_out = 0 ORDER BY id LIMIT 1 OFFSET 100")
fetch post_matches_html "/posts/$MATCH_POST/matches?per_page=50"
fetch post_matches_json "/posts/$MATCH_POST/matches?per_page=50" application/json
fetch cand_matches_html "/candidates/$MATCH_CAND/matches?per_page=50"
fetch cand_matches_json "/candidates/$MATCH_CAND/matches?per_page=50" application/json

# wrk's summary lines: Requests/sec and the 99% latency
run() {
    label=$1; url=$2; shift 2
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$@" "$url" 2>&1)
    rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(printf '%s\n' "$out" | awk '$1=="99%" {print $2}')
    non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
    printf '%-34s %12s %10s %s\n' "$label" "$rps" "$p99" "${non2xx:+(non-2xx: $non2xx)}"
    echo "${rps:-0}" > "$WORK/last"
}

# yardstick PAGE LABEL: MHD serving PAGE's saved bytes from memory, one
# process at a time, with azubimatch's thread count and the same wrk settings
yardstick() {
    ypage=$1
    yport=$(free_port)
    build/bench/hello "$yport" "$APP_THREADS" "$WORK/$ypage.body" "$(cat "$WORK/$ypage.type")" >/dev/null &
    YARD_PID=$!
    wait_up "$yport"
    run "$2" "http://127.0.0.1:$yport/"
    kill "$YARD_PID" 2>/dev/null || true
    wait "$YARD_PID" 2>/dev/null || true
    YARD_PID=
}

# run_page PAGE LABEL URL [wrk headers...]: the page, then its yardstick
# (shell functions share variables, so each keeps names of its own)
run_page() {
    page=$1; shift
    run "$@"
    cp "$WORK/last" "$WORK/$page.rps"
    yardstick "$page" "  same bytes from memory"
    cp "$WORK/last" "$WORK/$page.yard"
}

echo "azubimatch bench: wrk -t$THREADS -c$CONNS -d$DURATION on $(nproc) cores, loopback, $APP_THREADS server threads"
printf '%-34s %12s %10s\n' "target" "req/s" "p99"
run "mhd hello-world" "http://127.0.0.1:$HPORT/"
run "GET /healthz (JSON, 1 query)" "http://127.0.0.1:$APORT/healthz"
run "GET / (start page, HTML)" "http://127.0.0.1:$APORT/"
run "GET /static/css/app.css" "http://127.0.0.1:$APORT/static/css/app.css"
run_page companies_html "GET /companies 50 of 20k (HTML)" "http://127.0.0.1:$APORT/companies?per_page=50" -H "Cookie: sid=$COOKIE"
run_page companies_json "GET /companies 50 of 20k (JSON)" "http://127.0.0.1:$APORT/companies?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run "search /companies?q=yilmaz (JSON)" "http://127.0.0.1:$APORT/companies?q=yilmaz&per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
# one client at a time: the latency a caseworker sees for a search
CONNS_SAVED=$CONNS; THREADS_SAVED=$THREADS; CONNS=1; THREADS=1
run "search, one client (p99 = latency)" "http://127.0.0.1:$APORT/companies?q=yilmaz&per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
CONNS=$CONNS_SAVED; THREADS=$THREADS_SAVED
run "filter status+area (JSON)" "http://127.0.0.1:$APORT/companies?training_status=training&area=kreis" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run_page posts_html "GET /posts 50 of 30k (HTML)" "http://127.0.0.1:$APORT/posts?per_page=50" -H "Cookie: sid=$COOKIE"
run_page posts_json "GET /posts 50 of 30k (JSON)" "http://127.0.0.1:$APORT/posts?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run "search /posts?q=kfz (JSON)" "http://127.0.0.1:$APORT/posts?q=kfz&per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run "filter posts status+area+year (JSON)" "http://127.0.0.1:$APORT/posts?status=open&area=kreis&start_year=$(date +%Y)" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run_page jobs_html "GET /jobs 50 open of 30k (HTML)" "http://127.0.0.1:$APORT/jobs?per_page=50"
run "GET /jobs near 63065, 10 km (JSON)" "http://127.0.0.1:$APORT/jobs?plz=63065&km=10" -H "Accept: application/json"
run_page users_html "GET /admin/users 50 rows (HTML)" "http://127.0.0.1:$APORT/admin/users?per_page=50" -H "Cookie: sid=$COOKIE"
run_page users_json "GET /admin/users 50 rows (JSON)" "http://127.0.0.1:$APORT/admin/users?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run_page post_matches_html "post matches 50 of 100k (HTML)" "http://127.0.0.1:$APORT/posts/$MATCH_POST/matches?per_page=50" -H "Cookie: sid=$COOKIE"
run_page post_matches_json "post matches 50 of 100k (JSON)" "http://127.0.0.1:$APORT/posts/$MATCH_POST/matches?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run_page cand_matches_html "candidate matches 50 of 30k (HTML)" "http://127.0.0.1:$APORT/candidates/$MATCH_CAND/matches?per_page=50" -H "Cookie: sid=$COOKIE"
run_page cand_matches_json "candidate matches 50 of 30k (JSON)" "http://127.0.0.1:$APORT/candidates/$MATCH_CAND/matches?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
# one client at a time: the latency a caseworker sees for a match list
CONNS_SAVED=$CONNS; THREADS_SAVED=$THREADS; CONNS=1; THREADS=1
run "post matches, one client (p99 = latency)" "http://127.0.0.1:$APORT/posts/$MATCH_POST/matches?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
run "cand. matches, one client (p99 = latency)" "http://127.0.0.1:$APORT/candidates/$MATCH_CAND/matches?per_page=50" -H "Cookie: sid=$COOKIE" -H "Accept: application/json"
CONNS=$CONNS_SAVED; THREADS=$THREADS_SAVED

# share PAGE: the page's req/s as a percentage of its yardstick's
share() { awk -v p="$(cat "$WORK/$1.rps")" -v y="$(cat "$WORK/$1.yard")" 'BEGIN { printf "%.1f", (y > 0 ? 100 * p / y : 0) }'; }

echo
echo "list pages against MHD serving the same bytes from memory ($APP_THREADS threads)"
printf '%-34s %9s %12s %12s %7s\n' "page" "bytes" "page req/s" "ceiling" "share"
for row in "companies_html|/companies 50 rows (HTML)" "companies_json|/companies 50 rows (JSON)" \
           "posts_html|/posts 50 rows (HTML)" "posts_json|/posts 50 rows (JSON)" "jobs_html|/jobs 50 cards (HTML)" \
           "users_html|/admin/users 50 rows (HTML)" "users_json|/admin/users 50 rows (JSON)" \
           "post_matches_html|post matches 50 rows (HTML)" "post_matches_json|post matches 50 rows (JSON)" \
           "cand_matches_html|cand. matches 50 rows (HTML)" "cand_matches_json|cand. matches 50 rows (JSON)"; do
    page=${row%%|*}; label=${row#*|}
    printf '%-34s %9s %12s %12s %6s%%\n' "$label" "$(cat "$WORK/$page.bytes")" \
        "$(cat "$WORK/$page.rps")" "$(cat "$WORK/$page.yard")" "$(share "$page")"
done
echo
echo "50-row companies list: HTML at $(share companies_html)% of its same-bytes yardstick (target >= 10%), JSON at $(share companies_json)% (target >= 20%)"
echo "seed synthetic (20k companies, 30k posts, 100k candidates): $SEED_SECONDS s (target < 60 s)"
echo
echo "matching in-process (build/bench/match_bench; targets: post < 20 ms, candidate < 10 ms)"
build/bench/match_bench "$DB" 200
echo
echo "peak memory of azubimatch: $(awk '/VmHWM/ {print $2, $3}' /proc/$APP_PID/status)"
