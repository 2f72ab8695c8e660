#!/usr/bin/env bash
# The meridian CLI against skopeo on the same registry, side by side in one run (issue 18):
# push and pull of a fresh 1+16+256 MiB image per client and round, rounds alternating which
# client goes first. Both talk to region 1 of one local runtime (on-disk data directory, redirect
# delivery). Prints one line per round and the medians as ratios CLI/skopeo (higher is better),
# and the CPU seconds each operation cost the client process and the runtime (all its threads,
# s3proxy's included, less nothing: its idle background work is in it too): unlike wall time,
# those hardly move with other load on the machine. The CLI runs as users run it, through
# bin/meridian (its JVM flags and AppCDS archive; an untimed push and pull first write the archive).
#
# The CLI pushes as users get it by default: one streamed PATCH per blob on the local runtime
# (which limits no request body). --with-direct adds a third client, "cli-direct": the CLI forced
# to direct uploads (`push --direct`: parallel parts straight to s3proxy), to compare both on
# the same machine.
#
#   bench/cli-vs-skopeo.sh [--rounds N] [--with-direct]   (default 3; needs the built jars and skopeo)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
clients="cli skopeo"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --with-direct) clients="cli skopeo cli-direct"; shift ;;
    *) echo "usage: $0 [--rounds N] [--with-direct]" >&2; exit 2 ;;
  esac
done
jar=functions/local/target/meridian-local.jar
cli=cli/target/meridian.jar
[ -f "$jar" ] && [ -f "$cli" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
command -v skopeo >/dev/null || { echo "needs skopeo (apt-get install -y skopeo)" >&2; exit 2; }

work=$(mktemp -d /tmp/meridian-cli-bench.XXXXXX)
port=$(python3 bench/lib/ports.py 4)
pw=bench-$(date +%s)
MERIDIAN_BOOTSTRAP_PASSWORD=$pw java -jar "$jar" --data-dir "$work/data" --port "$port" \
  --rate-limit 0 > "$work/runtime.log" 2>&1 &
runtime=$!
stop() { kill "$runtime" 2>/dev/null || true; wait "$runtime" 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT
for _ in $(seq 1 120); do grep -q '^ready global' "$work/runtime.log" && break; sleep 1; done
grep -q '^ready global' "$work/runtime.log" || { cat "$work/runtime.log" >&2; exit 1; }
host=127.0.0.1:$((port + 1))
policy="$work/policy.json"
echo '{"default":[{"type":"insecureAcceptAnything"}]}' > "$policy"
meridian=bin/meridian
echo "$pw" | "$meridian" login "$host" -u admin --password-stdin --authfile "$work/auth.json" >/dev/null

tck=$(getconf CLK_TCK)
# The runtime and its children: `java -jar` runs the registry in a child JVM when the build made
# the fast-start layout (docs/local-runtime.md "Fast start"), and the launcher itself idles.
server_ticks() {
  local t=0 p
  for p in "$runtime" $(pgrep -P "$runtime"); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$t"
}
# Runs a command; prints its wall seconds, its own CPU seconds and the runtime's CPU seconds meanwhile.
seconds() {
  local t0 t1 s0 s1
  s0=$(server_ticks); t0=$(date +%s.%N)
  # A subshell's `times`, second line: the user and system CPU of the processes it waited for.
  ( "$@" >/dev/null 2>"$work/last.err" || exit 1; times > "$work/cpu" ) || { cat "$work/last.err" >&2; exit 1; }
  t1=$(date +%s.%N); s1=$(server_ticks)
  client=$(tail -1 "$work/cpu" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] } print t }')
  echo "$(echo "$t1 - $t0" | bc) $client $(echo "($s1 - $s0) / $tck" | bc -l)"
}
mib() { python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['total']/1048576, 1))" "$1"; }

cli_push() { "$meridian" --authfile "$work/auth.json" push -q "oci:$1:v1" "$host/$2:v1"; }
cli_direct_push() { "$meridian" --authfile "$work/auth.json" push -q --direct "oci:$1:v1" "$host/$2:v1"; }
cli_pull() { "$meridian" --authfile "$work/auth.json" pull -q "$host/$1:v1" "oci:$2:v1"; }
sk_push() { skopeo --policy "$policy" copy -q --dest-tls-verify=false --dest-creds "admin:$pw" "oci:$1:v1" "docker://$host/$2:v1"; }
sk_pull() { skopeo --policy "$policy" copy -q --src-tls-verify=false --src-creds "admin:$pw" "docker://$host/$1:v1" "oci:$2:v1"; }

python3 bench/lib/oci_image.py "$work/warm" v1 1 16 > /dev/null   # writes bin/meridian's CDS archive if missing
cli_push "$work/warm" bench/warm >/dev/null; cli_pull bench/warm "$work/warm-out" >/dev/null; rm -rf "$work/warm" "$work/warm-out"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'round\tclient\tMiB\tpush_s\tpull_s\tpush_MBps\tpull_MBps\tpush_cpu_client\tpush_cpu_server\tpull_cpu_client\tpull_cpu_server\n' | tee "$work/results.tsv"
for r in $(seq 1 "$rounds"); do
  # alternate who goes first: rotate the list by the round number
  read -ra list <<< "$clients"; k=$(( (r - 1) % ${#list[@]} )); order="${list[*]:k} ${list[*]:0:k}"
  for c in $order; do
    img="$work/img-$c-$r"
    python3 bench/lib/oci_image.py "$img" v1 1 16 256 > "$work/img.json"
    size=$(mib "$work/img.json")
    if [ "$c" = cli ]; then
      read -r push pushc pushs < <(seconds cli_push "$img" "bench/$c$r")
      read -r pull pullc pulls < <(seconds cli_pull "bench/$c$r" "$work/out-$c-$r")
    elif [ "$c" = cli-direct ]; then
      read -r push pushc pushs < <(seconds cli_direct_push "$img" "bench/$c$r")
      read -r pull pullc pulls < <(seconds cli_pull "bench/$c$r" "$work/out-$c-$r")
    else
      read -r push pushc pushs < <(seconds sk_push "$img" "bench/$c$r")
      read -r pull pullc pulls < <(seconds sk_pull "bench/$c$r" "$work/out-$c-$r")
    fi
    printf '%s\t%s\t%s\t%.2f\t%.2f\t%.0f\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\n' "$r" "$c" "$size" "$push" "$pull" \
      "$(echo "$size / $push" | bc -l)" "$(echo "$size / $pull" | bc -l)" \
      "$pushc" "$pushs" "$pullc" "$pulls" | tee -a "$work/results.tsv"
    rm -rf "$img" "$work/out-$c-$r"
  done
done
python3 - "$work/results.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def med(client, key):
    return statistics.median(float(r[key]) for r in rows if r["client"] == client)
clients = sorted({r["client"] for r in rows}, key=["cli", "skopeo", "cli-direct"].index)
rounds = len(rows) // len(clients)
for key, name in (("push_MBps", "push"), ("pull_MBps", "pull")):
    sk = med("skopeo", key)
    for client in (c for c in clients if c != "skopeo"):
        mine = med(client, key)
        print(f"{name}: {client} {mine:.0f} MiB/s, skopeo {sk:.0f} MiB/s, ratio {mine / sk:.2f}x (medians of {rounds} rounds)")
for op in ("push", "pull"):
    parts = []
    for client in clients:
        c, s = med(client, op + "_cpu_client"), med(client, op + "_cpu_server")
        parts.append(f"{client} {c:.2f} + runtime {s:.2f} s")
    print(f"{op} CPU seconds (client + runtime, medians): " + ", ".join(parts))
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
stop
trap - EXIT
