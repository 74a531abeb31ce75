#!/usr/bin/env bash
# The README's first command on this clone: `npm start` with no configuration must answer
# GET /health/ready 200 within SMOKE_TIMEOUT_S (default 180 s: `npm start` builds the service and the console
# first, which takes well over 30 s on a busy 2-core machine) (embedded PostgreSQL, in-process cache, bundled rates), and a key
# from `npm run keys -- create` must work against it. Run by .ci/run before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
# No configuration at all (embedded PostgreSQL in .data/postgres), except a free HTTP port and a spare
# embedded-PostgreSQL port, so a service already on 3000/54329 cannot make this check pass or fail, and
# RATES_LIVE=false, so CI sends nothing off this machine (the bundled snapshot prices; no AWS call is tried).
pg_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
setsid env -i PATH="$PATH" HOME="${HOME:-/root}" PORT=0 EMBEDDED_PG_PORT="$pg_port" RATES_LIVE=false npm start >"$log" 2>&1 &
pid=$!
# npm start runs in a process group of its own: SIGTERM to the group reaches the service (graceful shutdown).
stop() {
  kill -TERM -- -$pid 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 -- -$pid 2>/dev/null || return 0; sleep 0.25; done
  kill -KILL -- -$pid 2>/dev/null || true
}
trap stop EXIT
limit=${SMOKE_TIMEOUT_S:-180}
started=$(date +%s)
url=""
while [ $(( $(date +%s) - started )) -lt "$limit" ]; do
  url=$(grep -oE 'streamfit is serving on http://localhost:[0-9]+' "$log" | grep -oE 'http://localhost:[0-9]+' || true)
  if [ -n "$url" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" = "200" ]; then break; fi
  kill -0 $pid 2>/dev/null || break
  sleep 0.5
done
if [ -z "$url" ] || [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" != "200" ]; then
  echo "smoke: npm start did not answer /health/ready 200 within $limit s"; tail -40 "$log"; exit 1
fi
echo "smoke: npm start answered /health/ready 200 after $(( $(date +%s) - started )) s at $url"
# With the embedded PostgreSQL and no HOST, the service listens on loopback only (README, Configuration).
port=${url##*:}
bound=$(ss -Hltn "sport = :$port" | awk '{print $4}' | sort -u | tr '\n' ' ')
case "$bound" in
  "127.0.0.1:$port ") echo "smoke: listening on $bound(loopback only)" ;;
  *) echo "smoke: with embedded defaults the service must listen on 127.0.0.1 only, not: $bound"; exit 1 ;;
esac
key=$(env -i PATH="$PATH" HOME="${HOME:-/root}" EMBEDDED_PG_PORT="$pg_port" npm run -s keys -- create --team smoke --role viewer | grep -oE 'sf_[a-z0-9]{10}_[A-Za-z0-9_-]+' | head -n1)
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" -H 'content-type: application/json' \
  -d '{"workload":{"ingestGbPerDay":100,"avgRecordSizeKB":1,"sharedConsumers":2}}' "$url/v1/evaluations")
[ "$status" = "200" ] || { echo "smoke: POST /v1/evaluations with a CLI key answered $status"; exit 1; }
echo "smoke: a key from 'npm run keys -- create' evaluates a workload (200)"
status=$(curl -s -o /dev/null -w '%{http_code}' "$url/")
[ "$status" = "200" ] || { echo "smoke: GET / (the web console) answered $status"; exit 1; }
echo "smoke: GET / serves the web console built by npm start (200)"

# A restart with nothing changed rebuilds nothing (scripts/build.mjs): every build step says "up to date".
stop
setsid env -i PATH="$PATH" HOME="${HOME:-/root}" PORT=0 EMBEDDED_PG_PORT="$pg_port" RATES_LIVE=false npm start >"$log" 2>&1 &
pid=$!
started_ms=$(date +%s%3N)
url=""
while [ $(( $(date +%s%3N) - started_ms )) -lt $(( limit * 1000 )) ]; do
  url=$(grep -oE 'streamfit is serving on http://localhost:[0-9]+' "$log" | grep -oE 'http://localhost:[0-9]+' || true)
  if [ -n "$url" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready")" = "200" ]; then break; fi
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { echo "smoke: the restart did not serve"; tail -40 "$log"; exit 1; }
fresh=$(grep -c '^build: .* up to date$' "$log" || true)
[ "$fresh" = "3" ] || { echo "smoke: the restart rebuilt something with nothing changed:"; grep '^build:' "$log"; exit 1; }
echo "smoke: a restart with nothing changed rebuilt nothing and answered /health/ready 200 after $(( $(date +%s%3N) - started_ms )) ms"
