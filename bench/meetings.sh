#!/usr/bin/env bash
# Measures "200 meeting mails (5 participants each) -> invitations readable over IMAP <= 20 s;
# one mail p50 <= 500 ms": bench/java/MeetingLoad.java sends meeting mails over SMTP to the
# listener (2525), each from one registered user to chat@liaison.test with the others in To, and
# reads every participant's mailbox over IMAP on the development mail server (3143) until each
# invitation is there. First SERIAL mails one at a time (each sent when the previous one's
# invitations have all arrived: the time of one mail alone), then MAILS back to back.
# Needs a prior build (mvn package -DskipTests). Starts and stops its own server; server options
# (a profiler, say) in BENCH_JAVA_OPTS.
# Usage: bench/meetings.sh [mails] [participants] [serial mails] [users]    (defaults: 200 5 20 50)
set -euo pipefail
cd "$(dirname "$0")/.."

mails="${1:-200}"
participants="${2:-5}"
serial="${3:-20}"
users="${4:-50}"
work="target/bench-meetings"
. bench/lib/server.sh
bench_check

rm -rf "$work"; mkdir -p "$work"
bench_start "$work"

run=$(date +%s)
prefix="meet$run-"
echo "Creating $users users"
export -f bench_user
export base
for i in $(seq 0 $((users - 1))); do echo "$prefix$i"; done | xargs -P 4 -I{} bash -c 'bench_user {}'

if [ "$serial" -gt 0 ]; then
  java bench/java/MeetingLoad.java 2525 3025 3143 "$serial" "$participants" "$prefix" "$users" serial | tee -a "$work/results.txt"
fi
java bench/java/MeetingLoad.java 2525 3025 3143 "$mails" "$participants" "$prefix" "$users" burst | tee -a "$work/results.txt"
echo "Outbox after the run: $(curl -s -u admin:admin "$base/api/outbox")" | tee -a "$work/results.txt"
