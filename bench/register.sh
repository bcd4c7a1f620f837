#!/usr/bin/env bash
# Measures "REGISTER with digest authentication" (target: >= 2,000/s on 2 cores): SIPp on the
# same machine registers USERS users in turn against Liaison's registrar, at each rate given,
# for SECONDS seconds each, and reports the rate of REGISTER transactions that ended in 200 OK.
# Each call is a full digest exchange: REGISTER, 401, REGISTER with credentials, 200.
# Needs a prior build (mvn package -DskipTests) and sipp (scripts/install-test-tools.sh).
# With as many users as calls (bench/register.sh 1000 5 5000), every call is a user's first
# registration: a new terminal and access session, and a presence change, instead of a refresh.
# Usage: bench/register.sh [rates] [seconds] [users]    (defaults: "500 1000 2000" 20 200)
set -euo pipefail
cd "$(dirname "$0")/.."

rates="${1:-500 1000 2000}"
seconds="${2:-20}"
users="${3:-200}"
work="target/bench-register"
. bench/lib/server.sh
bench_check
command -v sipp >/dev/null || { echo "sipp is missing: scripts/install-test-tools.sh" >&2; exit 1; }

rm -rf "$work"; mkdir -p "$work"
bench_start "$work"

echo "Creating $users users"
run=$(date +%s)
export -f bench_user
export base
echo "SEQUENTIAL" > "$work/users.csv"
for i in $(seq 1 "$users"); do
  name="reg$run-$i"
  echo "$name"
  echo "$name;[authentication username=$name password=pw-$name]" >> "$work/users.csv"
done | xargs -P 4 -I{} bash -c 'bench_user {}'

printf '\n| offered /s | seconds | REGISTER 200 OK | failed | failed with | achieved /s | heap used after |\n|---|---|---|---|---|---|---|\n' > "$work/results.md"
for rate in $rates; do
  total=$((rate * seconds))
  start=$(date +%s.%N)
  sipp -sf bench/sipp/register-users.xml -inf "$work/users.csv" -r "$rate" -rp 1000 -m "$total" -l $((rate * 2)) \
    -timeout $((seconds * 3))s -nostdin -trace_stat -stf "$work/stats-$rate.csv" -fd 1 \
    -trace_err -error_file "$work/errors-$rate.log" \
    -auth_uri liaison.test -t u1 -i 127.0.0.1 127.0.0.1:5060 > "$work/sipp-$rate.out" 2>&1 || true
  end=$(date +%s.%N)
  # the last line of SIPp's statistics holds the cumulative counters
  read -r ok failed < <(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "SuccessfulCall(C)") s = i; if ($i == "FailedCall(C)") f = i } }
                                   END { print $s, $f }' "$work/stats-$rate.csv")
  elapsed=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  heap=$(jcmd "$(pgrep -f "jboss-modules.jar.*liaison.xml" | head -1)" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") print $(i + 1); exit }' || true)
  # the answers that ended the failed calls, as SIPp logged them: "503 x12, 500 x3"; a call that
  # timed out has none
  answers=$(grep -a "Aborting call" "$work/errors-$rate.log" 2>/dev/null | grep -a -o "received 'SIP/2.0 [0-9]*" \
    | awk '{ n[$NF]++ } END { for (c in n) { printf "%s%s x%d", sep, c, n[c]; sep = ", " } }' || true)
  achieved=$(awk -v n="${ok:-0}" -v t="$elapsed" 'BEGIN { printf "%d", n / t }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$rate" "$elapsed" "${ok:-0}" "${failed:-?}" "${answers:--}" "$achieved" "$heap" >> "$work/results.md"
done
cat "$work/results.md"
