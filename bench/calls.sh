#!/usr/bin/env bash
# DynamoDB calls per push (issue 22): a fresh one-region Meridian (`java -jar $JAR --data-dir`),
# one warm-up push, then `strace -f -e trace=write,sendto` on the JVM over a WINDOW-second window
# that starts with a skopeo push of a fresh image of LAYERS MiB layers. Counts the DynamoDB
# requests the JVM sent (by X-Amz-Target) and those that read the build queue, the task list and
# the quota rules. The window is fixed so that loops which poll on a timer show as they would
# during any push of that length.
#
#   bench/calls.sh [--window 10] [--layers 1]
#
# Env: MERIDIAN_JAR, BENCH_KEEP=1. Needs strace (and ptrace permission).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/bench/lib
WINDOW=10
LAYERS=1
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-calls-$RANDOM$RANDOM$RANDOM}
ADMIN_CREDS=admin:$MERIDIAN_BOOTSTRAP_PASSWORD
while [[ $# -gt 0 ]]; do
  case $1 in
    --window) WINDOW=$2; shift 2 ;;
    --layers) LAYERS=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib/registries.sh
. "$LIB/registries.sh"
bench_scratch calls skopeo strace python3 java timeout

echo "eastus aa" > "$WORK/regions"
start_meridian "$WORK/meridian.log" -- --data-dir "$WORK/data" --regions "$WORK/regions"
push() {  # repo: a fresh image of LAYERS MiB layers, pushed with skopeo
  rm -rf "$WORK/img"
  python3 "$LIB/oci_image.py" "$WORK/img" v1 "$LAYERS" > /dev/null
  skopeo --policy "$WORK/policy.json" copy -q --dest-tls-verify=false "$(skopeo_dest meridian)" \
    "oci:$WORK/img:v1" "docker://${MERIDIAN_URL#http://}/$1:v1"
}
push calls/warm
sleep 2
timeout "$WINDOW" strace -f -q -e trace=write,sendto -s 4000 -p "$MERIDIAN_PID" \
  -o "$WORK/strace.txt" & tracer=$!
sleep 1  # strace attaches to every thread first
t0=$(now)
push calls/measured
log "push took $(elapsed "$t0" "$(now)") s; tracing until ${WINDOW} s; load $(cut -d' ' -f1-3 /proc/loadavg)"
wait "$tracer" || true
python3 - "$WORK/strace.txt" <<'PY'
import collections, re, sys
ops = collections.Counter()
reads = collections.Counter()
for line in open(sys.argv[1], errors="replace"):
    m = re.search(r"X-Amz-Target: DynamoDB_20120810\.(\w+)", line)
    if m:
        ops[m.group(1)] += 1
    if "KeyConditionExpression" in line:  # a Query's body (one write with its headers or not)
        for what, needle in (("run queue", "run-status#Queued"), ("tasks", r'\"S\":\"task\"'),
                             ("quota rules", r'\"S\":\"quota\"')):
            if needle in line:
                reads[what] += 1
print(f"DynamoDB requests: {sum(ops.values())} ({', '.join(f'{k} {v}' for k, v in ops.most_common())})")
print("of which Query of: " + ", ".join(f"{k} {reads[k]}" for k in ("run queue", "tasks", "quota rules")))
PY
