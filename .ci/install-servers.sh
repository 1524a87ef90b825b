#!/usr/bin/env bash
# Installs the test servers that do not come from Maven artifacts. Idempotent; .ci/run sources or runs it.
set -euo pipefail

command -v redis-server >/dev/null || (apt-get update && apt-get install -y redis-server)
