#!/usr/bin/env bash
# Measures "REST connectability read at 1,000 req/s: p99 <= 20 ms": an open-loop load
# (bench/java/RestLoad.java) reads GET /liaison/api/connectability/{user} as an authorised
# watcher at each rate for SECONDS seconds, once with HTTP Basic on every request (as a service
# calls the API) and once with a portal login session, and prints the latency percentiles.
# Needs a prior build (mvn package -DskipTests). Starts and stops its own server.
# Usage: bench/connectability.sh [rates] [seconds]    (defaults: "500 1000" 30)
set -euo pipefail
cd "$(dirname "$0")/.."

rates="${1:-500 1000}"
seconds="${2:-30}"
work="target/bench-connectability"
. bench/lib/server.sh
bench_check

rm -rf "$work"; mkdir -p "$work"
bench_start "$work"

run=$(date +%s)
target="ann$run"; watcher="bob$run"
bench_user "$target"
bench_user "$watcher"
profile=$(curl -s -f -u "$target:pw-$target" -H 'Content-Type: application/json' "$base/api/profiles" \
  -d '{"name":"home","contactNumber":"+33102030405","defaultMode":"free"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
curl -s -o /dev/null -f -u "$target:pw-$target" -H 'Content-Type: application/json' "$base/api/profiles/$profile/contacts" \
  -d "{\"list\":\"AUTHORISED\",\"contact\":\"$watcher\"}"
curl -s -o /dev/null -f -u "$target:pw-$target" -H 'Content-Type: application/json' "$base/api/terminals" \
  -d '{"profile":"home","address":"desk"}'
echo "GET $base/api/connectability/$target as $watcher: $(curl -s -u "$watcher:pw-$watcher" "$base/api/connectability/$target")"

for auth in session basic; do
  for rate in $rates; do
    java bench/java/RestLoad.java "$base/api/connectability/$target" "$watcher" "pw-$watcher" "$auth" "$rate" "$seconds" \
      | sed "s/^/auth=$auth /" | tee -a "$work/results.txt"
  done
done
