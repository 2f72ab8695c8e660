#!/usr/bin/env bash
# Meridian vs. the reference registry (docker-registry, CNCF distribution 2.8.2), side by side on
# loopback, alternating between them every round. Writes docs/benchmarks.md. Not a test: nothing
# here asserts; the targets are printed next to the measured ratios.
#
#   bench/run.sh [--rounds N] [--warmup N] [--warmup-cycles N] [--wrk-seconds S]
#                [--targets both|meridian|reference] [--no-heap] [--out FILE]
#   bench/run.sh --cold [--rounds N] [--out FILE]     (bench/cold.sh: a fresh JVM every round)
#
# --warmup-cycles N (default 150): first, N small push+pull cycles per target (a fresh image of a
# 1 MiB and an 8 MiB layer each time: the single-object and the multipart upload paths), so that
# the JVM reaches its steady state before anything is measured. A long-running registry has; a
# fresh JVM is still compiling methods that run a few dozen times per push (the AWS SDK's request
# pipeline, s3proxy's and DynamoDB Local's request handling) long after the heavy warm-up rounds:
# with 6 heavy cycles behind it, 120 small cycles took a small push from 0.43 to 0.23 s and its
# compile time per cycle from 1.1 to 0.02 s (bench/cycles.py; bench/notes.md). The report gives
# the first and last ten cycles' medians per target, so the cold path stays visible.
#
# --warmup N (default 5): N unrecorded rounds per target before the measured ones, so that the
# medians compare steady states (the JVM's JIT has compiled the upload and download paths; the
# reference is a Go binary and has nothing to warm). Five because a fresh runtime's compile time
# per push+pull cycle fell 7.9, 4.2, 1.9, 2.5, 2.2, then 0.7-1.7 s (jstat -compiler; bench/notes.md).
# The report says how many were run and lists their push and pull results apart from the medians.
# wrk runs in the first warm-up round only (the manifest GET path is warm after it).
#
# Env: MERIDIAN_ARGS (default "--data-dir <work dir>/meridian-data": on disk, like the reference's
# filesystem storage; "--ephemeral" keeps objects in a temporary directory, unsynced), MERIDIAN_JAVA_OPTS (extra JVM flags for the compared
# JVM), MERIDIAN_REGION (default eastus), MERIDIAN_JAR (default functions/local/target/meridian-local.jar),
# MERIDIAN_LAUNCHER (a command used instead of `java -jar $JAR`, given the JVM flags in
# MERIDIAN_JAVA_OPTS; as in bench/cold.sh), BENCH_KEEP=1 keeps the work dir.
# Bounded: fixed round counts, every client call under `timeout`, servers stopped on exit.
# Only 127.0.0.1 is ever contacted.
#
# Auth: Meridian is secure by default, so it runs with MERIDIAN_BOOTSTRAP_PASSWORD set and every
# client signs in as 'admin' (skopeo --dest-creds/--src-creds, which fetch a token; curl and wrk
# with a Bearer token from /meridian/v1/token). Its per-account rate limit is off
# (--rate-limit 0): wrk asks for far more than the default 1000 requests a second. The reference
# runs without auth, so Meridian does strictly more work per request than it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$ROOT/bench/lib
ROUNDS=5
WARMUP=5
WARMUP_CYCLES=150
WRK_SECONDS=10
TARGETS=both
HEAP=1
OUT=$ROOT/docs/benchmarks.md
JAR=${MERIDIAN_JAR:-$ROOT/functions/local/target/meridian-local.jar}
MERIDIAN_ARGS=${MERIDIAN_ARGS:-}  # empty: --data-dir under the work dir (set below)
MERIDIAN_REGION=${MERIDIAN_REGION:-eastus}
export MERIDIAN_BOOTSTRAP_PASSWORD=${MERIDIAN_BOOTSTRAP_PASSWORD:-bench-$RANDOM$RANDOM$RANDOM}
ADMIN_CREDS=admin:$MERIDIAN_BOOTSTRAP_PASSWORD
OCI_MANIFEST=application/vnd.oci.image.manifest.v1+json
COMMAND="bench/run.sh $*"

# --cold: a fresh JVM per round, no warm-up (issue 22): bench/cold.sh does it, with the rest of the args.
[[ ${1:-} == --cold ]] && exec "$ROOT/bench/cold.sh" "${@:2}"
while [[ $# -gt 0 ]]; do
  case $1 in
    --rounds) ROUNDS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --warmup-cycles) WARMUP_CYCLES=$2; shift 2 ;;
    --wrk-seconds) WRK_SECONDS=$2; shift 2 ;;
    --targets) TARGETS=$2; shift 2 ;;
    --no-heap) HEAP=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case $TARGETS in both|meridian|reference) ;; *) echo "--targets: both|meridian|reference" >&2; exit 2 ;; esac
[[ $TARGETS == reference ]] && HEAP=0

for tool in skopeo docker-registry wrk curl python3 java jstat timeout; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y skopeo docker-registry wrk curl)" >&2; exit 1; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/meridian-bench.XXXXXX")
MERIDIAN_ARGS=${MERIDIAN_ARGS:---data-dir $WORK/meridian-data}
RESULTS=$WORK/results.tsv
PIDS=()
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

stop_pid() {  # SIGTERM, then SIGKILL after 15 s; only processes this script started
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo '{"default":[{"type":"insecureAcceptAnything"}]}' > "$WORK/policy.json"
SKOPEO=(timeout 900 skopeo --policy "$WORK/policy.json")

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v t0="$2" -v t1="$3" 'BEGIN { printf "%.2f", b / 1e6 / (t1 - t0) }'; }
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" >> "$RESULTS"; }
json_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

await_http() {  # url seconds pid [curl args...]: 200 from url
  local url=$1 deadline=$((SECONDS + $2)) pid=$3
  shift 3
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" || true) == 200 ]] && return 0
    sleep 0.2
  done
  return 1
}

start_reference() {
  local port dir
  port=$(python3 "$LIB/ports.py" 1)
  dir=$WORK/reference
  mkdir -p "$dir/storage"
  cat > "$dir/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$port
YAML
  docker-registry serve "$dir/config.yml" > "$dir/registry.log" 2>&1 &
  PIDS+=($!)
  await_http "http://127.0.0.1:$port/v2/" 30 "$!" || { cat "$dir/registry.log" >&2; echo "docker-registry did not start" >&2; exit 1; }
  REFERENCE_URL=http://127.0.0.1:$port
}

ensure_jar() {
  [[ -f $JAR ]] && return 0
  log "building $JAR"
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl functions/local -am)
}

start_meridian() {  # log-file java-opts... -- meridian-args...; sets MERIDIAN_URL and MERIDIAN_PID
  local logfile=$1; shift
  local jvm=() port line
  while [[ $1 != -- ]]; do jvm+=("$1"); shift; done; shift
  port=$(python3 "$LIB/ports.py" 8)
  if [[ -n ${MERIDIAN_LAUNCHER:-} ]]; then  # as in bench/cold.sh: the JVM flags go by env
    MERIDIAN_JAVA_OPTS="${jvm[*]}" "$MERIDIAN_LAUNCHER" --port "$port" --rate-limit 0 "$@" > "$logfile" 2>&1 &
  else
    java "${jvm[@]}" -jar "$JAR" --port "$port" --rate-limit 0 "$@" > "$logfile" 2>&1 &
  fi
  MERIDIAN_PID=$!
  PIDS+=("$MERIDIAN_PID")
  for _ in $(seq 900); do  # up to 180 s
    line=$(grep -m1 "^ready $MERIDIAN_REGION " "$logfile" || true)
    [[ -n $line ]] && break
    kill -0 "$MERIDIAN_PID" 2>/dev/null || break
    sleep 0.2
  done
  if [[ -z $line ]]; then tail -50 "$logfile" >&2; echo "Meridian did not print 'ready $MERIDIAN_REGION ...'" >&2; exit 1; fi
  MERIDIAN_URL=${line##* }
  await_http "$MERIDIAN_URL/v2/" 30 "$MERIDIAN_PID" -u "$ADMIN_CREDS" || { echo "Meridian /v2/ not 200 with the admin's credentials" >&2; exit 1; }
}

# Client arguments per target: skopeo's credentials, and an Authorization header for curl/wrk.
skopeo_dest() { [[ $1 == meridian ]] && echo "--dest-creds=$ADMIN_CREDS" || echo "--dest-no-creds"; }
skopeo_src() { [[ $1 == meridian ]] && echo "--src-creds=$ADMIN_CREDS" || echo "--src-no-creds"; }
auth_header() {  # target url scope: "Authorization: Bearer <token>" for Meridian, else nothing
  [[ $1 == meridian ]] && python3 "$LIB/bench_auth.py" header "$2" "$3" || true
}

measure() {  # round target url
  local round=$1 target=$2 url=$3 hp=${3#http://} img=$WORK/img-$2-$1 pulled=$WORK/pull-$2-$1
  local repo=bench/r$1 info total manifest largest largest_size t0 t1 out code size secs
  info=$(python3 "$LIB/oci_image.py" "$img" v1 1 16 256)
  total=$(json_field "$info" total); manifest=$(json_field "$info" manifest)
  largest=$(json_field "$info" largest_layer); largest_size=$(json_field "$info" largest_size)

  log "round $round $target: push $((total / 1048576)) MiB"
  t0=$(now)
  if "${SKOPEO[@]}" copy -q --dest-tls-verify=false "$(skopeo_dest "$target")" "oci:$img:v1" "docker://$hp/$repo:v1" > "$WORK/skopeo.log" 2>&1; then
    t1=$(now); record "$round" "$target" push_mbps "$(mbps "$total" "$t0" "$t1")"
  else
    record "$round" "$target" push_errors 1 "$(tail -c 300 "$WORK/skopeo.log" | tr '\t\n' '  ')"; rm -rf "$img"; return
  fi
  rm -rf "$img"

  log "round $round $target: pull"
  t0=$(now)
  if "${SKOPEO[@]}" copy -q --src-tls-verify=false "$(skopeo_src "$target")" "docker://$hp/$repo:v1" "oci:$pulled:v1" > "$WORK/skopeo.log" 2>&1; then
    t1=$(now); record "$round" "$target" pull_mbps "$(mbps "$total" "$t0" "$t1")"
  else
    record "$round" "$target" pull_errors 1 "$(tail -c 300 "$WORK/skopeo.log" | tr '\t\n' '  ')"
  fi
  rm -rf "$pulled"

  local auth=() header
  header=$(auth_header "$target" "$url" "repository:$repo:pull")
  [[ -n $header ]] && auth=(-H "$header")
  log "round $round $target: blob GET"
  # curl -L does not send the header on to the presigned URL's other port (curl >= 7.83).
  out=$(curl -sS -L --max-time 300 "${auth[@]}" -o /dev/null -w '%{http_code} %{size_download} %{time_total}' \
        "$url/v2/$repo/blobs/$largest" || true)
  read -r code size secs <<< "$out"
  if [[ $code == 200 && $size == "$largest_size" ]]; then
    record "$round" "$target" blob_get_mbps "$(awk -v b="$size" -v t="$secs" 'BEGIN { printf "%.2f", b / 1e6 / t }')"
  else
    record "$round" "$target" blob_get_errors 1 "curl: $out"
  fi

  local kind ref
  [[ ${SKIP_WRK:-0} == 1 ]] && return 0  # later warm-up rounds: the manifest GET path is warm
  for kind in tag digest; do
    [[ $kind == tag ]] && ref=v1 || ref=$manifest
    log "round $round $target: wrk manifest by $kind"
    timeout $((WRK_SECONDS + 60)) wrk -t2 -c16 -d"${WRK_SECONDS}s" -H "Accept: $OCI_MANIFEST" \
      "${auth[@]}" "$url/v2/$repo/manifests/$ref" > "$WORK/wrk.txt" 2>&1 || true
    local rps non2xx
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.txt")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$WORK/wrk.txt")
    if [[ -n $rps ]]; then record "$round" "$target" "manifest_${kind}_rps" "$rps"; fi
    if [[ -z $rps || -n $non2xx ]]; then
      record "$round" "$target" "manifest_${kind}_errors" "${non2xx:-1}" "$(tr '\t\n' '  ' < "$WORK/wrk.txt" | tail -c 300)"
    fi
  done
}

heap_run() {
  local img=$WORK/heap-img info total largest hp status=()
  log "heap: writing a 1 GiB layer"
  info=$(python3 "$LIB/oci_image.py" "$img" v1 1024)
  total=$(json_field "$info" total); largest=$(json_field "$info" largest_layer)
  start_meridian "$WORK/heap-meridian.log" -Xmx256m "-Xlog:gc:file=$WORK/gc.log" -- --data-dir "$WORK/heap-data"
  hp=${MERIDIAN_URL#http://}
  # The runtime's JVM: with the fast start (docs/local-runtime.md) it is the launcher's child.
  local runtime_pid
  runtime_pid=$(pgrep -P "$MERIDIAN_PID" -x java | head -1 || true)
  jstat -gc "${runtime_pid:-$MERIDIAN_PID}" 250 > "$WORK/jstat.txt" 2>&1 &
  local jstat_pid=$!
  PIDS+=("$jstat_pid")
  local t0 t1
  t0=$(now)
  if "${SKOPEO[@]}" copy -q --dest-tls-verify=false "--dest-creds=$ADMIN_CREDS" "oci:$img:v1" "docker://$hp/heap/big:v1" > "$WORK/heap-skopeo.log" 2>&1; then
    t1=$(now); status+=("push=ok ($(mbps "$total" "$t0" "$t1") MB/s)")
  else status+=("push=FAILED: $(tail -c 200 "$WORK/heap-skopeo.log" | tr '\n\t' '  ')"); fi
  rm -rf "$img"
  t0=$(now)
  if "${SKOPEO[@]}" copy -q --src-tls-verify=false "--src-creds=$ADMIN_CREDS" "docker://$hp/heap/big:v1" "oci:$WORK/heap-pull:v1" > "$WORK/heap-skopeo.log" 2>&1; then
    t1=$(now); status+=("pull=ok ($(mbps "$total" "$t0" "$t1") MB/s)")
  else status+=("pull=FAILED: $(tail -c 200 "$WORK/heap-skopeo.log" | tr '\n\t' '  ')"); fi
  rm -rf "$WORK/heap-pull"
  local out
  out=$(curl -sS -L --max-time 600 -H "$(auth_header meridian "$MERIDIAN_URL" repository:heap/big:pull)" \
        -o /dev/null -w '%{http_code} %{size_download} %{speed_download}' \
        "$MERIDIAN_URL/v2/heap/big/blobs/$largest" || true)
  status+=("blob_get=$(awk '{ printf "HTTP %s, %s bytes, %.0f MB/s", $1, $2, $3 / 1e6 }' <<< "$out")")
  stop_pid "$jstat_pid"
  python3 "$LIB/heap.py" "$WORK/jstat.txt" "$WORK/gc.log" > "$WORK/heap-peak.json"
  local oom=no
  grep -q OutOfMemoryError "$WORK/heap-meridian.log" && oom=yes
  python3 - "$WORK/heap-peak.json" "$WORK/heap.json" "$oom" "${status[@]}" <<'PY'
import json, sys
peak = json.load(open(sys.argv[1]))
peak["oom"] = sys.argv[3]
for item in sys.argv[4:]:
    k, v = item.split("=", 1)
    peak[k] = v
json.dump(peak, open(sys.argv[2], "w"))
print(json.dumps(peak))
PY
  stop_pid "$MERIDIAN_PID"
}

# ---- run ----
printf 'round\ttarget\tmetric\tvalue\tnote\n' > "$RESULTS"
order=()
[[ $TARGETS != meridian ]] && { start_reference; order+=(reference); log "docker-registry at $REFERENCE_URL"; }
if [[ $TARGETS != reference ]]; then
  ensure_jar
  # shellcheck disable=SC2086 # MERIDIAN_JAVA_OPTS / MERIDIAN_ARGS are word lists on purpose
  start_meridian "$WORK/meridian.log" ${MERIDIAN_JAVA_OPTS:-} -XX:+UseG1GC -- $MERIDIAN_ARGS
  order+=(meridian); log "Meridian ($MERIDIAN_REGION) at $MERIDIAN_URL"
fi
url_of() { [[ $1 == meridian ]] && echo "$MERIDIAN_URL" || echo "$REFERENCE_URL"; }

small_cycle() {  # cycle target url: push and pull a fresh 1+8 MiB image; seconds to $CYCLES
  local cycle=$1 target=$2 hp=${3#http://} img=$WORK/small-img pulled=$WORK/small-pull t0 t1 t2
  rm -rf "$img" "$pulled"
  python3 "$LIB/oci_image.py" "$img" v1 1 8 > /dev/null
  t0=$(now)
  "${SKOPEO[@]}" copy -q --dest-tls-verify=false "$(skopeo_dest "$target")" "oci:$img:v1" \
    "docker://$hp/warm/c$cycle:v1" > "$WORK/skopeo.log" 2>&1 || { tail -c 300 "$WORK/skopeo.log" >&2; return 1; }
  t1=$(now)
  "${SKOPEO[@]}" copy -q --src-tls-verify=false "$(skopeo_src "$target")" "docker://$hp/warm/c$cycle:v1" \
    "oci:$pulled:v1" > "$WORK/skopeo.log" 2>&1 || { tail -c 300 "$WORK/skopeo.log" >&2; return 1; }
  t2=$(now)
  printf '%s\t%s\t%s\t%s\n' "$cycle" "$target" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" \
    "$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.3f", b - a }')" >> "$CYCLES"
  rm -rf "$img" "$pulled"
}

CYCLES=$WORK/warmup-cycles.tsv
: > "$CYCLES"
for target in "${order[@]}"; do  # steady state first; results kept apart from the medians
  log "warm-up: $WARMUP_CYCLES small push+pull cycles against $target"
  for cycle in $(seq "$WARMUP_CYCLES"); do small_cycle "$cycle" "$target" "$(url_of "$target")"; done
done

for warm in $(seq "$WARMUP"); do  # same steps, results thrown away
  for target in "${order[@]}"; do
    log "warm-up $warm $target"
    SKIP_WRK=$((warm > 1)) RESULTS=$WORK/warmup.tsv measure "w$warm" "$target" "$(url_of "$target")"
  done
done

for round in $(seq "$ROUNDS"); do
  if ((round % 2 == 0)); then targets=("${order[@]}"); else targets=(); for ((i=${#order[@]}-1; i>=0; i--)); do targets+=("${order[i]}"); done; fi
  for target in "${targets[@]}"; do measure "$round" "$target" "$(url_of "$target")"; done
done

# The compared servers are done; free the CPU before the heap run.
for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
PIDS=()
heap_json=
if ((HEAP)); then heap_run; heap_json=$WORK/heap.json; fi

mkdir -p "$(dirname "$OUT")"
python3 "$LIB/report.py" --results "$RESULTS" --out "$OUT" --command "$COMMAND" --rounds "$ROUNDS" \
  --warmup "$WARMUP" --warmup-results "$WORK/warmup.tsv" --warmup-cycles "$CYCLES" \
  --meridian-args "$MERIDIAN_ARGS" ${heap_json:+--heap "$heap_json"} --notes "$ROOT/bench/notes.md"
log "wrote $OUT"
column -t -s $'\t' "$RESULTS" >&2
