#!/usr/bin/env bash
# Replication lag (issue 3): push fresh 3-layer images (~20 MiB) to region A of Meridian's local
# runtime and time, per push, from "push completed in A" (manifest PUT answered 201) until the
# manifest by tag AND every blob are pullable in region B. Reports p50/p90/p99 and writes the
# "Replication lag" section of docs/benchmarks.md (the rest of the file is bench/run.sh's).
#
#   bench/replication-lag.sh [--pushes N] [--layers-mib 1,4,15] [--poll-ms 5] [--from eastus]
#                            [--to westeurope] [--out FILE]
#
# Env: MERIDIAN_ARGS (default: --data-dir under the work dir), MERIDIAN_JAVA_OPTS,
# MERIDIAN_JAR (default functions/local/target/meridian-local.jar), BENCH_KEEP=1 keeps the work dir.
# The pusher is bench/lib/replication_lag.py (plain HTTP, monolithic blob POSTs), see its header.
# Bounded: fixed push count, 60 s cap per push, the server is stopped on exit; 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# The runtime is secure by default: its admin password, for the clients below (bench/lib/bench_auth.py).
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-bench-$RANDOM$RANDOM$RANDOM}
LIB=$ROOT/bench/lib
PUSHES=50
LAYERS=1,4,15
POLL_MS=5
FROM=eastus
TO=westeurope
OUT=$ROOT/docs/benchmarks.md
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
COMMAND="bench/replication-lag.sh $*"

while [[ $# -gt 0 ]]; do
  case $1 in
    --pushes) PUSHES=$2; shift 2 ;;
    --layers-mib) LAYERS=$2; shift 2 ;;
    --poll-ms) POLL_MS=$2; shift 2 ;;
    --from) FROM=$2; shift 2 ;;
    --to) TO=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in java python3 curl timeout; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/meridian-lag.XXXXXX")
MERIDIAN_ARGS=${MERIDIAN_ARGS:---data-dir $WORK/data}
PID=
log() { echo "[lag $(date +%H:%M:%S)] $*" >&2; }
cleanup() {
  if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 150); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

if [[ ! -f $JAR ]]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl functions/local -am)
fi
port=$(python3 "$LIB/ports.py" 8)
# shellcheck disable=SC2086 # word lists on purpose
java ${MERIDIAN_JAVA_OPTS:-} -XX:+UseG1GC -jar "$JAR" --port "$port" $MERIDIAN_ARGS > "$WORK/meridian.log" 2>&1 &
PID=$!
for _ in $(seq 900); do
  grep -q '^ready global ' "$WORK/meridian.log" && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.2
done
A=$(awk -v r="$FROM" '$1 == "ready" && $2 == r { print $3 }' "$WORK/meridian.log")
B=$(awk -v r="$TO" '$1 == "ready" && $2 == r { print $3 }' "$WORK/meridian.log")
if [[ -z $A || -z $B ]]; then tail -50 "$WORK/meridian.log" >&2; echo "regions $FROM/$TO not ready" >&2; exit 1; fi
log "A=$FROM $A  B=$TO $B; $PUSHES pushes of $LAYERS MiB layers"

timeout $((PUSHES * 90 + 60)) python3 "$LIB/replication_lag.py" "$A" "$B" "$PUSHES" "$WORK/lag.json" \
  --layers-mib "$LAYERS" --poll-ms "$POLL_MS"

python3 - "$WORK/lag.json" "$OUT" "$COMMAND" "$FROM" "$TO" <<'PY'
import datetime, json, os, re, subprocess, sys
res, out, command, a, b = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
lag = res["lag_ms"] or {}
def sh(c):
    return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
load = " ".join(open("/proc/loadavg").read().split()[:3])
met = "yes" if lag and lag["p50"] < 500 else "**no**"
lines = [
    "## Replication lag",
    "",
    f"Written by `bench/replication-lag.sh` (re-run it to update this section only). {res['pushes']} fresh",
    f"images of 3 layers ({' + '.join(f'{x:g}' for x in res['layers_mib'])} MiB of random bytes, plus a config) pushed one",
    f"at a time to `{a}` by `bench/lib/replication_lag.py` (monolithic blob POSTs, then the manifest",
    f"PUT by tag); lag = from the manifest PUT's 201 in `{a}` until `{b}` serves the manifest by tag",
    f"(with the pushed digest) and a HEAD of every blob answers 200, polled every {res['poll_ms']:g} ms.",
    "Default three regions, disk-backed `--data-dir`, replication through the emulated S3 events.",
    "",
    f"- Command: `{command}`",
    f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
    f"- Machine: {os.cpu_count()} CPUs, load average at the end {load}",
    "",
    "| pushes | p50 | p90 | p99 | min | max | timeouts (> 60 s) | target p50 | met |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|:-:|",
    (f"| {res['pushes']} | {lag['p50']:.0f} ms | {lag['p90']:.0f} ms | {lag['p99']:.0f} ms | {lag['min']:.0f} ms | "
     f"{lag['max']:.0f} ms | {res['timeouts']} | < 500 ms | {met} |") if lag else
    f"| {res['pushes']} | – | – | – | – | – | {res['timeouts']} | < 500 ms | **no** |",
    "",
    f"Push time in `{a}` (all blobs and the manifest): p50 {res['push_s']['p50']:.2f} s, max {res['push_s']['max']:.2f} s.",
    "Every lag (ms, in push order): " + ", ".join(f"{x:.0f}" for x in res["lags_ms"]) + ".",
    "",
]
section = "\n".join(lines)
text = open(out).read() if os.path.exists(out) else "# Benchmarks\n"
pattern = re.compile(r"^## Replication lag\n.*?(?=^## |\Z)", re.S | re.M)
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
