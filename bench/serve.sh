#!/usr/bin/env bash
# Load the web server with wrk: requests/s and p99 for /api/search (mixed queries) and a document page.
#
#   bench/serve.sh                          # the shipped corpus
#   bench/serve.sh bench/out/c10000/corpus  # a corpus from bench/corpus.py (or bench/search.py)
#
# DURATION (default 20s), CONNECTIONS (default 4), KB (default .venv/bin/kb) and KB_INDEX_DIR
# (default bench/out/serve-<corpus path>/index) may be set in the environment. The index is built
# first if needed (not timed); the server listens on 127.0.0.1 only, on a free port, and is
# stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${1:-corpus}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-4}
KB=${KB:-.venv/bin/kb}
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed: apt-get install -y wrk (Debian package wrk)" >&2
  exit 2
fi
if [ ! -x "$KB" ]; then
  echo "no kb command at $KB: run 'make install', or set KB=/path/to/kb" >&2
  exit 2
fi

export KB_CORPUS_DIR=$CORPUS
export KB_INDEX_DIR=${KB_INDEX_DIR:-bench/out/serve-$(echo "$CORPUS" | tr -c 'a-zA-Z0-9\n' '-')/index}
"$KB" build >&2
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT

started=$(date +%s.%N)
"$KB" serve --host 127.0.0.1 --port "$PORT" >/dev/null 2>bench/out/serve.log &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$BASE/api/search?q=RoHS"; do
  kill -0 $SERVER 2>/dev/null || { echo "the server stopped: see bench/out/serve.log" >&2; exit 1; }
  sleep 0.05
done
echo "server ready (first search answered) in $(echo "$(date +%s.%N) - $started" | bc) s"

DOC=$(find "$CORPUS" -name '*.en.md' | sort | head -1 | xargs basename | sed 's/\.en\.md$//')
[ -f "$CORPUS/regulations/rohs.en.md" ] && DOC=rohs
load() {  # label, then wrk's own arguments
  local label=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" \
    | awk -v label="$label" '/Requests\/sec/ {rps = $2} /^ +99%/ {p99 = $2}
                             /Non-2xx/ {bad = $NF} END {printf "%-28s %8s requests/s   p99 %8s%s\n", label, rps, p99, (bad ? "   NON-2xx: " bad : "")}'
}
echo "wrk: $CONNECTIONS connections, $DURATION each, $(nproc) cores"
load "/api/search (distinct)" -s bench/queries.lua "$BASE"
load "/api/search (15, repeated)" -s bench/queries.lua "$BASE" -- repeat
load "/en/$DOC" "$BASE/en/$DOC"
