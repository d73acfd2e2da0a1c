#!/usr/bin/env bash
# Breach firing lag with 100,000 open timers: starts a server on a fresh local PostgreSQL database,
# fills scheduled_tasks to 100,000 open timers (real SLA timers of background cases, the rest
# far-future sla-breach timers bulk-inserted in the server's own row format), then creates cases
# whose first_response SLA (PT1M, 24/7 calendar) breaches while they are all still open, and
# prints p50/p90/p99/max of (sla.breached occurred_at) - (due_at the API gave for the case).
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and a built tree:
#   ./mvnw -q -B -DskipTests package -pl server,bench -am
# CASES (200), BACKGROUND (100), TIMERS (100000) and POLLING (an ISO-8601 duration for
# servicebook.timers.polling-interval; unset keeps the server's default, PT1S) override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
cases=${CASES:-200}
background=${BACKGROUND:-100}
timers=${TIMERS:-100000}
port=18182
base="http://127.0.0.1:$port"
db="servicebook_lag_$(date +%s)"
sql() { psql -qtA -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d "$db" "$@"; }
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
token="sb_lag_$(date +%s)"
data=$(mktemp -d)
server=
# errexit holds inside the trap too: every step may fail without skipping the ones after it.
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

# The pack: one protocol whose first response breaches 1 min after the case is opened (so all
# cases are created before the first breach), one whose
# clocks run 30 days (the background cases), both on the 24/7 calendar.
mkdir -p "$data/pack/calendars"
cp protocols/calendars/always-open.yaml "$data/pack/calendars/"
cat > "$data/pack/breach-lag.yaml" <<'EOF'
protocol: breach-lag
title: Breach lag benchmark
owner: bench
applies_when: case.category == "breach-lag"
channels: [email]
languages: [en]
sla:
  calendar: always-open
  first_response: PT1M
  warn_at: 0.5
  on_breach: [{notify: supervisor}]
steps:
  - id: answer
    title: Answer the customer
    script: {en: "Hello"}
    action: {resolve: true}
EOF
cat > "$data/pack/breach-lag-background.yaml" <<'EOF'
protocol: breach-lag-background
title: Breach lag benchmark, background cases
owner: bench
applies_when: case.category == "breach-lag-background"
channels: [email]
languages: [en]
sla:
  calendar: always-open
  first_response: P30D
  resolution: P30D
  warn_at: 0.75
  on_breach: [{notify: supervisor}]
steps:
  - id: answer
    title: Answer the customer
    script: {en: "Hello"}
    action: {resolve: true}
EOF

polling_env=()
[ -n "${POLLING:-}" ] && polling_env=(SERVICEBOOK_TIMERS_POLLING_INTERVAL="$POLLING")
env SERVICEBOOK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SERVICEBOOK_DB_USER=postgres SERVICEBOOK_DB_PASSWORD= \
  SERVICEBOOK_BOOTSTRAP_TOKEN="$token" "${polling_env[@]}" \
  "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} -jar server/target/servicebook.jar serve --port $port --data-dir "$data" --protocols "$data/pack" \
  > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do curl -sf "$base/actuator/health" >/dev/null && break; sleep 1; done
curl -sf "$base/actuator/health" >/dev/null || { echo "server did not start:"; tail -50 "$data/server.log"; exit 1; }

# Prints the case's JSON; fails on anything but 201.
create() {
  curl -sf -X POST "$base/api/v1/cases" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    -d "{\"channel\": \"email\", \"category\": \"$1\", \"subject\": \"Breach lag $2\", \"message\": \"Where is my order?\",
         \"customer\": {\"first_name\": \"Lag\", \"last_name\": \"Tester$2\", \"email\": \"lag$2@example.com\", \"language\": \"en\"}}"
}
task="servicebook-timer"
echo "creating $background background cases (30-day clocks)…"
for i in $(seq 1 "$background"); do create breach-lag-background "bg$i" >/dev/null; done
real=$(sql -c "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = '$task'")
filler=$((timers - real))
# A breach timer as Timers.schedule writes it: id "sla-breach:CASE:TARGET:CYCLE:EPOCHMILLI", data
# "sla-breach\n" in Java serialization (JavaSerializer); its case does not exist, so were it to
# fire, SlaBreaches would find no clock and do nothing. Due between 1 and 30 days from now.
echo "inserting $filler far-future sla-breach timers next to $real real ones…"
sql <<EOF
INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, picked_by,
    last_success, last_failure, consecutive_failures, last_heartbeat, version, priority, state)
SELECT '$task',
       'sla-breach:filler-' || n || ':first_response:0:' || (EXTRACT(EPOCH FROM due) * 1000)::bigint,
       decode('aced000574' || lpad(to_hex(length(E'sla-breach\n')), 4, '0')
              || encode(convert_to(E'sla-breach\n', 'UTF8'), 'hex'), 'hex'),
       due, FALSE, NULL, NULL, NULL, NULL, NULL, 1, NULL, NULL
FROM (SELECT n, date_trunc('milliseconds', now() + interval '1 day' + n * (interval '29 days' / GREATEST($filler, 1))) AS due
      FROM generate_series(1, $filler) AS n) AS t;
ANALYZE scheduled_tasks;
EOF
# The filler rows must read like the server's own: same columns, same serialized data.
kinds=$(sql -c "SELECT COUNT(DISTINCT (task_data, picked, consecutive_failures, version, priority, state))
    || ' ' || COUNT(*) FILTER (WHERE task_instance NOT LIKE 'sla-breach:filler-%')
    FROM scheduled_tasks WHERE task_instance LIKE 'sla-breach:%'")
[ "${kinds%% *}" = 1 ] && [ "${kinds##* }" -gt 0 ] || {
  echo "filler rows differ from the server's own breach timers:"
  sql -c "SELECT DISTINCT encode(task_data, 'hex'), picked, consecutive_failures, version, priority, state
      FROM scheduled_tasks WHERE task_instance LIKE 'sla-breach:%'"
  exit 1
}
open=$(sql -c "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = '$task' AND NOT picked")
echo "open timers: $open"

sql -c "CREATE TABLE bench_breach_lag (case_id VARCHAR(200) PRIMARY KEY, due_at TIMESTAMP WITH TIME ZONE NOT NULL)"
echo "creating $cases cases whose first response breaches 1 min after creation…"
start=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq 1 "$cases"); do
  create breach-lag "c$i" | jq -r '[.id, (.sla[] | select(.target == "first_response") | .due_at)] | @tsv'
done > "$data/cases.tsv"
echo "created in $(( $(date +%s) - start )) s; waiting for the breaches…"
sql -c "\\copy bench_breach_lag FROM '$data/cases.tsv'"
breached() { sql -c "SELECT COUNT(*) FROM audit_event a JOIN bench_breach_lag b ON a.subject_id = b.case_id WHERE a.event_type = 'sla.breached'"; }
for _ in $(seq 1 120); do [ "$(breached)" -ge "$cases" ] && break; sleep 1; done
load=$(cut -d' ' -f1-3 /proc/loadavg)
# Lag: when the breach was recorded minus when the API said it was due. The audit details carry
# the same due_at; a difference would mean the breach belongs to another clock.
sql -F ' ' <<EOF
SELECT 'breaches recorded ' || COUNT(*) || ' of $cases, due_at differing from the audit details: '
       || COUNT(*) FILTER (WHERE (a.details::json ->> 'due_at')::timestamptz <> b.due_at)
FROM audit_event a JOIN bench_breach_lag b ON a.subject_id = b.case_id WHERE a.event_type = 'sla.breached';
WITH lag AS (
  SELECT EXTRACT(EPOCH FROM a.occurred_at - b.due_at) * 1000 AS ms
  FROM audit_event a JOIN bench_breach_lag b ON a.subject_id = b.case_id WHERE a.event_type = 'sla.breached')
SELECT format('breach lag with %s open timers, polling %s: p50 %s ms, p90 %s ms, p99 %s ms, max %s ms, min %s ms',
              '$open', '${POLLING:-PT1S (default)}',
              round(percentile_disc(0.50) WITHIN GROUP (ORDER BY ms)), round(percentile_disc(0.90) WITHIN GROUP (ORDER BY ms)),
              round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms)), round(MAX(ms)), round(MIN(ms)))
FROM lag;
EOF
echo "load average (1, 5, 15 min): $load_before before the cases, $load after the breaches ($(nproc) cores)"
