#!/usr/bin/env bash
# Case creations per second over HTTP on PostgreSQL: starts a server on a fresh local database,
# creates cases from 8 concurrent clients for 30 s (after a 10 s warm-up), prints the numbers.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and a built tree:
#   ./mvnw -q -B -DskipTests package -pl server,bench -am
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
db="servicebook_load_$(date +%s)"
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
token="sb_load_$(date +%s)"
data=$(mktemp -d)
SERVICEBOOK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SERVICEBOOK_DB_USER=postgres SERVICEBOOK_DB_PASSWORD= \
  SERVICEBOOK_BOOTSTRAP_TOKEN="$token" \
  "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} -jar server/target/servicebook.jar serve --port 18181 --data-dir "$data" --protocols protocols \
  > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18181/actuator/health >/dev/null && break; sleep 1; done
"$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar io.servicebook.bench.CaseCreationLoad \
  http://127.0.0.1:18181 "$token" "${CLIENTS:-8}" "${SECONDS_RUN:-30}" "${WARMUP:-10}"
