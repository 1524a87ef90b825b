#!/usr/bin/env bash
# A 20-second smoke run of the Gatling journeys against a fresh hundreds-tier server on loopback.
#   bench/gatling/smoke.sh          (from anywhere; builds target/strata.jar when it is missing)
# The HTML report lands in bench/gatling/target/gatling/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/target/strata.jar"
PORT="${STRATA_SMOKE_PORT:-18280}"
DATA="$(mktemp -d)"
export STRATA_DATA_DIR="$DATA" STRATA_PORT="$PORT" STRATA_JWT_SECRET="smoke-secret-that-is-at-least-32-bytes-long"

[[ -f "$JAR" ]] || mvn -B -q -f "$ROOT/pom.xml" package -DskipTests
java -Xmx512m -jar "$JAR" serve --config "$ROOT/config/tier-hundreds.yaml" >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'status=$?; kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"; exit $status' EXIT

for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null || { cat "$DATA/server.log" >&2; exit 1; }

tokens=()
for user in alice bob carol dave; do
  tokens+=("$(java -jar "$JAR" token --config "$ROOT/config/tier-hundreds.yaml" --user "$user")")
done
export STRATA_TOKENS="$(IFS=,; echo "${tokens[*]}")"

mvn -B -q -f "$ROOT/bench/gatling/pom.xml" gatling:test \
  -DbaseUrl="http://127.0.0.1:$PORT" -DdurationSeconds=20 -DusersPerSecond=5 -DhotKeys=50
