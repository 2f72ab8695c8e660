#!/usr/bin/env bash
# Replication under sustained load (issue 22, target 2): 8 pushers of distinct small images spread
# over the regions plus 2 pullers reading from peers, for 2 minutes, against one local runtime
# (default three regions, --data-dir, replication through the emulated S3 events). Prints lag
# percentiles per 10 s window and checks at the end that every pushed digest is pullable in every
# region. Writes the section "Replication under load" of docs/benchmarks.md (one row per run
# appended to the section's table of runs, so runs at several rates stay side by side).
#
#   bench/replication-load.sh [--pushers 8] [--pullers 2] [--seconds 120] [--rate 0]
#                             [--layer-kib 256] [--out FILE]
#
# --rate R paces the pushers to R images a second in all (0: as fast as they can); run it at
# several rates to find the highest one at which the lag stays flat. The load generator is
# bench/lib/replication_load.py (see its header for what is timed).
# Env: MERIDIAN_ARGS (default --data-dir under the work dir), MERIDIAN_JAVA_OPTS, MERIDIAN_JAR,
# BENCH_KEEP=1. Bounded: fixed duration, a drain of at most 180 s, the server stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/bench/lib
OUT=$ROOT/docs/benchmarks.md
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-bench-$RANDOM$RANDOM$RANDOM}
ADMIN_CREDS=admin:$MERIDIAN_BOOTSTRAP_PASSWORD
COMMAND="bench/replication-load.sh $*"
ARGS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --pushers|--pullers|--seconds|--rate|--layer-kib) ARGS+=("$1" "$2"); shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in java python3 curl timeout; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
[[ -f $JAR ]] || (cd "$ROOT" && mvn -q -B -DskipTests package -pl functions/local -am)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/meridian-load.XXXXXX")
# shellcheck source=bench/lib/registries.sh
. "$LIB/registries.sh"
cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
MERIDIAN_ARGS=${MERIDIAN_ARGS:---data-dir $WORK/data}
# shellcheck disable=SC2086 # word lists on purpose
start_meridian "$WORK/meridian.log" ${MERIDIAN_JAVA_OPTS:-} -XX:+UseG1GC -- $MERIDIAN_ARGS
mapfile -t REGIONS < <(awk '$1 == "ready" && $2 != "global" { print $2 "=" $3 }' "$WORK/meridian.log")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "regions: ${REGIONS[*]}; ${ARGS[*]}"
# CPU seconds of the runtime process (every region, DynamoDB Local, s3proxy: one JVM) from the
# first push until replication has settled, per pushed image: unlike lag, load hardly moves it.
python3 "$LIB/proc_cpu.py" "$MERIDIAN_PID" --threads > "$WORK/cpu0.json"
# Worker occupancy: every 2 s, how many replicate workers are running a delivery (a thread dump's
# replicate-* threads inside the replicator), so that saturation shows next to the lag.
python3 "$LIB/replicate_busy.py" "$MERIDIAN_PID" "$WORK/busy.json" & BUSY_PID=$!
PIDS+=("$BUSY_PID")
timeout 900 python3 "$LIB/replication_load.py" "$WORK/load.json" "${REGIONS[@]}" "${ARGS[@]}"
python3 "$LIB/proc_cpu.py" "$MERIDIAN_PID" --settle --threads > "$WORK/cpu1.json"
stop_pid "$BUSY_PID"

python3 - "$WORK/load.json" "$COMMAND" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" "$OUT" \
    "$WORK/cpu0.json" "$WORK/cpu1.json" "$WORK/busy.json" > "$WORK/section.md" <<'PY'
import datetime, json, os, re, sys
res, command, load0, load1, out = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
cpu0, cpu1 = json.load(open(sys.argv[6])), json.load(open(sys.argv[7]))
busy = json.load(open(sys.argv[8])) if os.path.exists(sys.argv[8]) else []
cpu_per_image = round((cpu1["total"] - cpu0["total"]) / max(1, res["images"]), 3)
cpu_no_jit = round((cpu1["total"] - cpu1["jit"] - cpu0["total"] + cpu0["jit"]) / max(1, res["images"]), 3)
by_thread = sorted(((g, cpu1["threads"].get(g, 0) - cpu0["threads"].get(g, 0)) for g in cpu1["threads"]),
                   key=lambda x: -x[1])[:6]
lag = res["lag_ms"] or {}
date = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
windows = res["windows"]
p99s = [w["p99_ms"] for w in windows if w["p99_ms"] is not None]
flat = len(p99s) >= 2 and max(p99s[len(p99s) // 2:]) <= 2 * max(1, min(p99s[:len(p99s) // 2] or [1])) + 1000
pulls = ", ".join(f"{k}: {v}" for k, v in sorted(res["peer_pulls"].items())) or "none"
row = (f"| {date} | `{command}` | {res['images']} ({res['rate']}/s) | {lag.get('p50', '–')} | {lag.get('p90', '–')} | "
       f"{lag.get('p99', '–')} | {lag.get('max', '–')} | {'yes' if flat else '**no**'} | {res['missing_count']} | "
       f"{res['push_error_count']} | {pulls} | {cpu_per_image} / {cpu_no_jit} | {load0} / {load1} |")
# Keep earlier runs' rows (one table, newest last) and their per-window detail.
old_rows, old_detail = [], ""
if os.path.exists(out):
    m = re.search(r"^## Replication under load\n.*?(?=^## |\Z)", open(out).read(), re.S | re.M)
    if m:
        old_rows = [l for l in m.group(0).splitlines() if l.startswith("| 20")]
        # rows written before the CPU column: "–" there
        old_rows = [l if l.count(" | ") >= 12 else l[:l.rindex(" | ")] + " | – |" + l[l.rindex(" | ") + 2:]
                    for l in old_rows]
        d = re.search(r"^Per 10 s window.*", m.group(0), re.S | re.M)
        old_detail = d.group(0).rstrip() + "\n\n" if d else ""
detail = [f"Per 10 s window of push completion, `{command}` ({date}): "
          + "; ".join(f"{w['from_s']:.0f}–{w['to_s']:.0f} s {w['images']} images, p50/p99 {w['p50_ms']}/{w['p99_ms']} ms"
                      for w in windows) + "."
          + (" Busy replicate workers (of all regions') per 20 s: "
             + ", ".join(str(round(sum(b["busy"] for b in busy[i:i + 10]) / len(busy[i:i + 10]), 1))
                         for i in range(0, len(busy), 10)) + "." if busy else "")
          + " CPU seconds by thread group: " + ", ".join(f"{g} {v:.1f}" for g, v in by_thread) + "."]
text = ["## Replication under load", "",
        "Written by `bench/replication-load.sh` (each run adds a row). Pushers of distinct small images",
        "(a config and one random layer; pusher i to region i mod 3) and pullers reading the latest image",
        "from another region, against one local runtime (three regions, `--data-dir`). Lag = push's 201",
        "until a peer answers HEAD manifest by tag with the pushed digest (every image, both peers).",
        "\"Flat\" = no window in the second half has a p99 above twice the best first-half window's",
        "plus 1 s. \"Lost\" = pushed digests not pullable (manifest by digest, every blob) in every",
        "region at the end. Peer pulls: answers to the pullers (404 there is lag, not loss).",
        "The machine was shared with other agents' builds (load averages in the last column).", "",
        "CPU s/image: the runtime process's CPU seconds (all regions, DynamoDB Local, s3proxy) from the",
        "first push until replication settled, per pushed image, then the same without the JIT",
        "compiler threads (a short run is mostly warm-up); load hardly moves it; rows before",
        "2026-12-07 20:00 UTC lack it).", "",
        "| date | command | images (rate) | p50 ms | p90 ms | p99 ms | max ms | flat | lost | push errors | peer pulls | CPU s/image | load before / after |",
        "|---|---|---:|---:|---:|---:|---:|:-:|---:|---:|---|---:|---|"] + old_rows + [row, ""]
print("\n".join(text) + "\n" + old_detail + "\n".join(detail) + "\n")
PY
replace_section "$OUT" "Replication under load" "$WORK/section.md"
cat "$WORK/section.md"
missing=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["missing_count"])' "$WORK/load.json")
((missing == 0)) || { echo "replication-load: $missing pushed digests missing in some region" >&2; exit 1; }
