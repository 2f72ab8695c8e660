#!/usr/bin/env bash
# Issue 22, targets 1 and 3, as a new user meets them: every round starts a FRESH Meridian JVM
# (`java -jar functions/local/target/meridian-local.jar`, or $MERIDIAN_LAUNCHER) on the same
# --data-dir (reopened from round 2 on) and a fresh docker-registry on its same storage, times
# each start until it answers, then pushes a fresh 1+16+256 MiB image with skopeo and pulls it
# back, and stops both. Rounds alternate which registry goes first. No warm-up, nothing discarded;
# round 1 (Meridian's data directory still empty) is reported apart as well. Writes the section
# "Cold start: a fresh JVM per round" of docs/benchmarks.md.
#
#   bench/cold.sh [--rounds N] [--layers "1 16 256"] [--out FILE]     (also: bench/run.sh --cold ...)
#
# Env: MERIDIAN_JAVA_OPTS (extra JVM flags), MERIDIAN_ARGS (extra runtime flags, e.g.
# "--blob-delivery stream"), MERIDIAN_LAUNCHER (a command used instead of
# `java -jar $JAR`; the jar itself uses the fast-start layout and AppCDS archive the Maven package
# leaves beside it, docs/local-runtime.md "Fast start"; -Dmeridian.fast-start=false in
# MERIDIAN_JAVA_OPTS measures the in-process start),
# MERIDIAN_JAR, BENCH_KEEP=1 keeps the work dir. Start time = exec until the line `ready global`
# (Meridian: every endpoint accepts requests) or the first 200 from /v2/ (docker-registry).
# Bounded: fixed rounds, every client call under `timeout`, servers stopped on exit; 127.0.0.1 only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/bench/lib
ROUNDS=5
LAYERS="1 16 256"
OUT=$ROOT/docs/benchmarks.md
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-bench-$RANDOM$RANDOM$RANDOM}
ADMIN_CREDS=admin:$MERIDIAN_BOOTSTRAP_PASSWORD
COMMAND="bench/cold.sh $*"
[[ -n ${MERIDIAN_LAUNCHER:-} ]] && COMMAND="MERIDIAN_LAUNCHER=${MERIDIAN_LAUNCHER#"$ROOT/"} $COMMAND"
[[ -n ${MERIDIAN_ARGS:-} ]] && COMMAND="MERIDIAN_ARGS='$MERIDIAN_ARGS' $COMMAND"
[[ -n ${MERIDIAN_JAVA_OPTS:-} ]] && COMMAND="MERIDIAN_JAVA_OPTS='$MERIDIAN_JAVA_OPTS' $COMMAND"

while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --layers) LAYERS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in skopeo docker-registry curl python3 java timeout; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y skopeo docker-registry curl)" >&2; exit 1; }
done
[[ -f $JAR ]] || (cd "$ROOT" && mvn -q -B -DskipTests package -pl functions/local -am)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/meridian-cold.XXXXXX")
# shellcheck source=bench/lib/registries.sh
. "$LIB/registries.sh"
cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
echo '{"default":[{"type":"insecureAcceptAnything"}]}' > "$WORK/policy.json"
RESULTS=$WORK/cold.tsv
printf 'round\ttarget\tposition\tstart_s\tpush_s\tpull_s\tbytes\tload1\terror\tstart_cpu_s\tround_cpu_s\n' > "$RESULTS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

one() {  # round target position
  local round=$1 target=$2 position=$3 start url pid start_cpu round_cpu
  if [[ $target == meridian ]]; then
    # shellcheck disable=SC2086 # a word list on purpose
    start_meridian "$WORK/meridian-$round.log" ${MERIDIAN_JAVA_OPTS:-} -XX:+UseG1GC -- --data-dir "$WORK/meridian-data" ${MERIDIAN_ARGS:-}
    start=$MERIDIAN_START_S url=$MERIDIAN_URL pid=$MERIDIAN_PID
  else
    start_reference "$WORK/reference-storage"
    start=$REFERENCE_START_S url=$REFERENCE_URL pid=$REFERENCE_PID
  fi
  # CPU seconds of the server process (bench/lib/proc_cpu.py): at ready, and what the push and
  # pull added once it is idle again; a busy machine delays these but barely inflates them.
  start_cpu=$(json_field "$(python3 "$LIB/proc_cpu.py" "$pid")" total)
  log "round $round $target: up in $start s ($start_cpu CPU s); push and pull"
  # shellcheck disable=SC2086 # LAYERS is a list of sizes
  push_pull "$target" "$url" "cold/r$round" $LAYERS
  round_cpu=$(json_field "$(python3 "$LIB/proc_cpu.py" "$pid" --settle)" total)
  round_cpu=$(awk -v a="$start_cpu" -v b="$round_cpu" 'BEGIN { printf "%.2f", b - a }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$target" "$position" "$start" "$PUSH_S" \
    "$PULL_S" "$IMAGE_BYTES" "$(cut -d' ' -f1 /proc/loadavg)" "$SKOPEO_ERROR" "$start_cpu" "$round_cpu" >> "$RESULTS"
  stop_pid "$pid"
}

for round in $(seq "$ROUNDS"); do
  if ((round % 2)); then order=(meridian reference); else order=(reference meridian); fi
  one "$round" "${order[0]}" 1
  one "$round" "${order[1]}" 2
done

python3 "$LIB/cold_report.py" "$RESULTS" "$COMMAND" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "${MERIDIAN_LAUNCHER:+$MERIDIAN_LAUNCHER}" > "$WORK/section.md"
replace_section "$OUT" "Cold start: a fresh JVM per round" "$WORK/section.md"
cat "$WORK/section.md"
log "wrote $OUT"
