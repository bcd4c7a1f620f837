#!/usr/bin/env bash
# Measures pager-mode instant messages (RFC 3428) through the offline store, against Liaison and,
# in the same run, against Kamailio 5.6 with msilo, both on the same local PostgreSQL:
#
#   store     bench/java/MessageLoad.java sends MESSAGEs with digest authentication (MESSAGE, 401,
#             MESSAGE with credentials, 202) from USERS users to USERS users who are not
#             registered, at each rate given for SECONDS seconds; each server keeps every message
#             and answers 202 after its commit. Reported per rate: 202s, failed messages, achieved
#             202/s, p50/p99 of the 202 (from the MESSAGE with credentials); then each message
#             answered 202 is looked for in the store by its Call-ID ("lost": answered, not kept).
#             (SIPp cannot make this load: it puts one uri in every digest, and the uri must be
#             the Request-URI, which names a different recipient each time.)
#   delivery  SIPp stores DELIVERY messages for one user, one after the other; that user then
#             registers a contact where a SIPp receiver (bench/sipp/message-uas.xml) answers every
#             MESSAGE 200: the time from the REGISTER's 200 to the last MESSAGE received, their
#             order and duplicates, and what is left in the store.
#   relay     ONLINE users register contacts at that receiver; MessageLoad sends MESSAGEs to them
#             at each rate (200 or 202 counts as taken).
#
# Targets: >= 3,000 stored/s with failures <= 0.1 %, >= 2x Kamailio msilo, 0 lost; 1,000 delivered
# <= 2 s; relay >= 3,000/s; WildFly heap <= 1 GiB (its peak heap used and RSS are reported).
#
# Needs a PostgreSQL build (mvn package -DskipTests -Ppostgresql), sipp
# (scripts/install-test-tools.sh), PostgreSQL on 127.0.0.1:5432 with trust authentication for
# user postgres, and Kamailio: installed from Debian's packages kamailio and
# kamailio-postgres-modules when missing (which needs root or sudo). Each run drops and creates
# the databases liaison_bench_im and kamailio_bench_im.
#
# Usage: bench/offline-im.sh [rates] [seconds] [users]   (defaults: "1000 2000 3000 4000" 60 1000)
#   quick try:  bench/offline-im.sh "1000 2000" 10 200
# Environment: OFFLINE_IM_SERVERS ("liaison kamailio"), OFFLINE_IM_PHASES ("store delivery relay"),
#   OFFLINE_IM_RELAY_RATES (the rates), OFFLINE_IM_ONLINE (200 registered users for the relay),
#   OFFLINE_IM_DELIVERY (1000), KAMAILIO_CHILDREN (8 UDP workers), BENCH_JAVA_OPTS (WildFly).
set -euo pipefail
cd "$(dirname "$0")/.."

rates="${1:-1000 2000 3000 4000}"
seconds="${2:-60}"
users="${3:-1000}"
servers="${OFFLINE_IM_SERVERS:-liaison kamailio}"
phases="${OFFLINE_IM_PHASES:-store delivery relay}"
relay_rates="${OFFLINE_IM_RELAY_RATES:-$rates}"
online="${OFFLINE_IM_ONLINE:-200}"
delivery="${OFFLINE_IM_DELIVERY:-1000}"
kamailio_children="${KAMAILIO_CHILDREN:-8}"
pg_host=127.0.0.1
pg_port=5432
liaison_db=liaison_bench_im
kamailio_db=kamailio_bench_im
kamailio_port=5070
uas_port=5080
work="$PWD/target/bench-offline-im"
scenarios="$PWD/bench/sipp"

. bench/lib/server.sh
command -v sipp >/dev/null || { echo "sipp is missing: scripts/install-test-tools.sh" >&2; exit 1; }
pg_isready -q -h "$pg_host" -p "$pg_port" || scripts/postgresql-test-database.sh "$liaison_db" >/dev/null
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }

if has "$servers" liaison; then
  bench_check
  grep -q '<driver>postgresql</driver>' "$bench_source_server/standalone/configuration/liaison.xml" \
    || { echo "The build uses H2: mvn package -DskipTests -Ppostgresql" >&2; exit 1; }
fi
if has "$servers" kamailio && ! { command -v kamailio >/dev/null && dpkg -s kamailio-postgres-modules >/dev/null 2>&1; }; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "Installing kamailio and kamailio-postgres-modules"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends kamailio kamailio-postgres-modules >/dev/null
fi

rm -rf "$work"; mkdir -p "$work"
psql_in() { psql -v ON_ERROR_STOP=1 -q -h "$pg_host" -p "$pg_port" -U postgres -d "$@"; }

# ---- users: USERS senders/recipients, ONLINE recipients for the relay, one inbox ----------
run=$(date +%s)
inbox="inbox$run"
for i in $(seq 1 "$users"); do echo "im$run-$i"; done > "$work/users.txt"
for i in $(seq 1 "$online"); do echo "on$run-$i"; done > "$work/online.txt"
auth() { echo "[authentication username=$1 password=pw-$1]"; }
# store: user i writes to user i + USERS/2, so every user is a sender and a recipient
awk -v n="$users" '{ u[NR - 1] = $1 } END { for (i = 0; i < n; i++) print u[i] ";" u[(i + int(n / 2)) % n] ";pw-" u[i] }' "$work/users.txt" > "$work/store.txt"
# relay: the users write to the ONLINE users in turn
awk -v m="$online" 'NR == FNR { on[FNR - 1] = $1; next } { print $1 ";" on[(FNR - 1) % m] ";pw-" $1 }' "$work/online.txt" "$work/users.txt" > "$work/relay.txt"
# delivery: DELIVERY users write to the inbox, one message each (SIPp)
{ echo SEQUENTIAL; head -n "$delivery" "$work/users.txt" | awk -v to="$inbox" '{ print $1 ";" to ";[authentication username=" $1 " password=pw-" $1 "]" }'; } > "$work/inbox.csv"
{ echo SEQUENTIAL; while read -r u; do echo "$u;$(auth "$u")"; done < "$work/online.txt"; } > "$work/register-online.csv"
{ echo SEQUENTIAL; echo "$inbox;$(auth "$inbox")"; } > "$work/register-inbox.csv"

# ---- measurement helpers -----------------------------------------------------------------
# message_load SERVER LABEL FILE RATE ACCEPTED: one run of bench/java/MessageLoad.java, one line of LABEL.md
message_load() {
  local server="$1" label="$2" file="$3" rate="$4" accepted="$5"
  local dir="$work/$server/$label-$rate"
  mkdir -p "$dir"
  local start end
  start=$(date +%s)
  # halfway: where the CPU goes, and what WildFly's threads do
  (sleep $((seconds / 2)); top -b -n 2 -d 2 -w 200 | awk '/^top -/ { n++ } n == 2' > "$dir/top.txt"
   [ "$server" = liaison ] && jcmd "$java_pid" Thread.print > "$dir/threads.txt" 2>&1) &
  java -XX:+UseSerialGC -Xmx256m -Dload.answered="$dir/answered.txt" bench/java/MessageLoad.java "127.0.0.1:$target_port" "$file" "$rate" "$seconds" "$accepted" \
    > "$dir/load.out" 2> "$dir/load.err" || true
  end=$(date +%s)
  local line offered ok failed failed_with elapsed p50 p99
  line=$(tail -1 "$dir/load.out")
  field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<< "$line"; }
  offered=$(field offered); ok=$(field answered); failed=$(field failed); failed_with=$(field failedWith)
  elapsed=$(field seconds); p50=$(field p50); p99=$(field p99)
  ok=${ok:-0}
  local achieved share heap="-"
  achieved=$(awk -v n="$ok" -v t="${elapsed:-0}" 'BEGIN { printf "%d", (t > 0 ? n / t : 0) }')
  share=$(awk -v f="${failed:-0}" -v t="${offered:-1}" 'BEGIN { printf "%.2f %%", 100 * f / t }')
  [ "$server" = liaison ] && heap=$(peak_memory "$start" "$end")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s ms | %s ms | %s |\n' "$server" "$rate" "${elapsed:-?}" "${offered:-?}" "$ok" "${failed:-?}" "$share" \
    "${failed_with:--}" "$achieved" "${p50:--}" "${p99:--}" "$heap" >> "$work/$label.md"
  echo "$server $label $rate/s: $ok answered, ${failed:-?} failed (${failed_with:--}), $achieved/s, p50 ${p50:--} ms, p99 ${p99:--} ms, heap/RSS $heap"
  total_ok=$((total_ok + ok))
}

# the peak heap used (G1, from jstat) and RSS of WildFly between two epoch seconds
peak_memory() {
  awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b + 1 { if ($2 == "heap" && $3 > h) h = $3; if ($2 == "rss" && $3 > r) r = $3 }
                           END { printf "%d / %d MiB", h / 1024, r / 1024 }' "$work/liaison/memory.log"
}

memory_sampler() { # PID: "epoch heap KiB" every second (jstat -gc) and "epoch rss KiB"
  local pid="$1"
  jstat -gc "$pid" 1000 2>/dev/null | while read -r line; do
    set -- $line
    [ "$1" = S0C ] && continue
    # S0U + S1U + EU + OU
    awk -v t="$EPOCHSECONDS" -v l="$line" 'BEGIN { split(l, f, " "); printf "%d heap %d\n", t, f[3] + f[4] + f[6] + f[8] }'
  done >> "$work/liaison/memory.log" &
  sampler_pids+=" $!"
  (while kill -0 "$pid" 2>/dev/null; do
     while read -r key value _; do [ "$key" = VmRSS: ] && echo "$EPOCHSECONDS rss $value"; done < "/proc/$pid/status"
     sleep 1
   done >> "$work/liaison/memory.log") &
  sampler_pids+=" $!"
}

lost_messages() { # SERVER FILE: how many of the Call-IDs in FILE (answered 202) have no message in the store
  # (msilo keeps no Call-ID: MessageLoad writes it in the body)
  if [ "$1" = liaison ]; then
    # the store's dedupe key is sip|sender|Call-ID|CSeq
    printf '%s\n' "CREATE TEMP TABLE answered (call_id text);" "\\copy answered FROM '$2'" \
      "SELECT count(*) FROM answered a WHERE NOT EXISTS (SELECT 1 FROM liaison_stored_message m WHERE split_part(m.dedupe_key, '|', 3) = a.call_id);" |
      psql_in "$liaison_db" -At
  else
    printf '%s\n' "CREATE TEMP TABLE answered (call_id text);" "\\copy answered FROM '$2'" \
      "CREATE TEMP TABLE kept AS SELECT substring(convert_from(body, 'UTF8') from 'id=([^ ]+)') AS call_id FROM silo;" \
      "SELECT count(*) FROM answered a WHERE NOT EXISTS (SELECT 1 FROM kept k WHERE k.call_id = a.call_id);" |
      psql_in "$kamailio_db" -At
  fi
}

stored_rows() { # SERVER [recipient]: rows in that server's store
  if [ "$1" = liaison ]; then
    psql_in "$liaison_db" -Atc "SELECT count(*) FROM liaison_stored_message${2:+ WHERE recipient = '$2'}"
  else
    psql_in "$kamailio_db" -Atc "SELECT count(*) FROM silo${2:+ WHERE username = '$2'}"
  fi
}

start_receiver() { # LOGFILE: a SIPp receiver on uas_port answering MESSAGEs 200
  (cd "$work" && exec sipp -sf "$scenarios/message-uas.xml" -p "$uas_port" -i 127.0.0.1 -t u1 -nostdin -buff_size 4194304 \
    -trace_logs -log_file "$1" -trace_err -error_file "$1.errors" > /dev/null 2>&1) &
  receiver_pid=$!
  sleep 1
}

stop_receiver() {
  [ -n "${receiver_pid:-}" ] && kill "$receiver_pid" 2>/dev/null && wait "$receiver_pid" 2>/dev/null || true
  receiver_pid=""
}

register() { # SERVER CSV COUNT LOGFILE: registers contacts at the receiver
  (cd "$work/$1" && sipp -sf "$scenarios/register-contact.xml" -inf "$2" -set uasport "$uas_port" -r 200 -rp 1000 -m "$3" -l 200 \
    -timeout 120s -nostdin -auth_uri liaison.test -trace_logs -log_file "$4" -trace_err -error_file "$4.errors" \
    -t u1 -i 127.0.0.1 "127.0.0.1:$target_port" > "$4.out" 2>&1) || echo "some registrations failed (see $4.errors)" >&2
}

# ---- the phases, the same for each server ---------------------------------------------------
measure() {
  local server="$1"
  mkdir -p "$work/$server"
  if has "$phases" store; then
    total_ok=0
    for rate in $rates; do
      message_load "$server" store "$work/store.txt" "$rate" 202
    done
    sleep 2
    local rows lost
    rows=$(stored_rows "$server")
    cat "$work/$server"/store-*/answered.txt > "$work/$server/answered.txt"
    lost=$(lost_messages "$server" "$work/$server/answered.txt")
    printf '| %s | %s | %s | %s | %s |\n' "$server" "$total_ok" "$rows" "$lost" "$((rows - total_ok + lost))" >> "$work/lost.md"
    echo "$server: $total_ok answered 202, $rows messages in the store, $lost of the 202s not in it"
  fi
  if has "$phases" delivery; then
    # one at a time (-l 1), so the store's order is the order of seq=N
    (cd "$work/$server" && sipp -sf "$scenarios/message-offline.xml" -inf "$work/inbox.csv" -auth_uri "$inbox@liaison.test" \
      -r 1000 -m "$delivery" -l 1 -timeout 300s -nostdin -default_behaviors all,-bye -trace_stat -stf inbox-stats.csv -fd 1 \
      -trace_err -error_file inbox-errors.log -t u1 -i 127.0.0.1 "127.0.0.1:$target_port" > inbox-sipp.out 2>&1) \
      || echo "$server: some of the $delivery messages to $inbox failed (see $work/$server/inbox-errors.log)" >&2
    local kept
    kept=$(stored_rows "$server" "$inbox")
    start_receiver "$work/$server/delivered.log"
    register "$server" "$work/register-inbox.csv" 1 "$work/$server/register-inbox.log"
    local registered
    registered=$(awk '$1 == "registered" { printf "%.6f", $3 + $4 / 1e6 }' "$work/$server/register-inbox.log")
    for _ in $(seq 1 600); do
      got=$(grep -c '^got ' "$work/$server/delivered.log" 2>/dev/null) || true
      [ "${got:-0}" -ge "$kept" ] && break
      sleep 0.1
    done
    sleep 1
    stop_receiver
    local left
    left=$(stored_rows "$server" "$inbox")
    awk -v t0="$registered" -v n="$delivery" -v kept="$kept" -v left="$left" -v server="$server" '
      $1 == "got" { got++; t = $2 + $3 / 1e6; if (got == n) last = t - t0; seen[$4]++; if (seen[$4] == 1) { order[++distinct] = $4 } }
      END {
        inorder = 1; for (i = 1; i <= distinct; i++) if (order[i] != i) inorder = 0
        dup = got - distinct
        printf "| %s | %d | %d | %s | %s | %d | %d |\n", server, kept, got, (got >= n ? sprintf("%.2f s", last) : "not all"),
          (inorder ? "yes" : "no"), dup, left
      }' "$work/$server/delivered.log" >> "$work/delivery.md"
    tail -1 "$work/delivery.md"
  fi
  if has "$phases" relay; then
    start_receiver "$work/$server/relayed.log"
    register "$server" "$work/register-online.csv" "$online" "$work/$server/register-online.log"
    echo "$server: $(grep -c '^registered ' "$work/$server/register-online.log" || true) of $online users registered at the receiver"
    total_ok=0
    for rate in $relay_rates; do
      message_load "$server" relay "$work/relay.txt" "$rate" 200,202
    done
    stop_receiver
  fi
}

header='| server | offered /s | seconds | sent | answered | failed | failed share | failed with | achieved /s | p50 | p99 | WildFly heap / RSS peak |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n'
printf "$header" > "$work/store.md"
printf "$header" > "$work/relay.md"
printf '| server | 202 answered | messages in the store | lost (answered 202, not in the store) | kept but not answered 202 |\n|---|---|---|---|---|\n' > "$work/lost.md"
printf '| server | stored for the user | MESSAGEs received | 200 of REGISTER -> last received | in order | duplicates | left in the store |\n|---|---|---|---|---|---|---|\n' > "$work/delivery.md"
sampler_pids=""
receiver_pid=""
kamailio_pid=""
cleanup() {
  stop_receiver
  for p in $sampler_pids; do kill "$p" 2>/dev/null || true; done
  [ -n "$kamailio_pid" ] && kill "$kamailio_pid" 2>/dev/null && wait "$kamailio_pid" 2>/dev/null || true
  if [ -n "${bench_server_pid:-}" ]; then bench_stop; fi
}
trap cleanup EXIT

if has "$servers" liaison; then
  echo "== Liaison on PostgreSQL ($liaison_db)"
  scripts/postgresql-test-database.sh "$liaison_db" >/dev/null
  export LIAISON_DB_URL="jdbc:postgresql://$pg_host:$pg_port/$liaison_db"
  mkdir -p "$work/liaison"
  bench_start "$work/liaison"
  trap cleanup EXIT
  java_pid=$(pgrep -P "$bench_server_pid" -f jboss-modules | head -1)
  memory_sampler "$java_pid"
  echo "Creating $((users + online + 1)) users"
  export -f bench_user
  export base
  cat "$work/users.txt" "$work/online.txt" <(echo "$inbox") | xargs -P 4 -I{} bash -c 'bench_user {}'
  target_port=5060
  measure liaison
  awk '$2 == "heap" && $3 > h { h = $3 } $2 == "rss" && $3 > r { r = $3 } END { printf "WildFly peak over the whole run: heap used %d MiB, RSS %d MiB (-Xmx1g)\n", h / 1024, r / 1024 }' \
    "$work/liaison/memory.log" | tee "$work/memory.md"
  bench_stop
  bench_server_pid=""
  for p in $sampler_pids; do kill "$p" 2>/dev/null || true; done
  sampler_pids=""
fi

if has "$servers" kamailio; then
  echo "== Kamailio $(kamailio -v 2>/dev/null | awk 'NR == 1 { print $3 }') msilo on PostgreSQL ($kamailio_db)"
  schema="${KAMAILIO_SCHEMA:-/usr/share/kamailio/postgres}"
  scripts/postgresql-test-database.sh "$kamailio_db" >/dev/null
  for table in standard auth_db usrloc msilo; do psql_in "$kamailio_db" -f "$schema/$table-create.sql"; done
  # the same users and passwords, plain (auth_db computes HA1 as Liaison does from its stored digest)
  cat "$work/users.txt" "$work/online.txt" <(echo "$inbox") | awk '{ print $1 "\tliaison.test\tpw-" $1 }' |
    psql_in "$kamailio_db" -c "COPY subscriber (username, domain, password) FROM STDIN"
  mkdir -p "$work/kamailio/run"
  kamailio -f bench/kamailio/kamailio.cfg -DD -E -Y "$work/kamailio/run" -m 256 -M 16 \
    -A "LISTEN=udp:127.0.0.1:$kamailio_port" -A "OWN=\"sip:127.0.0.1:$kamailio_port\"" -A "DBURL=\"postgres://postgres@$pg_host:$pg_port/$kamailio_db\"" \
    -A "CHILDREN=$kamailio_children" > "$work/kamailio/kamailio.out" 2>&1 &
  kamailio_pid=$!
  sleep 2
  kill -0 "$kamailio_pid" || { echo "Kamailio did not start (see $work/kamailio/kamailio.out)" >&2; exit 1; }
  target_port=$kamailio_port
  measure kamailio
  kill "$kamailio_pid"; wait "$kamailio_pid" 2>/dev/null || true
  kamailio_pid=""
fi

# ---- report ---------------------------------------------------------------------------------
summary() { # LABEL: per server, the best achieved rate whose failures stayed <= 0.1 %
  awk -F'|' -v label="$1" '
    NR > 2 { for (i = 2; i <= 12; i++) gsub(/^ +| +$/, "", $i); share = $8; gsub(/ *%/, "", share); a = $10 + 0
             if (share + 0 <= 0.1 && a > best[$2]) { best[$2] = a; at[$2] = $3; p50[$2] = $11; p99[$2] = $12 } }
    END {
      for (s in best) printf "%s %s: %d/s sustained (offered %s/s), p50 %s, p99 %s\n", s, label, best[s], at[s], p50[s], p99[s]
      if (best["liaison"] && best["kamailio"]) printf "ratio Liaison / Kamailio (%s): %.2f\n", label, best["liaison"] / best["kamailio"]
    }' "$work/$1.md"
}
{
  echo "## Offline instant messages: $rates/s for $seconds s, $users users, $(date -u +%Y-%m-%d)"
  if has "$phases" store; then echo; echo "### Stored (202)"; echo; cat "$work/store.md"; echo; cat "$work/lost.md"; echo; summary store; fi
  if has "$phases" delivery; then echo; echo "### Delivery of $delivery stored messages on REGISTER"; echo; cat "$work/delivery.md"; fi
  if has "$phases" relay; then echo; echo "### Relayed to $online registered users"; echo; cat "$work/relay.md"; echo; summary relay; fi
  [ -f "$work/memory.md" ] && { echo; cat "$work/memory.md"; }
} > "$work/results.md"
cat "$work/results.md"
