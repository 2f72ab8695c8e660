# Sourced by bench/cold.sh and bench/smoke.sh: start and stop Meridian and the reference registry
# (docker-registry, filesystem storage) on loopback, and push/pull with skopeo. The caller sets
# WORK (a scratch dir), LIB (bench/lib), JAR, and ADMIN_CREDS (admin:<password>, with
# MERIDIAN_BOOTSTRAP_PASSWORD exported). Only 127.0.0.1 is ever contacted.

PIDS=()

# bench_scratch NAME TOOLS...: checks the tools and $JAR, makes the scratch dir WORK (removed at
# exit unless BENCH_KEEP=1, with every server started here stopped) and its skopeo policy.json.
bench_scratch() {
  local name=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y skopeo docker-registry curl)" >&2; exit 1; }
  done
  [[ -f $JAR ]] || { echo "build $JAR first: mvn -q -DskipTests -pl functions/local -am package" >&2; exit 1; }
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/meridian-$name.XXXXXX")
  trap bench_cleanup EXIT
  echo '{"default":[{"type":"insecureAcceptAnything"}]}' > "$WORK/policy.json"
}
bench_cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }
mbps() { awk -v b="$1" -v t0="$2" -v t1="$3" 'BEGIN { printf "%.2f", b / 1e6 / (t1 - t0) }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
json_field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

stop_pid() {  # SIGTERM, then SIGKILL after 15 s; only processes this script started
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

await_http() {  # url seconds pid [curl args...]: 200 from url, polled every 20 ms
  local url=$1 deadline=$((SECONDS + $2)) pid=$3
  shift 3
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 1
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$@" "$url" || true) == 200 ]] && return 0
    sleep 0.02
  done
  return 1
}

# Starts docker-registry on $1 (its storage dir, kept across starts); sets REFERENCE_URL,
# REFERENCE_PID, and REFERENCE_START_S (seconds from exec to the first 200 from /v2/).
start_reference() {
  local storage=$1 port t0
  port=$(python3 "$LIB/ports.py" 1)
  mkdir -p "$storage"
  cat > "$WORK/reference.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:$port
YAML
  t0=$(now)
  docker-registry serve "$WORK/reference.yml" > "$WORK/reference.log" 2>&1 &
  REFERENCE_PID=$!
  PIDS+=("$REFERENCE_PID")
  await_http "http://127.0.0.1:$port/v2/" 60 "$REFERENCE_PID" || { cat "$WORK/reference.log" >&2; echo "docker-registry did not start" >&2; exit 1; }
  REFERENCE_START_S=$(elapsed "$t0" "$(now)")
  REFERENCE_URL=http://127.0.0.1:$port
}

# start_meridian LOG JAVA_OPTS... -- MERIDIAN_ARGS...: a fresh `java -jar $JAR` (or
# $MERIDIAN_LAUNCHER, given the JVM flags as MERIDIAN_JAVA_OPTS); sets MERIDIAN_URL (the
# region $MERIDIAN_REGION), MERIDIAN_PID, and MERIDIAN_START_S (seconds from exec to the line
# `ready global`, which the runtime prints when every endpoint accepts requests).
start_meridian() {
  local logfile=$1 jvm=() port line t0
  shift
  while [[ $1 != -- ]]; do jvm+=("$1"); shift; done; shift
  port=$(python3 "$LIB/ports.py" 8)
  t0=$(now)
  if [[ -n ${MERIDIAN_LAUNCHER:-} ]]; then  # e.g. bin/meridian-local: the JVM flags go by env
    MERIDIAN_JAVA_OPTS="${jvm[*]}" "$MERIDIAN_LAUNCHER" --port "$port" --rate-limit 0 "$@" > "$logfile" 2>&1 &
  else
    java "${jvm[@]}" -jar "$JAR" --port "$port" --rate-limit 0 "$@" > "$logfile" 2>&1 &
  fi
  MERIDIAN_PID=$!
  PIDS+=("$MERIDIAN_PID")
  for _ in $(seq 9000); do  # up to 180 s
    grep -q '^ready global ' "$logfile" && break
    kill -0 "$MERIDIAN_PID" 2>/dev/null || break
    sleep 0.02
  done
  MERIDIAN_START_S=$(elapsed "$t0" "$(now)")
  line=$(grep -m1 "^ready ${MERIDIAN_REGION:-eastus} " "$logfile" || true)
  if [[ -z $line ]] || ! grep -q '^ready global ' "$logfile"; then
    tail -50 "$logfile" >&2; echo "Meridian did not get ready" >&2; exit 1
  fi
  MERIDIAN_URL=${line##* }
}

skopeo_dest() { [[ $1 == meridian ]] && echo "--dest-creds=$ADMIN_CREDS" || echo "--dest-no-creds"; }
skopeo_src() { [[ $1 == meridian ]] && echo "--src-creds=$ADMIN_CREDS" || echo "--src-no-creds"; }

# push_pull TARGET URL REPO SIZES...: writes a fresh image of random layers (SIZES MiB each), pushes
# it with skopeo, pulls it back into an empty OCI layout; sets PUSH_S, PULL_S (empty on failure,
# with SKOPEO_ERROR set) and IMAGE_BYTES.
push_pull() {
  local target=$1 hp=${2#http://} repo=$3 img=$WORK/img pulled=$WORK/pulled info t0 t1
  shift 3
  rm -rf "$img" "$pulled"
  info=$(python3 "$LIB/oci_image.py" "$img" v1 "$@")
  IMAGE_BYTES=$(json_field "$info" total)
  PUSH_S= PULL_S= SKOPEO_ERROR=
  t0=$(now)
  if timeout 900 skopeo --policy "$WORK/policy.json" copy -q --dest-tls-verify=false "$(skopeo_dest "$target")" \
      "oci:$img:v1" "docker://$hp/$repo:v1" > "$WORK/skopeo.log" 2>&1; then
    t1=$(now); PUSH_S=$(elapsed "$t0" "$t1")
  else
    SKOPEO_ERROR="push: $(tail -c 300 "$WORK/skopeo.log" | tr '\t\n' '  ')"; rm -rf "$img"; return
  fi
  rm -rf "$img"
  t0=$(now)
  if timeout 900 skopeo --policy "$WORK/policy.json" copy -q --src-tls-verify=false "$(skopeo_src "$target")" \
      "docker://$hp/$repo:v1" "oci:$pulled:v1" > "$WORK/skopeo.log" 2>&1; then
    t1=$(now); PULL_S=$(elapsed "$t0" "$t1")
  else
    SKOPEO_ERROR="pull: $(tail -c 300 "$WORK/skopeo.log" | tr '\t\n' '  ')"
  fi
  rm -rf "$pulled"
}

# replace_section FILE TITLE SECTION_FILE: puts SECTION_FILE's text (which starts with "## TITLE")
# in place of FILE's section of that title, or before "## Every round" if it has none.
replace_section() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, re, sys
out, title, section = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().rstrip("\n") + "\n"
text = open(out).read() if os.path.exists(out) else "# Benchmarks\n"
pattern = re.compile(r"^## " + re.escape(title) + r"\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda m: section + "\n", text, count=1)
elif "\n## Every round" in text:
    text = text.replace("\n## Every round", "\n" + section + "\n## Every round", 1)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(out, "w").write(text)
PY
}
