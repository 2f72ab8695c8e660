#!/usr/bin/env bash
# Idle CPU (issue 22): a fresh Meridian JVM (`java -jar $JAR --data-dir`, the default three
# regions unless --regions 1) left alone after `ready global`: CPU seconds (utime + stime from
# /proc/<pid>/stat, all threads; bench/lib/proc_cpu.py) over WINDOW seconds starting SETTLE
# seconds after ready, split by thread name. Load on the machine hardly changes CPU seconds.
#
#   bench/idle.sh [--window 30] [--settle 5] [--regions 1|3]
#
# Env: MERIDIAN_JAR, MERIDIAN_JAVA_OPTS, MERIDIAN_ARGS, BENCH_KEEP=1.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/bench/lib
WINDOW=30
SETTLE=5
REGIONS=3
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-idle-$RANDOM$RANDOM$RANDOM}
ADMIN_CREDS=admin:$MERIDIAN_BOOTSTRAP_PASSWORD
while [[ $# -gt 0 ]]; do
  case $1 in
    --window) WINDOW=$2; shift 2 ;;
    --settle) SETTLE=$2; shift 2 ;;
    --regions) REGIONS=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib/registries.sh
. "$LIB/registries.sh"
bench_scratch idle python3 java

region_args=()
if [[ $REGIONS == 1 ]]; then
  echo "eastus aa" > "$WORK/regions"
  region_args=(--regions "$WORK/regions")
fi
# shellcheck disable=SC2086
start_meridian "$WORK/meridian.log" ${MERIDIAN_JAVA_OPTS:-} -- --data-dir "$WORK/data" \
  "${region_args[@]}" ${MERIDIAN_ARGS:-}
log "Meridian up in $MERIDIAN_START_S s ($REGIONS region(s)); load $(cut -d' ' -f1-3 /proc/loadavg)"
sleep "$SETTLE"
before=$(python3 "$LIB/proc_cpu.py" "$MERIDIAN_PID" --threads)
sleep "$WINDOW"
after=$(python3 "$LIB/proc_cpu.py" "$MERIDIAN_PID" --threads)
python3 - "$before" "$after" "$WINDOW" <<'PY'
import json, sys
a, b, window = json.loads(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3])
print(f"idle {window:.0f} s: total {b['total'] - a['total']:.2f} CPU s"
      f" ({100 * (b['total'] - a['total']) / window:.1f}% of a core), JIT {b['jit'] - a['jit']:.2f},"
      f" GC {b['gc'] - a['gc']:.2f}")
threads = b.get("threads", {})
rows = sorted(((t, s - a.get("threads", {}).get(t, 0)) for t, s in threads.items()),
              key=lambda r: -r[1])
for name, s in rows:
    if s >= 0.005:
        print(f"  {name}\t{s:.2f}")
PY
log "load $(cut -d' ' -f1-3 /proc/loadavg)"
