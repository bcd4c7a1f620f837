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
source_server="ear/target/server"
ear="ear/target/liaison.ear"
work="target/bench-connectability"
base="http://127.0.0.1:8080/liaison"
[ -d "$source_server" ] && [ -f "$ear" ] || { echo "Build first: mvn package -DskipTests" >&2; exit 1; }
if curl -s -o /dev/null http://127.0.0.1:8080/ 2>/dev/null; then
  echo "Port 8080 is in use: stop the running server first" >&2; exit 1
fi

rm -rf "$work"; mkdir -p "$work"
cp -a "$source_server" "$work/server"
rm -rf "$work/server/standalone/data" "$work/server/standalone/log" "$work/server/standalone/tmp"
cp "$ear" "$work/server/standalone/deployments/liaison.ear"
JAVA_OPTS="-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Dliaison.mode=development" \
  "$work/server/bin/standalone.sh" -c liaison.xml > "$work/server.out" 2>&1 &
server=$!
stop() {
  "$work/server/bin/jboss-cli.sh" --connect --command=shutdown > /dev/null 2>&1 || kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 1200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health")" = "200" ] && break
  sleep 0.1
done

run=$(date +%s)
target="ann$run"; watcher="bob$run"
for name in "$target" "$watcher"; do
  curl -s -o /dev/null -f -u admin:admin -H 'Content-Type: application/json' "$base/api/users" \
    -d "{\"username\":\"$name\",\"displayName\":\"$name\",\"email\":\"$name@example.com\",\"password\":\"pw-$name\",\"contactNumber\":\"+33100000000\"}"
done
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
