#!/usr/bin/env bash
# SHA-256 throughput in a tiered (C2) JVM and a C1-only one, JDK's provider and BoringSSL's
# (Conscrypt, as NativeSha256 installs it in the fast start's C1-only child JVM). Prints MB/s
# (10^6 bytes) per round; docs/local-runtime.md "Fast start" and bench/notes.md cite it.
#   bench/sha256.sh      (needs the package: functions/local/target/meridian-local-extracted/lib)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CONSCRYPT=$(ls "$ROOT"/functions/local/target/meridian-local-extracted/lib/conscrypt-openjdk-uber-*.jar 2>/dev/null | head -1 || true)
[[ -n $CONSCRYPT ]] || { echo "no conscrypt jar: run mvn -q -DskipTests -pl functions/local -am package" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK" "$ROOT/bench/lib/Sha256Speed.java"
java -cp "$WORK:$CONSCRYPT" Sha256Speed "tiered (C2):"
java -XX:TieredStopAtLevel=1 -cp "$WORK:$CONSCRYPT" Sha256Speed "C1 only:"
