#!/usr/bin/env bash
# cds-archive.sh JAR ARCHIVE [TIER_FILE]: a training run of `strata serve` on an empty data dir that, on its way
# out, writes an AppCDS archive of every class it loaded. `java -XX:SharedArchiveFile=ARCHIVE -jar JAR serve ...`
# then maps those classes instead of reading, verifying and linking them from the jar: start-up takes about half the
# CPU (docs/performance.md, "Start-up"). The archive fits only the JVM build that wrote it and the jar at the same
# absolute path; otherwise the JVM starts without it. Used by the Dockerfile and by bench/run.sh.
set -euo pipefail

jar=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
archive=$2
tier=${3:-config/tier-hundreds.yaml}
port=${CDS_TRAINING_PORT:-18097}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

STRATA_PORT=$port STRATA_DATA_DIR=$data java -XX:ArchiveClassesAtExit="$archive" -jar "$jar" serve --config "$tier" \
  >"$data/training.log" 2>&1 &
pid=$!

# bash's /dev/tcp, not curl: the runtime image has no HTTP client
ready() {
  exec 3<>"/dev/tcp/127.0.0.1/$port" &&
    printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 &&
    head -n 1 <&3 | grep -q ' 200 '
}

for _ in $(seq 600); do
  (ready) 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$data/training.log" >&2; exit 1; }
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid" || true
[[ -s $archive ]] || { echo "no archive written to $archive" >&2; cat "$data/training.log" >&2; exit 1; }
echo "wrote $archive ($(du -h "$archive" | cut -f1)); use it with: java -XX:SharedArchiveFile=$archive -jar $jar serve ..."
