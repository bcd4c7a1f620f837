#!/usr/bin/env bash
# Measures "one availability change -> NOTIFY to 1,000 watchers" (target: <= 1 s on 2 cores):
# WATCHERS users subscribe over SIP (SIPp, digest, one subscription each) to the presence of one
# user whose profile is OPEN; once every first NOTIFY is in, that user connects a web terminal
# (POST /liaison/api/terminals, NOT_CONNECTABLE -> CONNECTABLE) and the script measures the time
# from just before that call until SIPp has received the last NOTIFY saying CONNECTABLE.
# Each round subscribes again, makes one change, unsubscribes, and disconnects the terminal.
# Needs a prior build (mvn package -DskipTests) and sipp (scripts/install-test-tools.sh).
# Usage: bench/notify.sh [rounds] [watchers]    (defaults: 5 1000)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-5}"
watchers="${2:-1000}"
work="target/bench-notify"
. bench/lib/server.sh
# how long each SIPp call waits after the change before unsubscribing: no unsubscription may
# compete with NOTIFYs still being sent
pause_ms=10000
bench_check
command -v sipp >/dev/null || { echo "sipp is missing: scripts/install-test-tools.sh" >&2; exit 1; }

rm -rf "$work"; mkdir -p "$work"
sipp_pid=""
bench_start "$work" ${LIAISON_BENCH_OPTS:-}
stop() {
  [ -n "$sipp_pid" ] && kill "$sipp_pid" 2>/dev/null || true
  bench_stop
}
trap stop EXIT

run=$(date +%s)
target="star$run"
create_user() { bench_user "$1"; }
export -f create_user bench_user
export base
echo "Creating the watched user $target and $watchers watchers"
create_user "$target"
curl -s -o /dev/null -f -u "$target:pw-$target" -H 'Content-Type: application/json' "$base/api/profiles" \
  -d '{"name":"home","contactNumber":"+33100000000","visibility":"OPEN","defaultMode":"free"}'
echo "SEQUENTIAL" > "$work/users.csv"
for i in $(seq 1 "$watchers"); do
  name="fan$run-$i"
  echo "$name"
  echo "$name;$target;[authentication username=$name password=pw-$name]" >> "$work/users.csv"
done | xargs -P 4 -I{} bash -c 'create_user {}'

count() { # lines of a SIPp log starting with $2
  if [ -f "$1" ]; then grep -c "^$2 " "$1" || true; else echo 0; fi
}

# the same change seen by nobody: what the REST call costs without any watcher
nobody=$(curl -s -o "$work/nobody-terminal.json" -w '%{time_total}' -u "$target:pw-$target" \
  -H 'Content-Type: application/json' "$base/api/terminals" -d '{"profile":"home","address":"bench-nobody"}')
curl -s -o /dev/null -f -X DELETE -u "$target:pw-$target" "$base/api/terminals/$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$work/nobody-terminal.json")"
echo "The change with no watcher: REST answered after $nobody s"

printf '\n| round | subscriptions | last NOTIFY after the change | NOTIFYs saying CONNECTABLE | REST call answered after |\n|---|---|---|---|---|\n' > "$work/results.md"
for round in $(seq 1 "$rounds"); do
  log="$work/round-$round.log"
  # -abortunexp off: a 200 OK sent again for a retransmitted SUBSCRIBE (the server slower than
  # 500 ms under this load) is logged and ignored instead of ending the call
  sipp -sf bench/sipp/subscribe-watchers.xml -inf "$work/users.csv" -m "$watchers" -l "$watchers" -r 100 -rp 1000 \
    -default_behaviors all,-abortunexp -d "$pause_ms" -timeout 300s -nostdin -trace_logs -log_file "$log" -trace_err -error_file "$work/round-$round-errors.log" \
    -trace_stat -stf "$work/round-$round-stats.csv" -buff_size 4194304 -auth_uri "$target@liaison.test" -t u1 -i 127.0.0.1 127.0.0.1:5060 \
    > "$work/round-$round-sipp.out" 2>&1 &
  sipp_pid=$!
  for _ in $(seq 1 1200); do
    [ "$(count "$log" subscribed)" -ge "$watchers" ] && break
    kill -0 "$sipp_pid" 2>/dev/null || break
    sleep 0.1
  done
  subscribed=$(count "$log" subscribed)
  if [ "$subscribed" -lt "$watchers" ]; then
    echo "round $round: only $subscribed of $watchers subscriptions (see $work/round-$round-errors.log)" >&2; exit 1
  fi
  # the newest subscription's first NOTIFY must be older than the rate limit's interval (1 s)
  sleep 1.5
  start=$(date +%s.%N)
  answered=$(curl -s -o "$work/round-$round-terminal.json" -w '%{time_total}' -u "$target:pw-$target" \
    -H 'Content-Type: application/json' "$base/api/terminals" -d "{\"profile\":\"home\",\"address\":\"bench-$round\"}")
  for _ in $(seq 1 300); do
    [ "$(count "$log" notified)" -ge "$watchers" ] && break
    sleep 0.1
  done
  read -r last told < <(awk -v t0="$start" '$1 == "notified" && $5 == "CONNECTABLE" { n++; t = $3 + $4 / 1e6 - t0; if (t > max) max = t }
                                           END { printf "%.3f %d\n", max, n }' "$log")
  printf '| %s | %s | %s s | %s | %s s |\n' "$round" "$subscribed" "$last" "$told" "$answered" >> "$work/results.md"
  echo "round $round: $told NOTIFYs, the last $last s after the change (REST answered after $answered s)"
  wait "$sipp_pid" || echo "round $round: sipp reported failed calls (see $work/round-$round-errors.log)" >&2
  sipp_pid=""
  terminal=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$work/round-$round-terminal.json")
  curl -s -o /dev/null -f -X DELETE -u "$target:pw-$target" "$base/api/terminals/$terminal"
done
cat "$work/results.md"
echo "The change with no watcher: REST answered after $nobody s"
awk -F'|' 'NR > 3 { gsub(/[ s]/, "", $4); print $4 }' "$work/results.md" | sort -n |
  awk '{ a[NR] = $1 } END { printf "median of %d rounds: %.3f s, worst: %.3f s\n", NR, a[int((NR + 1) / 2)], a[NR] }'
