#!/usr/bin/env bash
# Garbage collection over one region of 1k, 5k and 10k manifests (issue 19 "Bench"): DynamoDB
# Local and s3proxy in one JVM, real adapters, a tenth of the manifests deleted; one GC run timed
# per size (GcBenchmark). Target: 10k manifests under 60 s, cost linear in the registry's size.
# Replaces the "## Garbage collection" section of docs/benchmarks.md (appends it the first time).
#
#   bench/gc.sh [--sizes 1000,5000,10000] [--no-doc]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=1000,5000,10000
DOC=1
COMMAND="bench/gc.sh $*"
while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) SIZES=$2; shift 2 ;;
    --no-doc) DOC=0; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
cd "$ROOT"
mvn -o -q -B -pl functions/aws -am test -Dtest=GcBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmeridian.bench=true -Dmeridian.bench.sizes="$SIZES"
TABLE=functions/aws/target/gc-bench.md
cat "$TABLE"
if [[ $DOC == 1 ]]; then
  SECTION=$(mktemp)
  {
    echo "## Garbage collection"
    echo
    echo "Command: \`$COMMAND\` ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end;"
    echo "one region, DynamoDB Local 3.3.1 and s3proxy in-process; N manifests in N/100 repositories, each"
    echo "with its own config and one of N/10 shared layers; every tenth manifest deleted; one \`gc\` run with"
    echo "no grace period timed; docs/lifecycle.md)."
    echo
    cat "$TABLE"
    echo
    echo "Target: 10,000 manifests under 60 s, cost linear (the last column flat). The run lists the"
    echo "bucket (1,000 keys a request), reads manifests 100 to a BatchGetItem and links 100 to a Query"
    echo "page, then makes three conditional writes and three deletes per collected blob."
  } > "$SECTION"
  python3 - "$SECTION" docs/benchmarks.md <<'PY'
import re, sys
section = open(sys.argv[1]).read()
path = sys.argv[2]
doc = open(path).read()
pattern = re.compile(r"^## Garbage collection\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(doc):
    doc = pattern.sub(lambda m: section + "\n", doc, count=1)
else:
    doc = doc.rstrip("\n") + "\n\n" + section
open(path, "w").write(doc)
PY
  rm -f "$SECTION"
fi
