#!/usr/bin/env bash
# Inbox timing with many open cases: starts a server on a fresh PostgreSQL database, opens CASES
# (default 10,000) cases over the API, then times the first page of the listings an inbox shows:
# the API's case list (newest, by status, breaching soon, a queue) and, when the console is there,
# the inbox page itself for a logged-in agent. Prints p50/p90/max of 30 requests each.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and a built tree:
#   ./mvnw -q -B -DskipTests package -pl server,bench -am
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
db="servicebook_inbox_$(date +%s)"
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
token="sb_inbox_$(date +%s)"
data=$(mktemp -d)
port=18184
SERVICEBOOK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SERVICEBOOK_DB_USER=postgres SERVICEBOOK_DB_PASSWORD= \
  SERVICEBOOK_BOOTSTRAP_TOKEN="$token" \
  "$JAVA_HOME/bin/java" -jar server/target/servicebook.jar serve --port $port --data-dir "$data" --demo \
  > "$data/server.log" 2>&1 &
server=$!
# every step may fail (set -e holds in the trap too)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true
      psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
      rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 1; done
echo "opening ${CASES:-10000} cases…"
LIMIT="${CASES:-10000}" "$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar io.servicebook.bench.CaseCreationLoad \
  "http://127.0.0.1:$port" "$token" 8 3600 0 | sed 's/^/  /'
psql -qtA -h 127.0.0.1 -U postgres -d "$db" -c \
  "SELECT 'cases: ' || COUNT(*) || ', open (not resolved or closed): ' || SUM(CASE WHEN status NOT IN ('RESOLVED','CLOSED') THEN 1 ELSE 0 END) FROM service_case"

# p50/p90/max in ms of 30 timed GETs (after 5 untimed ones), with curl's total time
timed() {
  local label=$1; shift
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$@"; done
  for _ in $(seq 1 30); do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@"; done |
    awk -v label="$label" '{ if ($1 != 200) bad++; t[NR] = $2 * 1000 } END {
      n = asort(t); printf "%-44s p50 %6.1f ms  p90 %6.1f ms  max %6.1f ms%s\n", label, t[int(n*0.5)], t[int(n*0.9)], t[n], (bad ? "  (" bad " not 200)" : "") }'
}
api="http://127.0.0.1:$port/api/v1"
auth=(-H "Authorization: Bearer $token")
timed "API: newest 50" "${auth[@]}" "$api/cases?limit=50"
timed "API: status new, 50" "${auth[@]}" "$api/cases?status=new&limit=50"
timed "API: breaching within 2 h, 50" "${auth[@]}" "$api/cases?breaching_within=PT2H&limit=50"
timed "API: unassigned, 50" "${auth[@]}" "$api/cases?assignee=none&limit=50"

# the console's inbox, logged in as the demo agent (form login with CSRF)
jar="$data/cookies"
login_page=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" || true)
csrf=$(printf '%s' "$login_page" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -n 1)
if [ -n "$csrf" ]; then
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=agent" --data-urlencode "password=demo" \
    --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$port/login"
  timed "console: inbox page (/)" -b "$jar" "http://127.0.0.1:$port/"
  timed "console: inbox, unassigned" -b "$jar" "http://127.0.0.1:$port/?queue=unassigned"
  timed "console: inbox, breaching soon" -b "$jar" "http://127.0.0.1:$port/?queue=breaching"
  timed "console: inbox, unassigned, status new" -b "$jar" "http://127.0.0.1:$port/?queue=unassigned&status=new"
else
  echo "console: no login page yet; inbox not timed"
fi
