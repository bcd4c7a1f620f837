#!/usr/bin/env bash
# Measures "server + application start": from launching WildFly with liaison.ear in its
# deployments folder to the first 200 UP of /liaison/api/health. Needs a prior build
# (mvn package -DskipTests). Usage: bench/startup.sh [runs]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
source_server="ear/target/server"
ear="ear/target/liaison.ear"
work="target/bench-startup"
[ -d "$source_server" ] && [ -f "$ear" ] || { echo "Build first: mvn package -DskipTests" >&2; exit 1; }
if curl -s -o /dev/null http://127.0.0.1:8080/ 2>/dev/null; then
  echo "Port 8080 is in use: stop the running server first" >&2; exit 1
fi

rm -rf "$work"; mkdir -p "$work"
cp -a "$source_server" "$work/server"
rm -rf "$work/server/standalone/data" "$work/server/standalone/log" "$work/server/standalone/tmp"
cp "$ear" "$work/server/standalone/deployments/liaison.ear"

# the test mail server the health check expects (the application's own, started in dev mode)
opts="-Dliaison.mode=development -Dliaison.devmail.enabled=true"
results=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  JAVA_OPTS="-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true $opts" \
    "$work/server/bin/standalone.sh" -c liaison.xml > "$work/run-$i.log" 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 1200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/liaison/api/health)" = "200" ]; then
      ready=$(date +%s.%N); break
    fi
    sleep 0.1
  done
  heap=$(jcmd "$(pgrep -f "jboss-modules.jar.*liaison.xml" | head -1)" GC.heap_info 2>/dev/null | awk '/used/ {print; exit}' || true)
  "$work/server/bin/jboss-cli.sh" --connect --command=shutdown > /dev/null 2>&1 || kill "$pid"
  wait "$pid" 2>/dev/null || true
  [ -n "$ready" ] || { echo "run $i: not ready within 120 s (see $work/run-$i.log)" >&2; exit 1; }
  secs=$(awk -v a="$start" -v b="$ready" 'BEGIN {printf "%.1f", b - a}')
  results+=("$secs")
  echo "run $i: ready in ${secs} s ${heap:+(heap: $heap)}"
done
printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median of %d runs: %.1f s\n", NR, a[int((NR+1)/2)]}'
