#!/usr/bin/env bash
# KPI dashboards at scale: writes CASES (default 1,000,000) cases with `servicebook demo-data` into
# a fresh PostgreSQL database (about 5.9 interactions per case), builds the KPI rollups, starts the
# server on it and times the dashboard's queries over HTTP (30 requests each, p50/p90/max), then the
# same questions as a plain GROUP BY over the raw tables in psql, and prints the ratio.
# Keeps the database when KEEP=1 (its name is printed). Needs PostgreSQL on 127.0.0.1:5432 (user
# postgres, trust) and a built tree: ./mvnw -q -B -DskipTests package -pl server -am
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
cases="${CASES:-1000000}"
# JAR: run a copy, so that building the tree meanwhile does not pull classes from under it
jar="${JAR:-server/target/servicebook.jar}"
db="${DB:-servicebook_kpi_$(date +%s)}"
data=$(mktemp -d)
port=18185
export SERVICEBOOK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db?reWriteBatchedInserts=true"
export SERVICEBOOK_DB_USER=postgres SERVICEBOOK_DB_PASSWORD=
server=
trap '[ -n "$server" ] && { kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; }
      [ "${KEEP:-0}" = 1 ] || psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
      rm -rf "$data"' EXIT
if [ -z "${DB:-}" ]; then
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
  echo "database $db: writing $cases cases…"
  "$JAVA_HOME/bin/java" -jar "$jar" demo-data --cases "$cases" --data-dir "$data"
fi
psql -qtA -h 127.0.0.1 -U postgres -d "$db" -c "ANALYZE" >/dev/null
psql -qtA -h 127.0.0.1 -U postgres -d "$db" -c \
  "SELECT 'cases ' || (SELECT COUNT(*) FROM service_case) || ', interactions ' || (SELECT COUNT(*) FROM case_interaction) || ', survey answers ' || (SELECT COUNT(*) FROM survey_response) || ', rollup rows ' || (SELECT COUNT(*) FROM kpi_rollup)"

token="sb_kpi_$(date +%s)"
SERVICEBOOK_BOOTSTRAP_TOKEN="$token" \
  "$JAVA_HOME/bin/java" -jar "$jar" serve --port $port --data-dir "$data" \
  > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break; sleep 1; done

# p50/p90/max in ms of 30 timed GETs (after 5 untimed ones), with curl's total time
timed() {
  local label=$1; shift
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$@"; done
  for _ in $(seq 1 30); do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@"; done |
    awk -v label="$label" '{ if ($1 != 200) bad++; t[NR] = $2 * 1000 } END {
      n = asort(t); printf "%-52s p50 %7.1f ms  p90 %7.1f ms  max %7.1f ms%s\n", label, t[int(n*0.5)], t[int(n*0.9)], t[n], (bad ? "  (" bad " not 200)" : "")
      printf "%s\t%.1f\n", label, t[int(n*0.5)] >> "'"$data/p50"'" }'
}
api="http://127.0.0.1:$port/api/v1"
auth=(-H "Authorization: Bearer $token")
slug=$(curl -s "${auth[@]}" "$api/protocols" | grep -o '"slug":"[^"]*"' | head -1 | cut -d'"' -f4)
from=$(date -u -d '29 days ago' +%F)
to=$(date -u +%F)
echo "computed from: $(curl -s "${auth[@]}" "$api/kpis" | grep -o '"computed_from":"[^"]*"')"
echo "HTTP, from the rollups (last 30 days, $(curl -s "${auth[@]}" "$api/kpis" | grep -o '"cases":[0-9]*' | head -1)):"
timed "all protocols, KPIs" "${auth[@]}" "$api/kpis"
timed "all protocols, by week (tiles and sparklines)" "${auth[@]}" "$api/kpis?by=week"
timed "all protocols, by channel" "${auth[@]}" "$api/kpis?by=channel"
timed "all protocols, by protocol (health table)" "${auth[@]}" "$api/kpis?by=protocol"
timed "one protocol ($slug), by week" "${auth[@]}" "$api/kpis?protocol=$slug&by=week"
timed "one protocol, by agent" "${auth[@]}" "$api/kpis?protocol=$slug&by=agent"
timed "one protocol, health" "${auth[@]}" "$api/protocols/$slug/health"
timed "all protocols, 365 days by month" "${auth[@]}" "$api/kpis?by=month&from=$(date -u -d '364 days ago' +%F)&to=$to"

# the dashboard page itself, logged in as the demo supervisor (form login with CSRF)
cookies="$data/cookies"
login_page=$(curl -s -c "$cookies" -b "$cookies" "http://127.0.0.1:$port/login" || true)
csrf=$(printf '%s' "$login_page" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | head -n 1)
curl -s -o /dev/null -c "$cookies" -b "$cookies" --data-urlencode "username=supervisor" --data-urlencode "password=demo" \
  --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$port/login"
timed "console: /kpis page, all protocols" -b "$cookies" "http://127.0.0.1:$port/kpis"
timed "console: /kpis page, one protocol" -b "$cookies" "http://127.0.0.1:$port/kpis?protocol=$slug"

echo "psql, a plain GROUP BY over the raw tables (same 30 days; 5 runs, each timed):"
plain() {
  local label=$1 sql=$2
  for _ in 1 2 3 4 5 6; do
    psql -qtA -h 127.0.0.1 -U postgres -d "$db" -c '\timing on' -c "$sql" | grep '^Time:' | awk '{print $2}'
  done | tail -5 | sort -n | awk -v label="$label" '{ t[NR] = $1 } END { printf "%-52s p50 %7.1f ms  max %7.1f ms\n", label, t[3], t[5]
      printf "%s\t%.1f\n", label, t[3] >> "'"$data/p50"'" }'
}
window="c.created_at >= DATE '$from' AND c.created_at < DATE '$to' + 1"
plain "all protocols, by week: volume, resolved, FRT p50/p90, CSAT" "
  WITH first AS (
    SELECT i.case_id, MIN(i.occurred_at) AS at FROM case_interaction i
    WHERE i.kind = 'OUTBOUND_MESSAGE' AND i.visibility = 'PUBLIC'
      AND i.case_id IN (SELECT c.id FROM service_case c WHERE $window) GROUP BY i.case_id)
  SELECT date_trunc('week', c.created_at) AS week, COUNT(*) AS cases,
         SUM(CASE WHEN c.status IN ('RESOLVED','CLOSED') THEN 1 ELSE 0 END) AS resolved,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY f.at - c.created_at) AS frt_p50,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY f.at - c.created_at) AS frt_p90,
         AVG(r.score) FILTER (WHERE s.kind = 'CSAT') AS csat
  FROM service_case c LEFT JOIN first f ON f.case_id = c.id
  LEFT JOIN survey s ON s.case_id = c.id LEFT JOIN survey_response r ON r.survey_id = s.id
  WHERE $window GROUP BY 1 ORDER BY 1"
plain "all protocols, by channel: the same" "
  WITH first AS (
    SELECT i.case_id, MIN(i.occurred_at) AS at FROM case_interaction i
    WHERE i.kind = 'OUTBOUND_MESSAGE' AND i.visibility = 'PUBLIC'
      AND i.case_id IN (SELECT c.id FROM service_case c WHERE $window) GROUP BY i.case_id)
  SELECT c.channel, COUNT(*),
         SUM(CASE WHEN c.status IN ('RESOLVED','CLOSED') THEN 1 ELSE 0 END),
         percentile_disc(0.5) WITHIN GROUP (ORDER BY f.at - c.created_at),
         percentile_disc(0.9) WITHIN GROUP (ORDER BY f.at - c.created_at),
         AVG(r.score) FILTER (WHERE s.kind = 'CSAT')
  FROM service_case c LEFT JOIN first f ON f.case_id = c.id
  LEFT JOIN survey s ON s.case_id = c.id LEFT JOIN survey_response r ON r.survey_id = s.id
  WHERE $window GROUP BY 1 ORDER BY 1"
ratio() {
  awk -F'\t' -v a="$1" -v b="$2" '$1 == a { x = $2 } $1 == b { y = $2 } END {
    printf "ratio, GROUP BY / rollups over HTTP (%s): %.1f (%.1f ms / %.1f ms)\n", a, y / x, y, x }' "$data/p50"
}
ratio "all protocols, by week (tiles and sparklines)" "all protocols, by week: volume, resolved, FRT p50/p90, CSAT"
ratio "all protocols, by channel" "all protocols, by channel: the same"
[ "${KEEP:-0}" = 1 ] && echo "kept database $db (DB=$db bench/kpi-rollups.sh times it again)"
exit 0
