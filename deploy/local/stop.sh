#!/usr/bin/env bash
# Stops what deploy/local/start.sh started (by the pids it recorded); keeps data under deploy/local/run.
set -uo pipefail
RUN="${STRATA_LOCAL_RUN:-$(cd "$(dirname "$0")" && pwd)/run}"
[[ -d "$RUN" ]] || exit 0
pids=()
for pidfile in "$RUN"/haproxy.pid "$RUN"/replica-*.pid "$RUN"/s3proxy.pid "$RUN"/redis.pid; do
  [[ -f "$pidfile" ]] || continue
  pids+=("$(cat "$pidfile")")
  kill "${pids[-1]}" 2>/dev/null
  rm -f "$pidfile"
done
# replicas drain for up to drainDelay + drainTimeout (25s in the tier file) before they exit
for _ in $(seq 1 60); do
  kill -0 "${pids[@]}" 2>/dev/null || break
  sleep 0.5
done
if [[ -f "$RUN/pg/data/postmaster.pid" ]]; then
  as=(); [[ "$(id -u)" == 0 ]] && as=(unshare -U)
  "${as[@]}" "$RUN/pg/bin/pg_ctl" -D "$RUN/pg/data" -m fast stop >/dev/null
fi
echo "stopped"
