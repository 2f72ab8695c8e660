#!/usr/bin/env bash
# Cold start of the Lambda functions, as template.yaml deploys them (docs/aws.md "Cold start"):
# the shaded jar's size and class count, then for pullHttp and pushHttp, each in a fresh JVM on
# that jar alone, against DynamoDB Local, s3proxy and a Secrets Manager stand-in:
#   - JVM start -> function ready (FunctionInvoker constructed: Spring context, SDK clients);
#   - the first real request's time, and JVM start -> first answer;
#   - "primed": the same after a simulated SnapStart snapshot/restore (the function's CRaC
#     beforeCheckpoint priming and afterRestore hooks run first), i.e. what the first request
#     after a restore pays for class loading and cold code. A real restore also pages memory
#     back in; this machine has no SnapStart.
# Usage: bench/cold-start.sh [--rounds N]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: bench/cold-start.sh [--rounds N]" >&2; exit 2 ;;
  esac
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
mvn -o -q -B -pl functions/app -am verify -DskipTests=false \
  -Dtest=ShadedJarTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmeridian.coldstart.rounds="$rounds" >/tmp/cold-start-mvn.log 2>&1 \
  || { tail -50 /tmp/cold-start-mvn.log; exit 1; }
jar=$(ls functions/app/target/meridian-app-*-aws.jar)
echo "shaded jar: $jar"
echo "  size: $(stat -c %s "$jar") bytes ($(( $(stat -c %s "$jar") / 1048576 )) MiB)"
echo "  classes: $(unzip -l "$jar" | grep -c '\.class$')"
echo "  cpus: $(nproc), load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg) (before: $load_before)"
python3 - functions/app/target/cold-start.txt <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    round_, payload = line.split(" ", 1)
    r = json.loads(payload)
    rows.setdefault((r["definition"], r["primed"]), []).append(r)
print(f"{'function':10} {'mode':7} {'rounds':>6} {'jvm->ready ms':>14} {'1st request ms':>15} {'1st req CPU ms':>15} {'jvm->1st answer ms':>19} {'2nd request ms':>15}")
for (definition, primed), rs in sorted(rows.items()):
    med = lambda k: int(statistics.median(x.get(k, -1) for x in rs))
    print(f"{definition:10} {'primed' if primed else 'cold':7} {len(rs):6} {med('jvmToReadyMillis'):14} {med('firstRequestMillis'):15} {med('firstRequestCpuMillis'):15} {med('jvmToFirstAnswerMillis'):19} {med('secondRequestMillis'):15}")
print("(medians; every round:)")
for (definition, primed), rs in sorted(rows.items()):
    print(f"  {definition} {'primed' if primed else 'cold'}: first request ms " + ", ".join(str(x['firstRequestMillis']) for x in rs)
          + "; its process CPU ms " + ", ".join(str(x.get('firstRequestCpuMillis', -1)) for x in rs))
PY
