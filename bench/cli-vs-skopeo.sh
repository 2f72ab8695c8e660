#!/usr/bin/env bash
# The meridian CLI against skopeo on the same registry, side by side in one run (issue 18):
# push and pull of a fresh 1+16+256 MiB image per client and round, rounds alternating which
# client goes first. Both talk to region 1 of one local runtime (on-disk data directory, redirect
# delivery). Prints one line per round and the medians as ratios CLI/skopeo (higher is better).
#
#   bench/cli-vs-skopeo.sh [--rounds N]        (default 3; needs the built jars and skopeo)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
[ "${1:-}" = "--rounds" ] && rounds="$2"
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
echo "$pw" | java -jar "$cli" login "$host" -u admin --password-stdin --authfile "$work/auth.json" >/dev/null

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 1; }; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
mib() { python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['total']/1048576, 1))" "$1"; }

cli_push() { java -jar "$cli" --authfile "$work/auth.json" push -q "oci:$1:v1" "$host/$2:v1"; }
cli_pull() { java -jar "$cli" --authfile "$work/auth.json" pull -q "$host/$1:v1" "oci:$2:v1"; }
sk_push() { skopeo --policy "$policy" copy -q --dest-tls-verify=false --dest-creds "admin:$pw" "oci:$1:v1" "docker://$host/$2:v1"; }
sk_pull() { skopeo --policy "$policy" copy -q --src-tls-verify=false --src-creds "admin:$pw" "docker://$host/$1:v1" "oci:$2:v1"; }

printf 'round\tclient\tMiB\tpush_s\tpull_s\tpush_MBps\tpull_MBps\n' | tee "$work/results.tsv"
for r in $(seq 1 "$rounds"); do
  order="cli skopeo"; [ $((r % 2)) -eq 0 ] && order="skopeo cli"
  for c in $order; do
    img="$work/img-$c-$r"
    python3 bench/lib/oci_image.py "$img" v1 1 16 256 > "$work/img.json"
    size=$(mib "$work/img.json")
    if [ "$c" = cli ]; then
      push=$(seconds cli_push "$img" "bench/$c$r"); pull=$(seconds cli_pull "bench/$c$r" "$work/out-$c-$r")
    else
      push=$(seconds sk_push "$img" "bench/$c$r"); pull=$(seconds sk_pull "bench/$c$r" "$work/out-$c-$r")
    fi
    printf '%s\t%s\t%s\t%.2f\t%.2f\t%.0f\t%.0f\n' "$r" "$c" "$size" "$push" "$pull" \
      "$(echo "$size / $push" | bc -l)" "$(echo "$size / $pull" | bc -l)" | tee -a "$work/results.tsv"
    rm -rf "$img" "$work/out-$c-$r"
  done
done
python3 - "$work/results.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def med(client, key):
    return statistics.median(float(r[key]) for r in rows if r["client"] == client)
for key, name in (("push_MBps", "push"), ("pull_MBps", "pull")):
    cli, sk = med("cli", key), med("skopeo", key)
    print(f"{name}: CLI {cli:.0f} MiB/s, skopeo {sk:.0f} MiB/s, ratio {cli / sk:.2f}x (medians of {len(rows) // 2} rounds)")
PY
stop
trap - EXIT
