#!/usr/bin/env bash
# pg-put-ceiling.sh [PG_URL]: how fast PostgreSQL itself runs the transaction a synchronous record PUT must run,
# against the single-row upsert bench/run.sh uses as the pg-put baseline. Both are pgbench on the same server, at
# the same concurrency, alternating for ROUNDS rounds; prints each round and the ratio of the medians.
#
# The PUT's transaction (JdbcUserData): lock the user's usage row, read the record's version, write the record,
# update the usage row, commit; issue 2 requires usage to change in the same transaction as each write. The
# baseline is one autocommit upsert. The ratio is the ceiling of "Strata PUT / pgbench upsert" before any HTTP,
# JSON or Java work: docs/performance.md, "Write path".
#
# Settings: ROUNDS=3 SECONDS_PER_RUN=15 CONNECTIONS=32 USERS=64 LOAD_CPU=1
set -euo pipefail

PG_URL=${1:-postgresql://postgres@127.0.0.1:5432/postgres}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
CONNECTIONS=${CONNECTIONS:-32}
USERS=${USERS:-64}
LOAD_CPU=${LOAD_CPU:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

psql -q -v ON_ERROR_STOP=1 "$PG_URL" >/dev/null <<SQL
DROP TABLE IF EXISTS ceiling_records, ceiling_usage;
CREATE TABLE ceiling_records (user_id VARCHAR(128), key VARCHAR(512), value TEXT, version BIGINT,
  created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ, PRIMARY KEY (user_id, key));
CREATE TABLE ceiling_usage (user_id VARCHAR(128) PRIMARY KEY, records BIGINT, record_bytes BIGINT);
INSERT INTO ceiling_usage SELECT 'u-' || i, 0, 0 FROM generate_series(1, $USERS) AS i;
SQL

cat >"$work/upsert.sql" <<SQL
\set u random(1, $USERS)
\set k random(1, 100000000)
INSERT INTO ceiling_records VALUES ('u-' || :u, 'key-' || :k, '{"displayName":"User","theme":"dark"}', 1, now(), now())
ON CONFLICT (user_id, key) DO UPDATE SET value = EXCLUDED.value, version = ceiling_records.version + 1, updated_at = now();
SQL

cat >"$work/put-transaction.sql" <<SQL
\set u random(1, $USERS)
\set k random(1, 100000000)
BEGIN;
SELECT records, record_bytes FROM ceiling_usage WHERE user_id = 'u-' || :u FOR UPDATE;
SELECT version FROM ceiling_records WHERE user_id = 'u-' || :u AND key = 'key-' || :k;
INSERT INTO ceiling_records VALUES ('u-' || :u, 'key-' || :k, '{"displayName":"User","theme":"dark"}', 1, now(), now())
ON CONFLICT (user_id, key) DO UPDATE SET value = EXCLUDED.value, version = ceiling_records.version + 1, updated_at = now();
UPDATE ceiling_usage SET records = records + 1, record_bytes = record_bytes + 40 WHERE user_id = 'u-' || :u;
COMMIT;
SQL

tps() {
  taskset -c "$LOAD_CPU" pgbench -n -c "$CONNECTIONS" -j 1 -T "$SECONDS_PER_RUN" -f "$1" "$PG_URL" 2>/dev/null |
    awk '/^tps/ {print int($3)}'
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

: >"$work/upsert.tps"
: >"$work/put.tps"
for round in $(seq "$ROUNDS"); do
  upsert=$(tps "$work/upsert.sql")
  put=$(tps "$work/put-transaction.sql")
  echo "$upsert" >>"$work/upsert.tps"
  echo "$put" >>"$work/put.tps"
  printf '[%s] round %d/%d: single-row upsert %s tps, PUT-shaped transaction %s tps\n' "$(date +%H:%M:%S)" \
    "$round" "$ROUNDS" "$upsert" "$put"
done
upsert=$(median <"$work/upsert.tps")
put=$(median <"$work/put.tps")
printf 'medians: upsert %s tps, PUT-shaped transaction %s tps, ratio %s (%d users, %d connections)\n' "$upsert" "$put" \
  "$(awk -v a="$put" -v b="$upsert" 'BEGIN {printf "%.2f", a / b}')" "$USERS" "$CONNECTIONS"
psql -q "$PG_URL" -c 'DROP TABLE ceiling_records, ceiling_usage' >/dev/null
