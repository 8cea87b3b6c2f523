#!/usr/bin/env bash
# Start time and idle memory of the whole stack, measured the same way for any app host:
#   bench/stack-usage.sh [--port N]... [--settle S] [--ready REGEX] [-- command ...]
# Runs the command (default: ./caremesh up) in a session of its own, takes the time until its output
# says every resource is healthy, lets it idle for --settle seconds (default 20), then sums the
# resident memory of every process the command started (its process tree and its session) and of
# every process listening on a --port given (with its children: a server started outside the tree,
# e.g. PostgreSQL and RabbitMQ when the app host only connects to them). SIGTERM then stops
# the command; the time until every process counted has ended, its exit code and any process left behind are printed. (SIGTERM,
# not SIGINT: a background job of a script ignores SIGINT.)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ports=()
settle=20
# The app host prints this line once every resource is healthy.
ready='All [0-9]+ resources are healthy'
while [ $# -gt 0 ]; do
  case "$1" in
    --port) ports+=("$2"); shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --ready) ready=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--port N]... [--settle S] [--ready REGEX] [-- command ...]" >&2; exit 2 ;;
  esac
done
[ $# -gt 0 ] || set -- "$ROOT/caremesh" up

log=$(mktemp)
start=$(date +%s.%N)
setsid "$@" >"$log" 2>&1 &
root=$!
sid=$root

cleanup() { kill -0 "$root" 2>/dev/null && kill -TERM "$root" 2>/dev/null; rm -f "$log"; }
trap cleanup EXIT

until grep -Eq "$ready" "$log"; do
  if ! kill -0 "$root" 2>/dev/null; then echo "the command ended before it was ready:" >&2; tail -40 "$log" >&2; exit 1; fi
  if (( $(date +%s) - ${start%.*} > 300 )); then echo "not ready within 300 s:" >&2; tail -40 "$log" >&2; exit 1; fi
  sleep 0.2
done
ready_at=$(date +%s.%N)
printf 'up to all healthy: %.1f s\n' "$(echo "$ready_at - $start" | bc)"

sleep "$settle"

descendants() { # every process below $1, $1 included
  local queue=("$1") pid
  while [ ${#queue[@]} -gt 0 ]; do
    pid=${queue[0]}; queue=("${queue[@]:1}")
    echo "$pid"
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do queue+=("$child"); done
  done
}

# Aspire's orchestrator (DCP) detaches from the app host; it names the app host it serves (--monitor <pid>).
tree_and_orchestrator() {
  local tree; tree=$(descendants "$root")
  echo "$tree"
  for pid in $tree; do
    for dcp in $(pgrep -f -- "--monitor $pid( |$)" || true); do descendants "$dcp"; done
  done
}

pids=$( {
  tree_and_orchestrator
  ps -o pid= -s "$sid" 2>/dev/null || true
  for port in "${ports[@]}"; do
    for listener in $(ss -ltnpH "sport = :$port" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u); do descendants "$listener"; done
  done
} | tr -d ' ' | sort -un)

total=0
printf '%-10s %8s  %s\n' pid "RSS MiB" command
for pid in $pids; do
  rss=$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ') || continue
  [ -n "$rss" ] || continue
  total=$((total + rss))
  printf '%-10s %8.1f  %s\n' "$pid" "$(echo "$rss / 1024" | bc -l)" "$(ps -o args= -p "$pid" | cut -c1-110)"
done
printf 'idle stack RSS after %s s: %.2f GiB (%d processes)\n' "$settle" "$(echo "$total / 1048576" | bc -l)" "$(echo "$pids" | wc -w)"

tree=$(tree_and_orchestrator | sort -un | tr '\n' ' ')
alive() { for pid in $tree; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }
stop_start=$(date +%s.%N)
kill -TERM "$root"
status=0
code=0; wait "$root" 2>/dev/null || code=$?
for _ in $(seq 1 120); do alive || break; sleep 0.5; done
printf 'stopped in %.1f s (every process counted ended), exit code %s\n' "$(echo "$(date +%s.%N) - $stop_start" | bc)" "$code"
left=$( { ps -o pid=,args= -s "$sid" 2>/dev/null; for pid in $tree; do ps -o pid=,args= -p "$pid" 2>/dev/null; done; } | sort -u || true)
if [ -n "$left" ]; then echo "left running:"; echo "$left"; status=1; fi
exit "$status"
