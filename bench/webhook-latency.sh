#!/usr/bin/env bash
# Webhook event-to-delivery latency on the local runtime (issue 4, Performance): starts
# meridian-local.jar --ephemeral on free loopback ports, registers K webhooks per region (push +
# replicated) on a loopback receiver, pushes N small images to eastus and reports p50/p99 for
# push (origin), push (peers) and replicated. Not a test: the target (p50 < 200 ms) is printed.
#
#   bench/webhook-latency.sh [--pushes N] [--webhooks K] [--interval-ms MS] [--update-doc]
#
# --update-doc replaces the "## Webhook delivery latency" section at the end of
# docs/benchmarks.md (appends it when absent); without it the section is printed.
# Env: MERIDIAN_JAR (default functions/local/target/meridian-local.jar), MERIDIAN_JAVA_OPTS,
# BENCH_KEEP=1 keeps the work dir (runtime log, every arrival as JSON).
# Bounded: the runtime gets 180 s to start, the receiver waits at most 600 s after the last push,
# the runtime is stopped on exit. Only 127.0.0.1 is contacted.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# The runtime is secure by default: its admin password, for the clients below (bench/lib/bench_auth.py).
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-bench-$RANDOM$RANDOM$RANDOM}
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
DOC=$ROOT/docs/benchmarks.md
PUSHES=1000
WEBHOOKS=3
INTERVAL_MS=0
UPDATE_DOC=0
COMMAND="bench/webhook-latency.sh${*:+ $*}"

while [[ $# -gt 0 ]]; do
  case $1 in
    --pushes) PUSHES=$2; shift 2 ;;
    --webhooks) WEBHOOKS=$2; shift 2 ;;
    --interval-ms) INTERVAL_MS=$2; shift 2 ;;
    --update-doc) UPDATE_DOC=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in java python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/meridian-webhook-bench.XXXXXX")
PID=
log() { echo "[webhook-latency $(date +%H:%M:%S)] $*" >&2; }
cleanup() {
  if [[ -n $PID ]] && kill "$PID" 2>/dev/null; then  # SIGTERM, SIGKILL after 15 s
    for _ in $(seq 150); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

if [[ ! -f $JAR ]]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl functions/local -am)
fi

PORT=$(python3 "$ROOT/bench/lib/ports.py" 4)
# shellcheck disable=SC2086 # MERIDIAN_JAVA_OPTS is a word list on purpose
java ${MERIDIAN_JAVA_OPTS:-} -jar "$JAR" --ephemeral --port "$PORT" > "$WORK/ready.txt" 2> "$WORK/meridian.log" &
PID=$!
for _ in $(seq 900); do  # up to 180 s
  grep -q '^ready global ' "$WORK/ready.txt" && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.2
done
if ! grep -q '^ready global ' "$WORK/ready.txt"; then
  tail -50 "$WORK/meridian.log" >&2; echo "the runtime did not print 'ready global ...'" >&2; exit 1
fi
REGION_ARGS=()
while read -r _ name url; do
  [[ $name == global ]] || REGION_ARGS+=(--region "$name=$url")
done < "$WORK/ready.txt"
log "runtime ready: ${REGION_ARGS[*]}"

MACHINE="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average at start $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
status=0
python3 "$ROOT/bench/webhook-latency.py" "${REGION_ARGS[@]}" --origin eastus \
  --pushes "$PUSHES" --webhooks "$WEBHOOKS" --interval-ms "$INTERVAL_MS" \
  --json "$WORK/arrivals.json" --markdown "$WORK/section.md" \
  --command "$COMMAND" --machine "$MACHINE" > "$WORK/result.json" || status=$?
cat "$WORK/result.json" >&2

if [[ -f $WORK/section.md ]]; then
  if ((UPDATE_DOC)); then
    python3 - "$DOC" "$WORK/section.md" <<'PY'
import sys
doc, section = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
head = "## Webhook delivery latency"
at = text.find("\n" + head + "\n")
text = (text if at < 0 else text[:at]).rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
open(doc, "w").write(text)
PY
    log "updated the '## Webhook delivery latency' section of $DOC"
  else
    cat "$WORK/section.md"
  fi
fi
exit "$status"
