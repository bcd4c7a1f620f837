#!/usr/bin/env bash
# Makes sure the local PostgreSQL (127.0.0.1:5432, trust authentication) runs and holds an empty
# database for the integration tests, and a second one (<database>_b) for the second domain's server
# of the cross-domain tests. Usage: scripts/postgresql-test-database.sh [database]
set -euo pipefail

database="${1:-liaison_it}"
host="${PGHOST:-127.0.0.1}"
port="${PGPORT:-5432}"
user="${PGUSER:-postgres}"

if ! pg_isready -q -h "$host" -p "$port"; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    echo "Starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h "$host" -p "$port" && break
    sleep 1
  done
fi
pg_isready -h "$host" -p "$port"

# the database, and <database>_b for the second domain's server of the cross-domain tests
for db in "$database" "${database}_b"; do
  psql -v ON_ERROR_STOP=1 -q -h "$host" -p "$port" -U "$user" -d postgres \
    -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" \
    -c "CREATE DATABASE \"$db\""
  echo "PostgreSQL database $db is empty and ready at $host:$port"
done
