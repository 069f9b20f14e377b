#!/usr/bin/env bash
# A 30-second Locust run against a fresh embedded backend; fails on any failed request.
# SMOKE_USERS, SMOKE_RUN_TIME, SMOKE_LOCUSTFILE and SMOKE_MAX_FAIL_RATIO make it a longer local run.
set -euo pipefail
cd "$(dirname "$0")"
BIN=../backend/.venv/bin
PORT=${SMOKE_PORT:-8230}
DATA=$(mktemp -d)
SERVER=
stop() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap stop EXIT

export TESSERA_DATA_DIR="$DATA" TESSERA_PORT="$PORT" TESSERA_PUBLIC_URL="http://127.0.0.1:$PORT"
export TESSERA_RATE_LIMIT_ENABLED=false TESSERA_SANDBOX_DELAY_MS=200 TESSERA_LOG_LEVEL=WARNING
# The simulated buyers sign up and pay at once, without opening a verification e-mail.
export TESSERA_REQUIRE_EMAIL_VERIFICATION=false
# Accounts are seeded by the dozen; sign-in hashing cost is not what this run is about.
export TESSERA_ARGON2_TIME_COST=1 TESSERA_ARGON2_MEMORY_KIB=1024
$BIN/tessera migrate >/dev/null
$BIN/tessera seed-demo >/dev/null
$BIN/tessera serve &
SERVER=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
  sleep 0.2
done

mkdir -p results
USERS=${SMOKE_USERS:-30}
TESSERA_LOADTEST_BUYERS=${TESSERA_LOADTEST_BUYERS:-$USERS} TESSERA_LOADTEST_MAX_FAIL_RATIO=${SMOKE_MAX_FAIL_RATIO:-0} \
  $BIN/locust -f "${SMOKE_LOCUSTFILE:-locustfile.py}" --headless \
  --users "$USERS" --spawn-rate 10 --run-time "${SMOKE_RUN_TIME:-30s}" --host "http://127.0.0.1:$PORT" \
  --html results/smoke.html --csv results/smoke --only-summary --stop-timeout 10
