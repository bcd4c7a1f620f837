# Sourced by the bench scripts: a fresh copy of the server the build provisioned, with the
# application deployed, started in development mode (with its mail server, which the health
# check expects) and stopped when the script exits.

bench_source_server="ear/target/server"
bench_ear="ear/target/liaison.ear"
base="http://127.0.0.1:8080/liaison"

# Refuses to go on without a build, or while another server holds the HTTP port.
bench_check() {
  [ -d "$bench_source_server" ] && [ -f "$bench_ear" ] || { echo "Build first: mvn package -DskipTests" >&2; exit 1; }
  if curl -s -o /dev/null http://127.0.0.1:8080/ 2>/dev/null; then
    echo "Port 8080 is in use: stop the running server first" >&2; exit 1
  fi
}

# bench_start WORK [JAVA options...]: starts the server in WORK/server and waits until it is UP.
bench_start() {
  local work="$1"; shift
  cp -a "$bench_source_server" "$work/server"
  rm -rf "$work/server/standalone/data" "$work/server/standalone/log" "$work/server/standalone/tmp"
  cp "$bench_ear" "$work/server/standalone/deployments/liaison.ear"
  JAVA_OPTS="-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true -Dliaison.mode=development -Dliaison.devmail.enabled=true ${BENCH_JAVA_OPTS:-} $*" \
    "$work/server/bin/standalone.sh" -c liaison.xml > "$work/server.out" 2>&1 &
  bench_server_pid=$!
  bench_work="$work"
  trap bench_stop EXIT
  for _ in $(seq 1 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health")" = "200" ] && return 0
    sleep 0.1
  done
  echo "The server did not come up within 120 s (see $work/server.out)" >&2
  exit 1
}

bench_stop() {
  "$bench_work/server/bin/jboss-cli.sh" --connect --command=shutdown > /dev/null 2>&1 || kill "$bench_server_pid" 2>/dev/null || true
  wait "$bench_server_pid" 2>/dev/null || true
}

# bench_user NAME: creates a user (as admin) whose password is pw-NAME.
bench_user() {
  curl -s -o /dev/null -f -u admin:admin -H 'Content-Type: application/json' "$base/api/users" \
    -d "{\"username\":\"$1\",\"displayName\":\"Load $1\",\"email\":\"$1@example.com\",\"password\":\"pw-$1\",\"contactNumber\":\"+33100000000\"}"
}
