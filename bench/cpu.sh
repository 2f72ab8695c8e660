#!/usr/bin/env bash
# CPU per push and pull (issue 22), a measure a shared machine does not distort much: a fresh
# Meridian JVM (`java -jar $JAR`, or $MERIDIAN_LAUNCHER) and a fresh docker-registry, then ROUNDS
# rounds alternating which goes first, each pushing a fresh image of random layers with skopeo and
# pulling it back. For every step, the server process's CPU seconds (utime + stime from
# /proc/<pid>/stat, all threads) before and after; Meridian's split into JIT compiler threads, GC
# threads and the rest (bench/lib/proc_cpu.py). Round 1 is the cold JVM; nothing is discarded.
#
#   bench/cpu.sh [--rounds N] [--layers "64"] [--regions 1|3] [--out FILE]
#
# --regions 1 (default): one region, as bench/smoke.sh; 3: the default three regions, so each
# push also replicates to two peers (their CPU lands in the same JVM, partly after the push).
# Env: MERIDIAN_JAVA_OPTS, MERIDIAN_ARGS, MERIDIAN_LAUNCHER, MERIDIAN_JAR, BENCH_KEEP=1.
# Prints a TSV of every step and a summary (CPU seconds per GiB moved, medians); with --out,
# writes the section "CPU per pushed GiB" of that file.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/bench/lib
ROUNDS=6
LAYERS=64
REGIONS=1
OUT=
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-cpu-$RANDOM$RANDOM$RANDOM}
ADMIN_CREDS=admin:$MERIDIAN_BOOTSTRAP_PASSWORD
COMMAND="bench/cpu.sh $*"
[[ -n ${MERIDIAN_LAUNCHER:-} ]] && COMMAND="MERIDIAN_LAUNCHER=${MERIDIAN_LAUNCHER#"$ROOT/"} $COMMAND"
[[ -n ${MERIDIAN_ARGS:-} ]] && COMMAND="MERIDIAN_ARGS='$MERIDIAN_ARGS' $COMMAND"
[[ -n ${MERIDIAN_JAVA_OPTS:-} ]] && COMMAND="MERIDIAN_JAVA_OPTS='$MERIDIAN_JAVA_OPTS' $COMMAND"

while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --layers) LAYERS=$2; shift 2 ;;
    --regions) REGIONS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=bench/lib/registries.sh
. "$LIB/registries.sh"
bench_scratch cpu skopeo docker-registry curl python3 java timeout

start_reference "$WORK/reference-storage"
region_args=()
if [[ $REGIONS == 1 ]]; then
  echo "eastus aa" > "$WORK/regions"
  region_args=(--regions "$WORK/regions")
fi
# shellcheck disable=SC2086 # word lists on purpose
start_meridian "$WORK/meridian.log" ${MERIDIAN_JAVA_OPTS:-} -XX:+UseG1GC -- --data-dir "$WORK/meridian-data" \
  "${region_args[@]}" ${MERIDIAN_ARGS:-}
# The launcher may exec java under a shell's PID; the JVM is the process listening on the port.
MERIDIAN_JVM=$MERIDIAN_PID
START_CPU=$(python3 "$LIB/proc_cpu.py" "$MERIDIAN_JVM")
log "Meridian up in $MERIDIAN_START_S s, CPU at ready: $START_CPU"
url_of() { [[ $1 == meridian ]] && echo "$MERIDIAN_URL" || echo "$REFERENCE_URL"; }
pid_of() { [[ $1 == meridian ]] && echo "$MERIDIAN_JVM" || echo "$REFERENCE_PID"; }

RESULTS=$WORK/cpu.tsv
printf 'round\ttarget\tstep\tbytes\twall_s\tcpu_s\tjit_s\tgc_s\tother_s\tload1\n' > "$RESULTS"
record() {  # round target step bytes wall before after
  python3 - "$@" "$(cut -d' ' -f1 /proc/loadavg)" >> "$RESULTS" <<'PY'
import json, sys
r, t, step, size, wall, a, b, load = sys.argv[1:]
a, b = json.loads(a), json.loads(b)
d = {k: b.get(k, 0) - a.get(k, 0) for k in ("total", "jit", "gc", "other")}
print("\t".join([r, t, step, size, wall] + [f"{d[k]:.3f}" for k in ("total", "jit", "gc", "other")] + [load]))
PY
}

measured() {  # round target step bytes pid skopeo-args...: one skopeo copy, its server CPU recorded
  local round=$1 target=$2 step=$3 bytes=$4 pid=$5 before after t0 t1
  shift 5
  before=$(python3 "$LIB/proc_cpu.py" "$pid" --settle); t0=$(now)
  timeout 900 skopeo --policy "$WORK/policy.json" copy -q "$@" > "$WORK/skopeo.log" 2>&1 \
    || { cat "$WORK/skopeo.log" >&2; echo "$step with $target failed" >&2; exit 1; }
  t1=$(now); after=$(python3 "$LIB/proc_cpu.py" "$pid" --settle)
  record "$round" "$target" "$step" "$bytes" "$(elapsed "$t0" "$t1")" "$before" "$after"
}

for round in $(seq "$ROUNDS"); do
  if ((round % 2)); then order=(meridian reference); else order=(reference meridian); fi
  for target in "${order[@]}"; do
    pid=$(pid_of "$target")
    img=$WORK/img pulled=$WORK/pulled
    rm -rf "$img" "$pulled"
    # shellcheck disable=SC2086 # LAYERS is a list of sizes
    info=$(python3 "$LIB/oci_image.py" "$img" v1 $LAYERS)
    bytes=$(json_field "$info" total)
    hp=$(url_of "$target"); hp=${hp#http://}
    measured "$round" "$target" push "$bytes" "$pid" --dest-tls-verify=false "$(skopeo_dest "$target")" \
      "oci:$img:v1" "docker://$hp/cpu/r$round:v1"
    rm -rf "$img"
    measured "$round" "$target" pull "$bytes" "$pid" --src-tls-verify=false "$(skopeo_src "$target")" \
      "docker://$hp/cpu/r$round:v1" "oci:$pulled:v1"
    rm -rf "$pulled"
    log "round $round $target done"
  done
done

python3 - "$RESULTS" "$COMMAND" "$START_CPU" "$MERIDIAN_START_S" "$WORK/section.md" <<'PY'
import csv, datetime, json, os, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
command, start_cpu, start_s, section = sys.argv[2], json.loads(sys.argv[3]), sys.argv[4], sys.argv[5]
GIB = 1 << 30
def per_gib(r, k): return float(r[k]) / (int(r["bytes"]) / GIB)
lines = ["## CPU per pushed GiB", "",
         "Written by `bench/cpu.sh`. One fresh Meridian JVM and one docker-registry; every round pushes a fresh",
         "image with skopeo and pulls it back; CPU = utime + stime of the server process around each step",
         "(until its CPU stops moving, so replication and write-behind count), per GiB of image moved.",
         "Meridian's CPU is also given for its JIT compiler threads and its GC threads alone",
         "(both part of the total). Round 1 is the cold JVM.", "",
         f"- Command: `{command}`",
         f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; "
         f"{os.cpu_count()} CPUs, load average at the end {' '.join(open('/proc/loadavg').read().split()[:3])}",
         f"- Meridian start: {start_s} s wall, {start_cpu['total']} CPU s (JIT {start_cpu['jit']} s)", "",
         "| round | step | Meridian CPU s/GiB | of it JIT | of it GC | docker-registry CPU s/GiB | CPU ratio | Meridian wall s | reference wall s | load |",
         "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
summary = {}
for r in sorted({int(x["round"]) for x in rows}):
    for step in ("push", "pull"):
        m = next(x for x in rows if int(x["round"]) == r and x["target"] == "meridian" and x["step"] == step)
        ref = next(x for x in rows if int(x["round"]) == r and x["target"] == "reference" and x["step"] == step)
        mc, rc = per_gib(m, "cpu_s"), per_gib(ref, "cpu_s")
        summary.setdefault(step, []).append((mc, rc, per_gib(m, "jit_s")))
        lines.append(f"| {r} | {step} | {mc:.2f} | {per_gib(m, 'jit_s'):.2f} | {per_gib(m, 'gc_s'):.2f} | {rc:.2f} | "
                     f"{mc / rc if rc else float('inf'):.2f}× | {float(m['wall_s']):.2f} | {float(ref['wall_s']):.2f} | {m['load1']} |")
lines.append("")
for step, vals in summary.items():
    mc = statistics.median(v[0] for v in vals); rc = statistics.median(v[1] for v in vals)
    jit = statistics.median(v[2] for v in vals)
    msg = (f"{step}: Meridian {mc:.2f} CPU s/GiB (JIT {jit:.2f}), docker-registry {rc:.2f}: "
           f"{mc / rc:.2f}x (medians of {len(vals)} rounds)")
    print("bench/cpu.sh: " + msg)
    lines.append(f"Median {msg}.")
lines.append("")
open(section, "w").write("\n".join(lines) + "\n")
PY
cat "$RESULTS"
[[ -n $OUT ]] && replace_section "$OUT" "CPU per pushed GiB" "$WORK/section.md"
exit 0
