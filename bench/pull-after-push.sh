#!/usr/bin/env bash
# Pull after push (issue 24): time from "push completed in region A" until a client has pulled
# the image completely from region B, with onMiss `report` (the client retries on Retry-After)
# and with onMiss `fetch` (read-through), twice: with S3 notifications delivered, and with every
# notification dropped (--fault-drop 1, reconcile an hour away), where B learns of the push only
# on a miss. Writes the "Pull after push" section of docs/benchmarks.md.
#
#   bench/pull-after-push.sh [--pushes N] [--lost-pushes N] [--layers-mib 1,4] [--out FILE]
#
# Env: MERIDIAN_JAVA_OPTS, MERIDIAN_JAR (default functions/local/target/meridian-local.jar),
# BENCH_KEEP=1 keeps the work dir. The client is bench/lib/pull_after_push.py (see its header).
# Bounded: fixed push counts, 60 s cap per pull, each server stopped on exit; 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-bench-$RANDOM$RANDOM$RANDOM}
LIB=$ROOT/bench/lib
PUSHES=10
LOST_PUSHES=5
LAYERS=1,4
OUT=$ROOT/docs/benchmarks.md
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
COMMAND="bench/pull-after-push.sh $*"

while [[ $# -gt 0 ]]; do
  case $1 in
    --pushes) PUSHES=$2; shift 2 ;;
    --lost-pushes) LOST_PUSHES=$2; shift 2 ;;
    --layers-mib) LAYERS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in java python3 timeout; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/meridian-pap.XXXXXX")
PID=
log() { echo "[pull-after-push $(date +%H:%M:%S)] $*" >&2; }
stop_server() {
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
  PID=
}
cleanup() {
  stop_server
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

if [[ ! -f $JAR ]]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl functions/local -am)
fi

# run LABEL PUSHES FLAGS...: one runtime with FLAGS, PUSHES pushes per mode, result in WORK/LABEL.json
run() {
  local label=$1 pushes=$2; shift 2
  local port log=$WORK/$label.log
  port=$(python3 "$LIB/ports.py" 8)
  # shellcheck disable=SC2086 # word lists on purpose
  java ${MERIDIAN_JAVA_OPTS:-} -XX:+UseG1GC -jar "$JAR" --ephemeral --port "$port" "$@" > "$log" 2>&1 &
  PID=$!
  for _ in $(seq 900); do
    grep -q '^ready global ' "$log" && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
  local a b
  a=$(awk '$1 == "ready" && $2 == "eastus" { print $3 }' "$log")
  b=$(awk '$1 == "ready" && $2 == "westeurope" { print $3 }' "$log")
  if [[ -z $a || -z $b ]]; then tail -50 "$log" >&2; echo "regions not ready" >&2; exit 1; fi
  log "$label: A=eastus $a B=westeurope $b, flags: $*"
  (cd "$LIB" && timeout $((pushes * 2 * 75 + 60)) python3 pull_after_push.py "$a" "$b" "$pushes" \
    "$WORK/$label.json" --label "$label" --layers-mib "$LAYERS")
  stop_server
}

run delivered "$PUSHES"
run lost "$LOST_PUSHES" --fault-seed 7 --fault-drop 1 --reconcile-interval 3600

python3 - "$WORK/delivered.json" "$WORK/lost.json" "$OUT" "$COMMAND" <<'PY'
import datetime, json, os, re, sys
delivered, lost = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
out, command = sys.argv[3], sys.argv[4]
load = " ".join(open("/proc/loadavg").read().split()[:3])
def row(run, mode, notifications):
    s = run["ms"][mode]
    tries = run["attempts"][mode]
    if not s:
        return f"| {notifications} | `{mode}` | {run['pushes']} | – | – | – | – | – | {run['timeouts'][mode]} |"
    return (f"| {notifications} | `{mode}` | {run['pushes']} | {s['p50']:.0f} ms | {s['p90']:.0f} ms | "
            f"{s['min']:.0f} ms | {s['max']:.0f} ms | {sum(tries) / len(tries):.1f} | {run['timeouts'][mode]} |")
lines = [
    "## Pull after push",
    "",
    "Written by `bench/pull-after-push.sh` (re-run it to update this section only). Fresh images of",
    f"{len(delivered['layers_mib'])} random layers ({' + '.join(f'{x:g}' for x in delivered['layers_mib'])} MiB) plus a config are pushed one at a time to `eastus`",
    "(`bench/lib/pull_after_push.py`: monolithic blob POSTs, then the manifest PUT by tag); the time is",
    "from that PUT's 201 until a client has pulled the whole image from `westeurope` (manifest by tag,",
    "then every blob, following 307s; digests checked). On a 404 the client waits what `Retry-After`",
    "says and tries again. `report` is the default `onMiss` (the 404 explains itself); `fetch` reads",
    "through to the region that has the image. \"lost\": the runtime ran with `--fault-drop 1",
    "--reconcile-interval 3600`, so no notification was ever delivered and `westeurope` learnt of each",
    "push only from the pull's miss (it copies a change it finds more than 5 s old itself).",
    "Default three regions, `--ephemeral`, blobs redirected to presigned URLs.",
    "",
    f"- Command: `{command}`",
    f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
    f"- Machine: {os.cpu_count()} CPUs, load average at the end {load}",
    "",
    "| notifications | onMiss | pushes | p50 | p90 | min | max | attempts (mean) | over 60 s |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    row(delivered, "report", "delivered"),
    row(delivered, "fetch", "delivered"),
    row(lost, "report", "lost"),
    row(lost, "fetch", "lost"),
    "",
]
section = "\n".join(lines)
text = open(out).read() if os.path.exists(out) else "# Benchmarks\n"
pattern = re.compile(r"^## Pull after push\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda m: section + "\n", text, count=1)
elif "\n## Every round" in text:
    text = text.replace("\n## Every round", "\n" + section + "\n## Every round", 1)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(out, "w").write(text)
print(section)
PY
log "wrote $OUT"
