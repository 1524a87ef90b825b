#!/usr/bin/env bash
# Strata's side-by-side benchmark (issue 7), one command:  bench/run.sh
#
# Builds the jar, bench/floor and bench/tools, installs wrk when missing, starts what each scenario needs
# on 127.0.0.1, runs baseline and subject alternately for ROUNDS rounds, stops everything it started, and
# writes bench/results/latest.md, latest.png and capacity.json. Every target is a ratio of medians
# measured in this run. See docs/performance.md.
#
# Settings (environment):
#   ROUNDS=3          rounds; each round runs the baseline, then the subject
#   DURATION=10s      one wrk run;  WARMUP=20s  one unmeasured run per server and scenario first
#   WARMUP_MAX_RUNS=12  Strata and the floor under wrk repeat that warm-up run until one is no more than
#                     SETTLED_PCT=5 percent faster than the one before and the JIT compilers used at most
#                     JIT_QUIET_PCT=3 percent of a core during it, at most this many times. On one pinned core the compiler threads share
#                     the core with 32 busy request threads: Strata's uncached GET took ~130 s of load to reach its
#                     plateau, passing through flat stretches that looked settled at a quarter of it.
#   CONNECTIONS=32    wrk connections for record scenarios;  BLOB_CONNECTIONS=4  for 1 MiB blobs
#   SERVER_CPU=0 LOAD_CPU=1   taskset cores for the servers under test and for wrk/pgbench
#   SCENARIOS="..."   space-separated subset of: cached-get uncached-get-h2 h2-put blob-put blob-get
#                     mixed-zipf startup pg-get pg-put s3-blob queued-put kafka-producer jmh
#                     (pg-put also runs pg-put-users: the same PUTs spread over 64 users)
#   PG_URL            a PostgreSQL to use (postgresql://user@host:port/db); default: 127.0.0.1:5432 when it
#                     answers, else one started from the embedded-postgres binaries
#   MIXED_KEYS=10000  records the mixed Zipf workload spreads over
#   LAG_SECONDS=60    how long queued-put offers its open-loop load while the worker lag is read
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-20s}
WARMUP_MAX_RUNS=${WARMUP_MAX_RUNS:-12}
SETTLED_PCT=${SETTLED_PCT:-5}
JIT_QUIET_PCT=${JIT_QUIET_PCT:-3}
CONNECTIONS=${CONNECTIONS:-32}
BLOB_CONNECTIONS=${BLOB_CONNECTIONS:-4}
SERVER_CPU=${SERVER_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
MIXED_KEYS=${MIXED_KEYS:-10000}
LAG_SECONDS=${LAG_SECONDS:-60}
SCENARIOS=${SCENARIOS:-"cached-get uncached-get-h2 h2-put blob-put blob-get mixed-zipf startup pg-get pg-put s3-blob queued-put kafka-producer jmh"}

FLOOR_PORT=18090
STRATA_PORT_CACHED=18081
STRATA_PORT_UNCACHED=18082
STRATA_PORT_STARTUP=18083
EMBEDDED_PG_PORT=15432

RESULTS=$ROOT/bench/results
RUN=$RESULTS/tmp/run-$(date +%Y%m%d-%H%M%S)
WRK_DIR=$ROOT/bench/wrk
STRATA_JAR=$ROOT/target/strata.jar
FLOOR_JAR=$ROOT/bench/floor/target/floor.jar
TOOLS_JAR=$ROOT/bench/tools/target/bench-tools.jar
mkdir -p "$RUN"

# ---------------------------------------------------------------- processes we start, and only those
STARTED_PIDS=()

stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    stop_pid "$pid"
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start LOGFILE CMD...: runs CMD in the background, remembers its pid in LAST_PID
start() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
}

# stop_started PID: stops one process this script started and forgets it
stop_started() {
  local pid=$1 kept=() p
  stop_pid "$pid"
  for p in "${STARTED_PIDS[@]}"; do
    [[ $p == "$pid" ]] || kept+=("$p")
  done
  STARTED_PIDS=("${kept[@]}")
}

# await_http URL PID [SECONDS]: waits until URL answers 2xx; fails when PID exits first
await_http() {
  local url=$1 pid=$2 limit=${3:-60}
  local deadline=$((SECONDS + limit))
  until curl -sf -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.01
  done
}

progress() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
has() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# ---------------------------------------------------------------- results files read by bench/tools Report
# scenarios.csv: id|title|subject|baseline|targets|status      runs.csv: scenario|side|round|metric|value
scenario() { printf '%s|%s|%s|%s|%s|%s\n' "$@" >>"$RUN/scenarios.csv"; }
record() { printf '%s|%s|%s|%s|%s\n' "$@" >>"$RUN/runs.csv"; }
: >"$RUN/scenarios.csv"
: >"$RUN/runs.csv"

json_number() { grep -o "\"$2\":[0-9.]*" <<<"$1" | head -1 | cut -d: -f2; }

# measured ID SIDE ROUND OUTPUT: records the WRK_JSON line of one run's OUTPUT (ROUND 0 = warm-up, shown only;
# its req/s is left in LAST_WARMUP_RPS)
measured() {
  local id=$1 side=$2 round=$3 out=$4
  local json errors
  json=$(grep '^WRK_JSON ' <<<"$out" | cut -d' ' -f2-)
  printf '%s|%s|%s|%s\n' "$id" "$side" "$round" "$json" >>"$RUN/wrk.jsonl"
  errors=$(( $(json_number "$json" connect) + $(json_number "$json" read) + $(json_number "$json" write) \
    + $(json_number "$json" status) + $(json_number "$json" timeout) ))
  if ((round == 0)); then
    LAST_WARMUP_RPS=$(json_number "$json" rps)
    progress "  $id $side warm-up: $LAST_WARMUP_RPS req/s"
    return
  fi
  record "$id" "$side" "$round" rps "$(json_number "$json" rps)"
  record "$id" "$side" "$round" p50_us "$(json_number "$json" p50)"
  record "$id" "$side" "$round" p99_us "$(json_number "$json" p99)"
  record "$id" "$side" "$round" errors "$errors"
  progress "  $id round $round $side: $(json_number "$json" rps) req/s, p50 $(json_number "$json" p50) us," \
    "p99 $(json_number "$json" p99) us$( ((errors == 0)) || echo ", $errors ERRORS (see $RUN/wrk.jsonl)")"
}

# wrk_run ID SIDE ROUND CONNECTIONS SCRIPT URL [NAME=VALUE...]: one measured wrk run (ROUND 0 = warm-up)
wrk_run() {
  local id=$1 side=$2 round=$3 conns=$4 script=$5 url=$6
  shift 6
  local duration=$DURATION
  ((round > 0)) || duration=$WARMUP
  measured "$id" "$side" "$round" \
    "$(env "$@" taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"$duration" -s "$WRK_DIR/$script" "$url")"
}

# tool_run ID SIDE ROUND CLASS ARG...: one measured run of a bench/tools load runner (S3Load,
# KafkaProducerLoad, SecondAck), pinned like wrk; an ARG of @SECONDS becomes the run's duration in seconds
tool_run() {
  local id=$1 side=$2 round=$3 class=$4
  shift 4
  local seconds=${DURATION%s} args=() a
  ((round > 0)) || seconds=${WARMUP%s}
  for a in "$@"; do [[ $a == @SECONDS ]] && args+=("$seconds") || args+=("$a"); done
  measured "$id" "$side" "$round" "$(taskset -c "$LOAD_CPU" java -Xmx512m -cp "$TOOLS_JAR" \
    "dev.strata.bench.tools.$class" "${args[@]}" 2>>"$RUN/tools.log")"
}

# jit_ticks: CPU ticks (1/100 s) the JIT compiler threads of every process this run started have used so far
jit_ticks() {
  local total=0 pid task ticks
  for pid in "${STARTED_PIDS[@]}"; do
    for task in /proc/"$pid"/task/*; do
      [[ $(cat "$task/comm" 2>/dev/null) == C[12]" CompilerThre"* ]] || continue
      ticks=$(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null) || ticks=0
      total=$((total + ${ticks:-0}))
    done
  done
  echo "$total"
}

# settle ID SIDE COMMAND...: repeats COMMAND, a warm-up run (round 0) that leaves its req/s in LAST_WARMUP_RPS, until
# the JIT compilers were quiet during a run that was at most SETTLED_PCT percent faster than the one before (no
# longer climbing; a slower one is this machine's noise, which moved a settled floor by +-20% from run to run), at
# most WARMUP_MAX_RUNS times
settle() {
  local id=$1 side=$2 previous=0 runs ticks_before started jit_pct
  shift 2
  for runs in $(seq "$WARMUP_MAX_RUNS"); do
    ticks_before=$(jit_ticks)
    started=$(date +%s%N)
    "$@"
    jit_pct=$(( ($(jit_ticks) - ticks_before) * 1000000000 / ($(date +%s%N) - started + 1) ))
    if ((runs > 1 && jit_pct <= JIT_QUIET_PCT)) && awk -v a="$previous" -v b="$LAST_WARMUP_RPS" -v pct="$SETTLED_PCT" \
        'BEGIN { exit !(b > 0 && (b - a) / a * 100 <= pct) }'; then
      return
    fi
    ((jit_pct <= JIT_QUIET_PCT)) || progress "  $id $side: the JIT compilers used $jit_pct% of a core in that warm-up run"
    previous=$LAST_WARMUP_RPS
  done
  progress "  $id $side: still not settled after $WARMUP_MAX_RUNS warm-up runs; measuring anyway"
}

# compare ID CONNS "BASELINE_SCRIPT BASELINE_URL [ENV...]" "SUBJECT_SCRIPT SUBJECT_URL [ENV...]":
# each side warmed up until it settles, then ROUNDS rounds of baseline then subject
compare() {
  local id=$1 conns=$2 baseline=$3 subject=$4 round
  # shellcheck disable=SC2086 # the side specs are word lists on purpose
  settle "$id" baseline wrk_run "$id" baseline 0 "$conns" $baseline
  # shellcheck disable=SC2086
  settle "$id" subject wrk_run "$id" subject 0 "$conns" $subject
  for round in $(seq "$ROUNDS"); do
    # shellcheck disable=SC2086
    wrk_run "$id" baseline "$round" "$conns" $baseline
    # shellcheck disable=SC2086
    wrk_run "$id" subject "$round" "$conns" $subject
  done
}

# ---------------------------------------------------------------- build
progress "building target/strata.jar, bench/floor, bench/tools (logs in $RUN/build.log)"
(cd "$ROOT" && mvn -B -q install -DskipTests) >"$RUN/build.log" 2>&1
mvn -B -q -f "$ROOT/bench/floor/pom.xml" package >>"$RUN/build.log" 2>&1
mvn -B -q -f "$ROOT/bench/tools/pom.xml" package >>"$RUN/build.log" 2>&1
if ! command -v wrk >/dev/null; then
  progress "installing wrk"
  apt-get install -y wrk >>"$RUN/build.log" 2>&1 || { apt-get update >>"$RUN/build.log" 2>&1 && apt-get install -y wrk >>"$RUN/build.log" 2>&1; }
fi

# ---------------------------------------------------------------- the hundreds tier and the floor
# The bench tier file is tier-hundreds.yaml with the per-user rate limit lifted: one bench user sends
# thousands of requests per second, which the shipped limit (100/s) would answer with 429.
bench_tier() {
  local cache=$1 file=$2
  sed -e 's/requestsPerSecond: 100$/requestsPerSecond: 1000000/' -e 's/burst: 200$/burst: 1000000/' \
    "$ROOT/config/tier-hundreds.yaml" >"$file"
  if [[ $cache == none ]]; then
    sed -i -e '/^cache:/,/^writes:/{/^cache:/!{/^writes:/!d}}' -e 's/^cache:$/cache:\n  type: none/' "$file"
  fi
}
# lift_rate_limit FILE: the same lift for the thousands and millions tier files, which ship without an
# auth.rateLimit section (so the default 100/s, burst 200, applies): adds one after auth's audience line
lift_rate_limit() {
  sed -i 's/^  audience: strata$/&\n  rateLimit:\n    requestsPerSecond: 1000000\n    burst: 1000000/' "$1"
  grep -q 'requestsPerSecond: 1000000' "$1" || { echo "could not lift the rate limit in $1" >&2; exit 1; }
}
bench_tier caffeine "$RUN/tier-bench.yaml"
bench_tier none "$RUN/tier-bench-uncached.yaml"
export STRATA_JWT_SECRET=bench-secret-0123456789abcdef0123456789abcdef
export STRATA_TOKEN
STRATA_TOKEN=$(java -jar "$STRATA_JAR" token --config "$RUN/tier-bench.yaml" --user bench --ttl 2h)

# mint_token USER: the same HS256 token `strata token --ttl 2h` prints, minted with openssl so that 64 users
# do not take 64 JVM starts (header, claims and signature as the CLI's, compared by hand; a wrong one shows as
# 401 errors in the table)
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
mint_token() {
  local now head body
  now=$(date +%s)
  head=$(printf '{"alg":"HS256"}' | b64url)
  body=$(printf '{"sub":"%s","aud":"strata","scope":"user","iss":"strata","exp":%d,"iat":%d}' "$1" $((now + 7200)) "$now" | b64url)
  printf '%s.%s.%s' "$head" "$body" "$(printf '%s.%s' "$head" "$body" | openssl dgst -sha256 -hmac "$STRATA_JWT_SECRET" -binary | b64url)"
}
# 64 bench users for pg-put-users: concurrent PUTs of one user serialise on its quota row (usage ... FOR UPDATE)
USER_TOKENS=$(for n in $(seq 0 63); do mint_token "bench-u$n"; echo; done | paste -sd,)

# start_strata PORT TIER_FILE DATA_DIR: the server under test, pinned to SERVER_CPU
start_strata() {
  start "$RUN/strata-$1.log" env STRATA_PORT="$1" STRATA_DATA_DIR="$3" \
    taskset -c "$SERVER_CPU" java -jar "$STRATA_JAR" serve --config "$2"
  await_http "http://127.0.0.1:$1/health/ready" "$LAST_PID" 300 || { echo "Strata on $1 did not start: $RUN/strata-$1.log" >&2; exit 1; }
}

needs_servers=false
for s in cached-get uncached-get-h2 h2-put blob-put blob-get mixed-zipf; do has "$s" && needs_servers=true; done
if $needs_servers; then
  progress "starting the floor (:$FLOOR_PORT) and Strata hundreds tier (cached :$STRATA_PORT_CACHED, uncached :$STRATA_PORT_UNCACHED) on cpu $SERVER_CPU; wrk on cpu $LOAD_CPU"
  start "$RUN/floor.log" env FLOOR_PORT=$FLOOR_PORT FLOOR_DATA_DIR="$RUN/floor-data" taskset -c "$SERVER_CPU" java -jar "$FLOOR_JAR"
  await_http "http://127.0.0.1:$FLOOR_PORT/floor" "$LAST_PID" 300 || { echo "the floor did not start: $RUN/floor.log" >&2; exit 1; }
  start_strata $STRATA_PORT_CACHED "$RUN/tier-bench.yaml" "$RUN/strata-data"
  start_strata $STRATA_PORT_UNCACHED "$RUN/tier-bench-uncached.yaml" "$RUN/strata-data-uncached"
fi
FLOOR=http://127.0.0.1:$FLOOR_PORT
STRATA=http://127.0.0.1:$STRATA_PORT_CACHED
UNCACHED=http://127.0.0.1:$STRATA_PORT_UNCACHED
RECORD=/v1/users/me/records/bench-key
auth=(-H "Authorization: Bearer $STRATA_TOKEN")
seed_record() { curl -sf -o /dev/null -X PUT "${auth[@]}" -H 'Content-Type: application/json' --data "$2" "$1"; }
RECORD_JSON='{"displayName":"Ada Lovelace","theme":"dark","locale":"en-GB","notifications":true}'

if has cached-get; then
  progress "scenario cached-get: Strata GET of a cached record vs the floor's fixed GET /floor, $CONNECTIONS connections"
  seed_record "$STRATA$RECORD" "$RECORD_JSON"
  scenario cached-get "cached record GET (Caffeine)" "Strata hundreds tier" "floor GET /floor" "rps>=0.60x;p99_us<=2x" run
  compare cached-get "$CONNECTIONS" "record-get.lua $FLOOR RECORD_PATH=/floor" "record-get.lua $STRATA RECORD_PATH=$RECORD"
fi

if has uncached-get-h2; then
  progress "scenario uncached-get-h2: Strata (cache none) GET vs the floor's raw H2 select, $CONNECTIONS connections"
  seed_record "$UNCACHED$RECORD" "$RECORD_JSON"
  seed_record "$FLOOR/floor/records/bench-key" "$RECORD_JSON"
  scenario uncached-get-h2 "uncached record GET (H2)" "Strata hundreds tier, cache none" "floor + raw H2 select" "" run
  compare uncached-get-h2 "$CONNECTIONS" "record-get.lua $FLOOR RECORD_PATH=/floor/records/bench-key" \
    "record-get.lua $UNCACHED RECORD_PATH=$RECORD"
fi

if has h2-put; then
  progress "scenario h2-put: Strata synchronous PUT vs the floor's raw H2 upsert, $CONNECTIONS connections"
  scenario h2-put "synchronous record PUT (H2)" "Strata hundreds tier" "floor + raw H2 MERGE" "" run
  compare h2-put "$CONNECTIONS" "record-put.lua $FLOOR RECORD_BASE=/floor/records/" "record-put.lua $STRATA"
fi

BLOB_FILE=$RUN/blob-1mib.bin
head -c 1048576 /dev/urandom >"$BLOB_FILE"
if has blob-put; then
  progress "scenario blob-put: Strata 1 MiB blob PUT vs the floor's direct file write, $BLOB_CONNECTIONS connections"
  scenario blob-put "1 MiB blob PUT (filesystem)" "Strata hundreds tier" "floor + direct file write" "rps>=0.70x" run
  compare blob-put "$BLOB_CONNECTIONS" "blob-put.lua $FLOOR BLOB_BASE=/floor/blobs/" "blob-put.lua $STRATA"
fi

if has blob-get; then
  progress "scenario blob-get: Strata 1 MiB blob GET vs the floor's direct file read, $BLOB_CONNECTIONS connections"
  curl -sf -o /dev/null -X PUT --data-binary "@$BLOB_FILE" "$FLOOR/floor/blobs/bench-get.bin"
  curl -sf -o /dev/null -X PUT "${auth[@]}" --data-binary "@$BLOB_FILE" "$STRATA/v1/users/me/blobs/bench-get.bin"
  scenario blob-get "1 MiB blob GET (filesystem)" "Strata hundreds tier" "floor + direct file read" "rps>=0.70x" run
  compare blob-get "$BLOB_CONNECTIONS" "record-get.lua $FLOOR RECORD_PATH=/floor/blobs/bench-get.bin" \
    "record-get.lua $STRATA RECORD_PATH=/v1/users/me/blobs/bench-get.bin"
fi

if has mixed-zipf; then
  progress "scenario mixed-zipf: 90% GET / 10% PUT over $MIXED_KEYS Zipf(0.99) keys, Strata vs the floor's raw H2, $CONNECTIONS connections"
  java -cp "$TOOLS_JAR" dev.strata.bench.tools.SeedRecords "$FLOOR/floor/records/" zipf- "$MIXED_KEYS" >>"$RUN/seed.log"
  java -cp "$TOOLS_JAR" dev.strata.bench.tools.SeedRecords "$STRATA/v1/users/me/records/" zipf- "$MIXED_KEYS" >>"$RUN/seed.log"
  scenario mixed-zipf "mixed Zipf 90/10 read/write" "Strata hundreds tier" "floor + raw H2 (no cache)" "" run
  compare mixed-zipf "$CONNECTIONS" "mixed-zipf.lua $FLOOR RECORD_BASE=/floor/records/ RECORD_KEYS=$MIXED_KEYS" \
    "mixed-zipf.lua $STRATA RECORD_KEYS=$MIXED_KEYS"
fi

if $needs_servers; then
  for pid in "${STARTED_PIDS[@]}"; do stop_started "$pid"; done
fi

# ---------------------------------------------------------------- start-up to ready and idle RSS
# startup_once ID SIDE ROUND URL DATA_DIR CMD...: wall time from exec to the first 2xx of URL, then the
# resident set after 2 s idle. Not pinned: start-up is measured on the whole machine.
startup_once() {
  local id=$1 side=$2 round=$3 url=$4
  shift 4
  local t0 ms rss
  t0=$(date +%s%N)
  start "$RUN/startup-$id-$side-$round.log" "$@"
  await_http "$url" "$LAST_PID" 300 || { echo "$id $side did not start: $RUN/startup-$id-$side-$round.log" >&2; exit 1; }
  ms=$((($(date +%s%N) - t0) / 1000000))
  sleep 2
  rss=$(($(awk '/^VmRSS/ {print $2}' "/proc/$LAST_PID/status") / 1024))
  stop_started "$LAST_PID"
  record "$id" "$side" "$round" start_ms "$ms"
  record "$id" "$side" "$round" rss_mb "$rss"
  progress "  $id round $round $side: ready in $ms ms, idle RSS $rss MB"
}

if has startup; then
  progress "scenario startup: hundreds tier to /health/ready vs the floor to its first answer"
  scenario startup-first "start-up, empty data dir" "Strata hundreds tier" "floor" "start_ms<2000;rss_mb<300" run
  scenario startup-restart "start-up, existing data dir" "Strata hundreds tier" "floor" "start_ms<2000;rss_mb<300" run
  scenario startup-cds "start-up, empty data dir, AppCDS archive (deploy/cds-archive.sh)" "Strata hundreds tier" "floor" \
    "start_ms<2000;rss_mb<300" run
  "$ROOT/deploy/cds-archive.sh" "$STRATA_JAR" "$RUN/strata.jsa" "$RUN/tier-bench.yaml" >>"$RUN/build.log" 2>&1
  floor_cmd=(env FLOOR_PORT=$FLOOR_PORT java -jar "$FLOOR_JAR")
  for round in $(seq "$ROUNDS"); do
    for id in startup-first startup-restart startup-cds; do
      data=$RUN/startup-data
      [[ $id == startup-restart ]] || rm -rf "$data"
      java_opts=()
      [[ $id == startup-cds ]] && java_opts=(-XX:SharedArchiveFile="$RUN/strata.jsa")
      startup_once "$id" baseline "$round" "$FLOOR/floor" "${floor_cmd[@]}"
      startup_once "$id" subject "$round" "http://127.0.0.1:$STRATA_PORT_STARTUP/health/ready" \
        env STRATA_PORT=$STRATA_PORT_STARTUP STRATA_DATA_DIR="$data" \
        java "${java_opts[@]}" -jar "$STRATA_JAR" serve --config "$RUN/tier-bench.yaml"
    done
  done
fi

# ---------------------------------------------------------------- tiers that may not be in this build
# tier_available FILE: false when serve refuses the tier file's adapters ("not available in this build")
tier_available() {
  local log=$RUN/detect-$(basename "$1" .yaml).log
  start "$log" env STRATA_PORT=18099 STRATA_DATA_DIR="$RUN/detect-data" STRATA_SHARD_URLS=jdbc:postgresql://127.0.0.1:1/none \
    java -jar "$STRATA_JAR" serve --config "$1"
  local pid=$LAST_PID
  for _ in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  stop_started "$pid"
  ! grep -q "not available in this build" "$log"
}

THOUSANDS=unknown
thousands_available() {
  if [[ $THOUSANDS == unknown ]]; then
    if tier_available "$ROOT/config/tier-thousands.yaml"; then THOUSANDS=yes; else THOUSANDS=no; fi
  fi
  [[ $THOUSANDS == yes ]]
}

# PostgreSQL for the pgbench baselines: PG_URL, else 127.0.0.1:5432 when it answers, else the embedded
# binaries. The benchmark works in its own database, strata_bench, created when missing.
start_postgres() {
  if [[ -n ${PG_URL:-} ]]; then return 0; fi
  local server
  if pg_isready -q -h 127.0.0.1 -p 5432 && psql -q -h 127.0.0.1 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
    server=postgresql://postgres@127.0.0.1:5432
    progress "using the PostgreSQL already running on 127.0.0.1:5432"
  else
    progress "starting PostgreSQL from the embedded-postgres binaries on :$EMBEDDED_PG_PORT"
    start "$RUN/postgres.log" java -cp "$TOOLS_JAR" dev.strata.bench.tools.PostgresRunner $EMBEDDED_PG_PORT "$RUN/postgres-data"
    local deadline=$((SECONDS + 90))
    until grep -q '^ready' "$RUN/postgres.log"; do
      kill -0 "$LAST_PID" 2>/dev/null && ((SECONDS < deadline)) || return 1
      sleep 0.2
    done
    server=postgresql://postgres@127.0.0.1:$EMBEDDED_PG_PORT
  fi
  psql -q "$server/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'strata_bench'" | grep -q 1 \
    || psql -q "$server/postgres" -c 'CREATE DATABASE strata_bench' >/dev/null
  PG_URL=$server/strata_bench
}

# pgbench_run ID SIDE ROUND PGBENCH_ARGS...: one measured pgbench run; p50/p99 from its per-transaction log
pgbench_run() {
  local id=$1 side=$2 round=$3
  shift 3
  local seconds=${DURATION%s}
  ((round > 0)) || seconds=${WARMUP%s}
  local logdir=$RUN/pgbench-$id-$round
  rm -rf "$logdir" && mkdir -p "$logdir"
  local out tps
  out=$(cd "$logdir" && taskset -c "$LOAD_CPU" pgbench -n -c "$CONNECTIONS" -j 1 -T "$seconds" -l --log-prefix=tx "$@" "$PG_URL" 2>&1)
  tps=$(grep -o 'tps = [0-9.]*' <<<"$out" | head -1 | cut -d' ' -f3)
  if ((round == 0)); then
    progress "  $id $side warm-up: $tps tps"
    return
  fi
  # column 3 of pgbench's transaction log is the latency in microseconds
  local sorted=$logdir/latencies
  cat "$logdir"/tx* | awk '{print $3}' | sort -n >"$sorted"
  local n p50 p99
  n=$(wc -l <"$sorted")
  p50=$(sed -n "$(((n + 1) / 2))p" "$sorted")
  p99=$(sed -n "$(((n * 99 + 99) / 100))p" "$sorted")
  record "$id" "$side" "$round" rps "$tps"
  record "$id" "$side" "$round" p50_us "$p50"
  record "$id" "$side" "$round" p99_us "$p99"
  rm -f "$logdir"/tx* "$sorted"
  progress "  $id round $round $side: $tps tps, p50 $p50 us, p99 $p99 us"
}

# A record-shaped table for the single-row insert baseline (its own table, dropped and made anew)
PG_INSERT_SCRIPT=$RUN/pgbench-insert.sql
cat >"$PG_INSERT_SCRIPT" <<'SQL'
\set k random(1, 100000000)
INSERT INTO bench_records (user_id, key, value, version, created_at, updated_at)
VALUES ('bench', 'key-' || :k, '{"displayName":"User","theme":"dark","locale":"en-GB","notifications":true}', 1, now(), now())
ON CONFLICT (user_id, key) DO UPDATE SET value = EXCLUDED.value, version = bench_records.version + 1, updated_at = now();
SQL

run_pg_scenario() {
  local id=$1 title=$2 target=$3 baseline_title=$4
  shift 4
  local subject_status=run
  thousands_available || subject_status="skipped: tier not available in this build"
  if ! start_postgres; then
    scenario "$id" "$title" "Strata thousands tier" "$baseline_title" "$target" "skipped: no PostgreSQL"
    return
  fi
  scenario "$id" "$title" "Strata thousands tier" "$baseline_title" "$target" "$subject_status"
  progress "scenario $id: baseline $baseline_title on $PG_URL, $CONNECTIONS connections (subject: $subject_status)"
  local round
  pgbench_run "$id" baseline 0 "$@"
  [[ $subject_status == run ]] && settle "$id" subject strata_on_postgres "$id" 0
  for round in $(seq "$ROUNDS"); do
    pgbench_run "$id" baseline "$round" "$@"
    [[ $subject_status == run ]] && strata_on_postgres "$id" "$round"
  done
  return 0
}

# The subject half once the thousands tier's adapters are in this build: Strata on the same PostgreSQL.
# S3 and Redis come from S3Proxy (target/test-servers/s3proxy.jar) and redis-server, as in the tests.
strata_on_postgres() {
  local id=$1 round=$2
  if [[ -z ${THOUSANDS_URL:-} ]]; then
    start_thousands_tier
  fi
  if [[ $id == pg-get ]]; then
    ((round > 1)) || seed_record "$THOUSANDS_URL$RECORD" "$RECORD_JSON"
    wrk_run "$id" subject "$round" "$CONNECTIONS" record-get.lua "$THOUSANDS_URL" RECORD_PATH=$RECORD
  elif [[ $id == pg-put-users ]]; then
    wrk_run "$id" subject "$round" "$CONNECTIONS" record-put.lua "$THOUSANDS_URL" STRATA_TOKENS="$USER_TOKENS"
  else
    wrk_run "$id" subject "$round" "$CONNECTIONS" record-put.lua "$THOUSANDS_URL"
  fi
}

S3_ENDPOINT=http://127.0.0.1:18900
S3_ACCESS_KEY=bench
S3_SECRET_KEY=bench-secret
REDIS_PORT=18379

# start_backends: S3Proxy (filesystem store under the run dir) and redis-server, shared by the thousands
# and millions tiers and by the direct-S3 baseline; once per run
start_backends() {
  [[ -z ${BACKENDS_STARTED:-} ]] || return 0
  BACKENDS_STARTED=yes
  cat >"$RUN/s3proxy.properties" <<PROPS
s3proxy.endpoint=$S3_ENDPOINT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$RUN/s3-data
PROPS
  mkdir -p "$RUN/s3-data"
  start "$RUN/s3proxy.log" java -Xmx256m -jar "$ROOT/target/test-servers/s3proxy.jar" --properties "$RUN/s3proxy.properties"
  start "$RUN/redis.log" redis-server --port $REDIS_PORT --bind 127.0.0.1 --save '' --appendonly no
  local deadline=$((SECONDS + 60))
  until curl -s -o /dev/null "$S3_ENDPOINT/"; do
    ((SECONDS < deadline)) || { echo "S3Proxy did not start: $RUN/s3proxy.log" >&2; exit 1; }
    sleep 0.2
  done
}

start_thousands_tier() {
  start_backends
  # the uncached GET is the point of pg-get: the thousands tier with its cache turned off
  sed -e '/^cache:/,/^writes:/{/^cache:/!{/^writes:/!d}}' -e 's/^cache:$/cache:\n  type: none/' \
    "$ROOT/config/tier-thousands.yaml" >"$RUN/tier-thousands-bench.yaml"
  lift_rate_limit "$RUN/tier-thousands-bench.yaml"
  # Strata migrates its own schema, so it gets its own database on the same server (pgbench's tables are in
  # strata_bench), made anew each run
  local server=${PG_URL%/*}
  PGOPTIONS='-c client_min_messages=warning' psql -q "$server/postgres" -c 'DROP DATABASE IF EXISTS strata_bench_thousands' -c 'CREATE DATABASE strata_bench_thousands' >/dev/null
  local db_url=jdbc:postgresql://${server#postgresql://*@}/strata_bench_thousands
  start "$RUN/strata-thousands.log" env STRATA_PORT=18084 STRATA_DATA_DIR="$RUN/thousands-data" STRATA_DB_URL="$db_url" \
    STRATA_DB_USER=postgres STRATA_REPLICAS=1 STRATA_S3_ENDPOINT=$S3_ENDPOINT STRATA_S3_ACCESS_KEY=$S3_ACCESS_KEY \
    STRATA_S3_SECRET_KEY=$S3_SECRET_KEY STRATA_REDIS_URL=redis://127.0.0.1:$REDIS_PORT \
    taskset -c "$SERVER_CPU" java -jar "$STRATA_JAR" serve --config "$RUN/tier-thousands-bench.yaml"
  await_http "http://127.0.0.1:18084/health/ready" "$LAST_PID" 120 || { echo "thousands tier did not start: $RUN/strata-thousands.log" >&2; exit 1; }
  THOUSANDS_URL=http://127.0.0.1:18084
}

if has pg-get; then
  # pgbench -S reads pgbench_accounts: 1M rows (scale 10), made anew in the bench database
  start_postgres && pgbench -i -q -s 10 "$PG_URL" >>"$RUN/pgbench-init.log" 2>&1
  run_pg_scenario pg-get "uncached record GET (PostgreSQL)" "rps>=0.50x" "pgbench -S" -S
fi
if has pg-put; then
  if start_postgres; then
    psql -q "$PG_URL" -c 'DROP TABLE IF EXISTS bench_records' -c "CREATE TABLE bench_records (user_id text, key text COLLATE \"C\",
      value text NOT NULL, version bigint NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, key))" >/dev/null
  fi
  run_pg_scenario pg-put "synchronous record PUT (PostgreSQL), 1 user" "rps>=0.60x" "pgbench single-row upsert" -f "$PG_INSERT_SCRIPT"
  run_pg_scenario pg-put-users "synchronous record PUT (PostgreSQL), 64 users" "rps>=0.60x" "pgbench single-row upsert" \
    -f "$PG_INSERT_SCRIPT"
fi
# s3-blob: Strata's 1 MiB blob PUT/GET on the thousands tier (wrk, as blob-put/blob-get) vs the same PUT/GET
# sent straight to the same S3Proxy by bench/tools S3Load (minio-java, BLOB_CONNECTIONS threads). S3Proxy
# checks signatures (aws-v2-or-v4) for both, with the credentials start_thousands_tier writes.
if has s3-blob; then
  if thousands_available; then
    scenario s3-blob-put "1 MiB blob PUT (S3)" "Strata thousands tier" "direct S3 PUT, minio-java" "rps>=0.70x" run
    scenario s3-blob-get "1 MiB blob GET (S3)" "Strata thousands tier" "direct S3 GET, minio-java" "rps>=0.70x" run
    start_postgres
    [[ -n ${THOUSANDS_URL:-} ]] || start_thousands_tier
    progress "scenario s3-blob: Strata 1 MiB blob PUT/GET vs direct S3 on the same S3Proxy, $BLOB_CONNECTIONS clients"
    curl -sf -o /dev/null -X PUT "${auth[@]}" --data-binary "@$BLOB_FILE" "$THOUSANDS_URL/v1/users/me/blobs/bench-get.bin"
    s3=("$S3_ENDPOINT" "$S3_ACCESS_KEY" "$S3_SECRET_KEY" bench-direct "$BLOB_CONNECTIONS" @SECONDS)
    for round in 0 $(seq "$ROUNDS"); do
      tool_run s3-blob-put baseline "$round" S3Load put "${s3[@]}"
      wrk_run s3-blob-put subject "$round" "$BLOB_CONNECTIONS" blob-put.lua "$THOUSANDS_URL"
      tool_run s3-blob-get baseline "$round" S3Load get "${s3[@]}"
      wrk_run s3-blob-get subject "$round" "$BLOB_CONNECTIONS" record-get.lua "$THOUSANDS_URL" \
        RECORD_PATH=/v1/users/me/blobs/bench-get.bin
    done
  else
    scenario s3-blob "1 MiB blob PUT/GET (S3)" "Strata thousands tier" "direct S3 (same client count)" "rps>=0.70x" \
      "skipped: tier not available in this build"
  fi
fi
# ---------------------------------------------------------------- the millions tier: queued writes
KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19093

# start_kafka: one KRaft node (broker and controller) from the jars the build lists in
# target/test-servers/kafka-broker.classpath, configured and formatted as the tests' KafkaBroker does
start_kafka() {
  local dir=$RUN/kafka cp
  cp=$(cat "$ROOT/target/test-servers/kafka-broker.classpath")
  mkdir -p "$dir"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/logs
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  timeout 120 java -Xmx384m -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
    -c "$dir/server.properties" >"$dir/format.log" 2>&1
  start "$dir/broker.log" java -Xmx384m -cp "$cp" kafka.Kafka "$dir/server.properties"
  local deadline=$((SECONDS + 120))
  until grep -qi 'kafka server started' "$dir/broker.log"; do
    kill -0 "$LAST_PID" 2>/dev/null && ((SECONDS < deadline)) || { echo "Kafka did not start: $dir/broker.log" >&2; exit 1; }
    sleep 0.5
  done
}

# start_millions_tier: two Strata millions-tier processes (role all: api and worker in one process) on two
# PostgreSQL databases as shards, S3Proxy, Redis and the Kafka above; one queues writes (:18085), the other is
# the same file with writes: mode: sync (:18086), the same-run baseline of the queued PUT.
start_millions_tier() {
  start_backends
  start_kafka
  local server=${PG_URL%/*} shards="" n
  for n in 1 2; do
    PGOPTIONS='-c client_min_messages=warning' psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS strata_bench_shard$n" -c "CREATE DATABASE strata_bench_shard$n" >/dev/null
    shards+=${shards:+,}jdbc:postgresql://${server#postgresql://*@}/strata_bench_shard$n
  done
  # one bench user sends every write: lift the rate limit and the per-user backlog (so a worker falling
  # behind shows as drain time below, not as fast 503s counted as throughput); one broker, replication 1
  sed -e 's/maxUserBacklog: 1000 /maxUserBacklog: 100000000 /' "$ROOT/config/tier-millions.yaml" >"$RUN/tier-millions-bench.yaml"
  lift_rate_limit "$RUN/tier-millions-bench.yaml"
  sed -e '/^writes:/,$d' "$RUN/tier-millions-bench.yaml" >"$RUN/tier-millions-sync.yaml"
  printf 'writes:\n  mode: sync\n' >>"$RUN/tier-millions-sync.yaml"
  local port file
  for port in 18085 18086; do
    file=$RUN/tier-millions-bench.yaml
    [[ $port == 18086 ]] && file=$RUN/tier-millions-sync.yaml
    start "$RUN/strata-millions-$port.log" env STRATA_PORT=$port STRATA_DATA_DIR="$RUN/millions-data-$port" \
      STRATA_SHARD_URLS="$shards" STRATA_DB_USER=postgres STRATA_REPLICAS=2 STRATA_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT \
      STRATA_KAFKA_REPLICATION=1 STRATA_S3_ENDPOINT=$S3_ENDPOINT STRATA_S3_ACCESS_KEY=$S3_ACCESS_KEY \
      STRATA_S3_SECRET_KEY=$S3_SECRET_KEY STRATA_REDIS_URL=redis://127.0.0.1:$REDIS_PORT \
      taskset -c "$SERVER_CPU" java -jar "$STRATA_JAR" serve --config "$file"
    await_http "http://127.0.0.1:$port/health/ready" "$LAST_PID" 180 || { echo "millions tier did not start: $RUN/strata-millions-$port.log" >&2; exit 1; }
  done
  QUEUED_URL=http://127.0.0.1:18085
  SYNC_URL=http://127.0.0.1:18086
}

# drain ROUND: after a queued round, one more queued PUT and its 2nd ACK: the bench user's writes are applied
# in order, so when it is persisted the backlog is gone; records how long that took (the workers' lag) and the
# worker's apply rate: busy from the round's start to the end of the drain, it applied every accepted write in
# that time (a lower bound: it shares its core with the api answering the round's PUTs)
drain() {
  local t0=$SECONDS out accepted
  out=$(java -cp "$TOOLS_JAR" dev.strata.bench.tools.SecondAck "$QUEUED_URL" 1 1 600 20 2>>"$RUN/tools.log")
  vacuum_if_no_autovacuum
  (($(json_number "$out" requests) == 1)) || { echo "the queued backlog did not drain: $out" >&2; exit 1; }
  progress "  queued-put round $1: backlog drained in $((SECONDS - t0)) s"
  (($1 == 0)) && return
  record queued-put subject "$1" drain_s $((SECONDS - t0))
  accepted=$(grep "^queued-put|subject|$1|" "$RUN/wrk.jsonl" | tail -1 | cut -d'|' -f4-)
  record queued-put subject "$1" worker_wps "$(awk -v n="$(json_number "$accepted" requests)" \
    -v d="$(json_number "$accepted" seconds)" -v w=$((SECONDS - t0)) 'BEGIN {printf "%.1f", n / (d + w)}')"
}

# worker_lag: queued PUTs at 0.8x this run's synchronous PUT rate, open loop, for LAG_SECONDS, while the
# worker's consumer lag is read every second: it must stay flat (chart: bench/results/worker-lag.png)
# vacuum_if_no_autovacuum: VACUUM the shard databases when the server runs without autovacuum (this machine's
# PostgreSQL 15 has it off): every queued write leaves dead request-status and usage row versions, and without
# vacuum the worker's index scans slowed until one drain took 447 s where the others took 16 s
vacuum_if_no_autovacuum() {
  [[ $(psql -At "${PG_URL%/*}/postgres" -c 'SHOW autovacuum' 2>/dev/null) == off ]] || return 0
  local n
  for n in 1 2; do
    psql -q "${PG_URL%/*}/strata_bench_shard$n" -c 'VACUUM ANALYZE' >>"$RUN/vacuum.log" 2>&1 || true
  done
}
# queued_warmup: one warm-up run of queued PUTs, then its backlog drained, so warm-up runs do not pile up a backlog
queued_warmup() {
  wrk_run queued-put subject 0 "$CONNECTIONS" record-put.lua "$QUEUED_URL"
  drain 0
}
worker_lag() {
  local sync_rps rate out
  sync_rps=$(grep '^queued-put|baseline|[1-9][0-9]*|rps|' "$RUN/runs.csv" | cut -d'|' -f5 | sort -n \
    | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
  rate=$(awk -v r="$sync_rps" 'BEGIN {printf "%.0f", r * 0.8}')
  progress "  worker lag: $rate queued PUT/s (0.8x sync) for $LAG_SECONDS s, lag read every second"
  out=$(taskset -c "$LOAD_CPU" java -Xmx512m -cp "$TOOLS_JAR" dev.strata.bench.tools.WorkerLag "$QUEUED_URL" "$rate" \
    "$LAG_SECONDS" "$RESULTS/worker-lag.png" 2>>"$RUN/tools.log") \
    || { progress "  worker lag: not measured (see $RUN/tools.log)"; return; }
  measured queued-lag subject 1 "$out"
  record queued-lag subject 1 lag_growth_pct "$(json_number "$(grep '^LAG_JSON ' <<<"$out")" growth_pct)"
  progress "  worker lag: $(grep '^LAG_JSON ' <<<"$out" | cut -d' ' -f2-)"
  drain 0
}

if has queued-put || has kafka-producer; then
  if tier_available "$ROOT/config/tier-millions.yaml" && start_postgres; then
    has queued-put && scenario queued-put "queued PUT, 1st ACK" "Strata millions tier, queued" \
      "same tier, writes: mode: sync" "rps>=3x" run
    has queued-put && scenario queued-ack2 "queued PUT, 2nd ACK (PUT to persisted; rps = PUT+poll cycles)" \
      "Strata millions tier, 4 clients, poll 5 ms" "–" "" run
    has kafka-producer && scenario kafka-producer "Kafka producer alone vs queued PUT 1st ACK" "Strata queued PUT" \
      "kafka-clients producer, acks=all, idempotent" "" run
    has queued-put && scenario queued-lag "queued PUT at 0.8x the sync rate for ${LAG_SECONDS} s, open loop: worker lag" \
      "Strata millions tier" "–" "lag_growth_pct<=1" run
    progress "scenario queued-put/kafka-producer: millions tier on 2 shards + Kafka, $CONNECTIONS connections"
    start_millions_tier
    has kafka-producer && tool_run kafka-producer baseline 0 KafkaProducerLoad 127.0.0.1:$KAFKA_PORT bench.producer "$CONNECTIONS" @SECONDS
    settle queued-put baseline wrk_run queued-put baseline 0 "$CONNECTIONS" record-put.lua "$SYNC_URL"
    settle queued-put subject queued_warmup
    for round in $(seq "$ROUNDS"); do
      if has kafka-producer; then
        tool_run kafka-producer baseline "$round" KafkaProducerLoad 127.0.0.1:$KAFKA_PORT bench.producer "$CONNECTIONS" @SECONDS
      fi
      wrk_run queued-put baseline "$round" "$CONNECTIONS" record-put.lua "$SYNC_URL"
      wrk_run queued-put subject "$round" "$CONNECTIONS" record-put.lua "$QUEUED_URL"
      drain "$round"
      # the kafka-producer row compares the same queued run with the producer alone
      grep "^queued-put|subject|$round|" "$RUN/runs.csv" | grep -v drain_s | sed 's/^queued-put/kafka-producer/' >>"$RUN/runs.csv" || true
    done
    if has queued-put; then
      progress "  2nd ACK: 400 queued PUTs from 4 clients, each polled every 5 ms until persisted"
      tool_run queued-ack2 subject 1 SecondAck "$QUEUED_URL" 4 400 120 5
      worker_lag
    fi
  else
    has queued-put && scenario queued-put "queued PUT, 1st ACK" "Strata millions tier" "synchronous PUT" "rps>=3x" \
      "skipped: tier not available in this build"
    has kafka-producer && scenario kafka-producer "Kafka producer alone" "Strata queued PUT" "Kafka producer" "" \
      "skipped: tier not available in this build"
  fi
fi

# ---------------------------------------------------------------- JMH
if has jmh; then
  progress "JMH: bucket routing, key validation, JSON encode and validation (-wi 2 -i 3 -f 1, 1 s each)"
  mvn -B -q -f "$ROOT/bench/jmh/pom.xml" package >>"$RUN/build.log" 2>&1
  taskset -c "$SERVER_CPU" java -jar "$ROOT/bench/jmh/target/benchmarks.jar" -wi 2 -w 1s -i 3 -r 1s -f 1 \
    -rf json -rff "$RUN/jmh.json" >"$RUN/jmh.log" 2>&1
  grep -E '^Benchmark|thrpt|avgt' "$RUN/jmh.log" | sed 's/^/  /'
fi

# ---------------------------------------------------------------- report
header="Run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), \
$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1048576)) GiB, $(java -version 2>&1 | head -1)
Settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP WARMUP_MAX_RUNS=$WARMUP_MAX_RUNS SETTLED_PCT=$SETTLED_PCT JIT_QUIET_PCT=$JIT_QUIET_PCT CONNECTIONS=$CONNECTIONS BLOB_CONNECTIONS=$BLOB_CONNECTIONS; \
servers on cpu $SERVER_CPU, wrk/pgbench on cpu $LOAD_CPU; figures are medians of rounds, baseline and subject alternating. \
Raw data: runs.csv, wrk.jsonl in bench/results/tmp (not committed)."
progress "writing $RESULTS/latest.md, latest.png, capacity.json"
java -cp "$TOOLS_JAR" dev.strata.bench.tools.Report "$RESULTS" "$RUN" "$header"
progress "done: $RESULTS/latest.md"
