#!/usr/bin/env bash
# Reliability under load, against `kb serve` over a copy of the shipped corpus with its own index:
#   (a) LOAD_SECONDS (60) of mixed zh/en /api/search queries on CONNECTIONS (16): requests sent,
#       failed (non-2xx or socket errors), 5xx, and the server's RSS before and after (growth < 10%)
#   (b) `kb build --force` (a full rebuild and swap) while wrk loads the server: no request may fail,
#       and a document added to the corpus copy beforehand, with a word found nowhere else, is
#       found once the new index is swapped in
#   (c) KILLS (8) builds SIGKILLed at random moments under load: after each, searches must still be
#       answered (from the previous index), and a final build must succeed
#
#   bench/reliability.sh                 # KB=/path/to/kb for another kb (default .venv/bin/kb)
#
# Everything listens on 127.0.0.1 only. The corpus copy, the index and the logs are in
# bench/out/reliability/; the server, wrk and any build still running are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

KB=${KB:-.venv/bin/kb}
PY=$(dirname "$KB")/python
LOAD_SECONDS=${LOAD_SECONDS:-60}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
CONNECTIONS=${CONNECTIONS:-16}
KILLS=${KILLS:-8}
PROBE=zorbixtelquan  # the unique word of the document added before the rebuild

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed: apt-get install -y wrk (Debian package wrk)" >&2
  exit 2
fi
if [ ! -x "$KB" ] || [ ! -x "$PY" ]; then
  echo "no kb command (and its python) at $KB: run 'make install', or set KB=/path/to/kb" >&2
  exit 2
fi

WORK=$PWD/bench/out/reliability
rm -rf "$WORK" && mkdir -p "$WORK"
cp -r corpus "$WORK/corpus"
export KB_CORPUS_DIR=$WORK/corpus KB_INDEX_DIR=$WORK/index
echo "building the index of the corpus copy ($(find corpus -name '*.md' | wc -l) files)..."
"$KB" build >"$WORK/build-first.log" 2>&1 || { cat "$WORK/build-first.log" >&2; exit 1; }

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
"$KB" serve --host 127.0.0.1 --port "$PORT" --threads 4 >"$WORK/serve.log" 2>&1 &
SERVER=$!
WRK="" BUILD=""
stop_all() {
  for pid in $WRK $BUILD $SERVER; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER/status"; }

total_for() {  # the number of results /api/search gives for $1 (fails if the request does)
  curl -sf --max-time 10 -G "$BASE/api/search" --data-urlencode "q=$1" -d lang=en \
    | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["total"])' 2>/dev/null
}

start_load() {  # wrk in the background until stop_load; its report goes to $1
  wrk -t2 -c"$CONNECTIONS" -d"${2:-3600}s" --timeout 5s -s bench/reliability.lua "$BASE" >"$1" 2>&1 &
  WRK=$!
}

stop_load() {
  kill -INT "$WRK" 2>/dev/null || true
  wait "$WRK" || true
  WRK=""
}

PROBLEMS=()
report() {  # print "label: requests ..., failed ..., 5xx ..." from a wrk report; a failure is a problem
  local requests non2xx fivexx socket p50 p99
  read -r requests non2xx fivexx socket p50 p99 < <(sed -n "s/^RESULT requests=\([0-9]*\) non2xx=\([0-9]*\) \
status5xx=\([0-9]*\) socket_errors=\([0-9]*\) p50_ms=\([0-9]*\) p99_ms=\([0-9]*\)/\1 \2 \3 \4 \5 \6/p" "$1")
  printf "%s: %d requests, %d failed (%d non-2xx, %d socket errors), %d 5xx, p50 %d ms, p99 %d ms\n" \
    "$2" "$requests" $((non2xx + socket)) "$non2xx" "$socket" "$fivexx" "$p50" "$p99"
  [ $((non2xx + socket)) -eq 0 ] || PROBLEMS+=("$2: $((non2xx + socket)) failed requests")
}

expect() {  # expect CONDITION... -- PROBLEM: record PROBLEM unless the test command succeeds
  local problem=${*: -1}
  "${@:1:$#-1}" || PROBLEMS+=("$problem")
}

seconds_since() { "$PY" -c "import sys, time; print(f'{time.time() - float(sys.argv[1]):.1f}')" "$1"; }

started=$(date +%s.%N)
until curl -sf -o /dev/null --max-time 5 "$BASE/api/search?q=RoHS"; do
  kill -0 "$SERVER" 2>/dev/null || { echo "the server stopped: see $WORK/serve.log" >&2; exit 1; }
  [ "$(seconds_since "$started" | cut -d. -f1)" -lt 120 ] || { echo "the server never answered" >&2; exit 1; }
  sleep 0.1
done
echo "kb serve (pid $SERVER) on $BASE; $(nproc) cores; wrk: $CONNECTIONS connections, 2 threads, 5 s timeout"

# -- (a) load ---------------------------------------------------------------------------------
rss_cold=$(rss_kb)
start_load "$WORK/wrk-warmup.txt" "$WARMUP_SECONDS" && wait "$WRK" && WRK=""
rss_start=$(rss_kb)
start_load "$WORK/wrk-load.txt" "$LOAD_SECONDS" && wait "$WRK" && WRK=""
rss_end=$(rss_kb)
echo
echo "(a) load, $LOAD_SECONDS s after a $WARMUP_SECONDS s warm-up"
report "$WORK/wrk-load.txt" "    /api/search"
awk -v cold="$rss_cold" -v a="$rss_start" -v b="$rss_end" 'BEGIN {
  printf "    server RSS: %.1f MB when ready, %.1f MB after warm-up, %.1f MB at the end: growth %+.1f%% (target < 10%%)\n",
         cold / 1024, a / 1024, b / 1024, (b - a) * 100 / a }'
expect [ $(( (rss_end - rss_start) * 100 )) -lt $(( rss_start * 10 )) ] "(a) RSS grew by 10% or more"

# -- (b) rebuild under load -------------------------------------------------------------------
for lang in en zh; do
  cat >"$WORK/corpus/terms/reliability-probe.$lang.md" <<EOF
---
id: reliability-probe
lang: $lang
type: term
title: Reliability probe $lang
sources:
  - title: bench/reliability.sh
    url: https://example.org/reliability
---
The word $PROBE appears on this page only, so a search finds it only in an index built after it was added.
EOF
done
found_before=$(total_for "$PROBE")
start_load "$WORK/wrk-rebuild.txt"
sleep 3
build_started=$(date +%s.%N)
build_status=0
"$KB" build --force >"$WORK/build-rebuild.log" 2>&1 || build_status=$?
rebuild_seconds=$(seconds_since "$build_started")
sleep 3
found_after=$(total_for "$PROBE" || echo "request failed")
stop_load
echo
echo "(b) kb build --force under load: exit $build_status in $rebuild_seconds s"
report "$WORK/wrk-rebuild.txt" "    /api/search during the rebuild"
echo "    '$PROBE' (added before the rebuild): $found_before result(s) before, $found_after after the swap"
expect [ "$build_status" = 0 ] "(b) the rebuild failed (exit $build_status)"
expect [ "$found_before/$found_after" = 0/1 ] "(b) answers did not switch to the new index"

# -- (c) builds killed at random moments --------------------------------------------------------
kill_max=$(awk -v s="$rebuild_seconds" 'BEGIN {print (s > 3 ? s : 3)}')
killed=0 finished=0 lost=0 searches=0 failed_searches=0
start_load "$WORK/wrk-kills.txt"
for i in $(seq 1 "$KILLS"); do
  delay=$(awk -v r="$RANDOM" -v max="$kill_max" 'BEGIN {printf "%.2f", 0.2 + r / 32767 * (max - 0.2)}')
  "$KB" build --force >"$WORK/build-killed-$i.log" 2>&1 &
  BUILD=$!
  sleep "$delay"
  if kill -0 "$BUILD" 2>/dev/null; then
    kill -KILL "$BUILD" && killed=$((killed + 1)) && what="killed after $delay s"
  else
    finished=$((finished + 1)) && what="finished before its kill at $delay s"
  fi
  wait "$BUILD" 2>/dev/null || true
  BUILD=""
  this_lost=0
  for q in RoHS 回收 "$PROBE"; do
    searches=$((searches + 1))
    n=$(total_for "$q" || echo 0)
    if [ "$n" -eq 0 ]; then failed_searches=$((failed_searches + 1)) this_lost=1; fi
  done
  lost=$((lost + this_lost))
  echo "    build $i $what; searches after it: $([ $this_lost -eq 0 ] && echo ok || echo FAILED)"
done
final_status=0
"$KB" build --force >"$WORK/build-final.log" 2>&1 || final_status=$?
final_found=$(total_for "$PROBE" || echo "request failed")
stop_load
leftovers=$(find "$WORK/index" -maxdepth 1 -name 'tmp-*' | wc -l)
echo
echo "(c) $KILLS builds started, SIGKILLed after 0.2-$kill_max s: $killed killed, $finished finished before their kill"
echo "    indexes lost (a search failing or finding nothing after a kill): $lost; searches $searches, failed $failed_searches"
report "$WORK/wrk-kills.txt" "    /api/search meanwhile"
echo "    final kb build --force: exit $final_status; '$PROBE' found $final_found time(s); tmp-* dirs left: $leftovers"
expect [ "$lost/$final_status/$final_found/$leftovers" = 0/0/1/0 ] "(c) an index was lost, or the final build failed"

echo
if [ ${#PROBLEMS[@]} -eq 0 ]; then
  echo "PASS: no failed request, no 5xx, no index lost"
else
  printf 'FAIL: %s\n' "${PROBLEMS[@]}"
  exit 1
fi
