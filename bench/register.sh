#!/usr/bin/env bash
# Measures "REGISTER with digest authentication" (target: >= 2,000/s on 2 cores): SIPp on the
# same machine registers USERS users in turn against Liaison's registrar, at each rate given,
# for SECONDS seconds each, and reports the rate of REGISTER transactions that ended in 200 OK.
# Each call is a full digest exchange: REGISTER, 401, REGISTER with credentials, 200.
# Needs a prior build (mvn package -DskipTests) and sipp (scripts/install-test-tools.sh).
# Usage: bench/register.sh [rates] [seconds] [users]    (defaults: "500 1000 2000" 20 200)
set -euo pipefail
cd "$(dirname "$0")/.."

rates="${1:-500 1000 2000}"
seconds="${2:-20}"
users="${3:-200}"
source_server="ear/target/server"
ear="ear/target/liaison.ear"
work="target/bench-register"
base="http://127.0.0.1:8080/liaison"
[ -d "$source_server" ] && [ -f "$ear" ] || { echo "Build first: mvn package -DskipTests" >&2; exit 1; }
command -v sipp >/dev/null || { echo "sipp is missing: scripts/install-test-tools.sh" >&2; exit 1; }
if curl -s -o /dev/null http://127.0.0.1:8080/ 2>/dev/null; then
  echo "Port 8080 is in use: stop the running server first" >&2; exit 1
fi

rm -rf "$work"; mkdir -p "$work"
cp -a "$source_server" "$work/server"
rm -rf "$work/server/standalone/data" "$work/server/standalone/log" "$work/server/standalone/tmp"
cp "$ear" "$work/server/standalone/deployments/liaison.ear"
JAVA_OPTS="-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Dliaison.mode=development -Dliaison.devmail.enabled=true" \
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

echo "Creating $users users"
run=$(date +%s)
echo "SEQUENTIAL" > "$work/users.csv"
for i in $(seq 1 "$users"); do
  name="reg$run-$i"
  curl -s -o /dev/null -f -u admin:admin -H 'Content-Type: application/json' "$base/api/users" \
    -d "{\"username\":\"$name\",\"displayName\":\"Load $i\",\"email\":\"$name@example.com\",\"password\":\"pw-$name\",\"contactNumber\":\"+3310000$i\"}"
  echo "$name;[authentication username=$name password=pw-$name]" >> "$work/users.csv"
done

printf '\n| offered /s | seconds | REGISTER 200 OK | failed | achieved /s | heap used after |\n|---|---|---|---|---|---|\n' > "$work/results.md"
for rate in $rates; do
  total=$((rate * seconds))
  start=$(date +%s.%N)
  sipp -sf bench/sipp/register-users.xml -inf "$work/users.csv" -r "$rate" -rp 1000 -m "$total" -l $((rate * 2)) \
    -timeout $((seconds * 3))s -nostdin -trace_stat -stf "$work/stats-$rate.csv" -fd 1 \
    -auth_uri liaison.test -t u1 -i 127.0.0.1 127.0.0.1:5060 > "$work/sipp-$rate.out" 2>&1 || true
  end=$(date +%s.%N)
  # the last line of SIPp's statistics holds the cumulative counters
  read -r ok failed < <(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "SuccessfulCall(C)") s = i; if ($i == "FailedCall(C)") f = i } }
                                   END { print $s, $f }' "$work/stats-$rate.csv")
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  heap=$(jcmd "$(pgrep -f "jboss-modules.jar.*liaison.xml" | head -1)" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") print $(i + 1); exit }' || true)
  achieved=$(awk -v n="${ok:-0}" -v t="$elapsed" 'BEGIN { printf "%d", n / t }')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$rate" "$elapsed" "${ok:-0}" "${failed:-?}" "$achieved" "$heap" >> "$work/results.md"
done
cat "$work/results.md"
