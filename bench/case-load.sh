#!/usr/bin/env bash
# Case creations per second over HTTP on PostgreSQL (DB=h2: on the embedded H2 in a fresh data
# directory instead): starts a server on a fresh local database,
# creates cases from 8 concurrent clients for 30 s (after a 10 s warm-up), prints the numbers and
# the CPU time the server and PostgreSQL spent per case while measuring. PROBE=/api/v1/… GETs that
# path instead: the floor of the same HTTP, security and JSON stack with next to no work behind it.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and a built tree:
#   ./mvnw -q -B -DskipTests package -pl server,bench -am
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
db="servicebook_load_$(date +%s)"
token="sb_load_$(date +%s)"
data=$(mktemp -d)
jar=${JAR:-server/target/servicebook.jar}
if [ "${DB:-postgres}" = h2 ]; then
  SERVICEBOOK_BOOTSTRAP_TOKEN="$token" \
    "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} -jar "$jar" serve --port 18181 --data-dir "$data" --protocols protocols \
    > "$data/server.log" 2>&1 &
else
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
  SERVICEBOOK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SERVICEBOOK_DB_USER=postgres SERVICEBOOK_DB_PASSWORD= \
    SERVICEBOOK_BOOTSTRAP_TOKEN="$token" \
    "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} -jar "$jar" serve --port 18181 --data-dir "$data" --protocols protocols \
    > "$data/server.log" 2>&1 &
fi
server=$!
# every step may fail (set -e holds in the trap too: `wait` answers 143 for the stopped server)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true
      psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
      rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18181/actuator/health >/dev/null && break; sleep 1; done
# CPU seconds (user + system) of the server process, and of all PostgreSQL processes
cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$1/stat"; }
pg_cpu() { local t=0; for p in $(pgrep -x postgres); do t=$(awk -v t="$t" '{printf "%.2f", t + ($14 + $15) / 100}' "/proc/$p/stat" 2>/dev/null || echo "$t"); done; echo "$t"; }
load() {
  "$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar io.servicebook.bench.CaseCreationLoad \
    http://127.0.0.1:18181 "$token" "${CLIENTS:-8}" "$1" 0 | grep -v "warming up"
}
count() { [ "${DB:-postgres}" = h2 ] && { echo 0; return; }; psql -qtA -h 127.0.0.1 -U postgres -d "$db" -c "SELECT COUNT(*) FROM service_case"; }
echo "warming up for ${WARMUP:-10} s…"
load "${WARMUP:-10}" >/dev/null
server_before=$(cpu $server); pg_before=$(pg_cpu); cases_before=$(count)
load "${SECONDS_RUN:-30}"
[ -n "${PROBE:-}" ] && exit 0  # a probe creates no cases to count the CPU against
[ "${DB:-postgres}" = h2 ] && exit 0  # the H2 file is the server's own: no count from outside
awk -v s="$(cpu $server)" -v s0="$server_before" -v p="$(pg_cpu)" -v p0="$pg_before" \
  -v n="$(( $(count) - cases_before ))" \
  'BEGIN {printf "CPU per case while measuring (%d cases): server %.2f ms, PostgreSQL %.2f ms\n", n, (s - s0) * 1000 / n, (p - p0) * 1000 / n}'
