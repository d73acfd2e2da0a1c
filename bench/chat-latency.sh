#!/usr/bin/env bash
# Chat latency, customer → agent, on PostgreSQL: starts NODES (1 or 2) servers on one fresh local
# database (with 2, customers use the first and the agent the second, so every line crosses nodes
# through LISTEN/NOTIFY), adds an agent, starts CHATS (200) chats through the public chat API and
# has the agent's console stream open on each chat's case; every customer then sends MESSAGES (10)
# lines, up to PAUSE_MS (2000) apart. Prints p50/p99/max from the customer's POST to the event on
# the agent's stream, and to the case page (which the console fetches on that event) showing it.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and a built tree:
#   ./mvnw -q -B -DskipTests package -pl server,bench -am
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
db="servicebook_chat_$(date +%s)"
token="sb_chat_$(date +%s)"
password="bench-agent-$(date +%s)-Secret"
jar=${JAR:-server/target/servicebook.jar}
nodes=${NODES:-1}
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
export SERVICEBOOK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SERVICEBOOK_DB_USER=postgres SERVICEBOOK_DB_PASSWORD=
# one address sends every chat here: lift the per-address limits; both nodes sign one audit trail
export SERVICEBOOK_CHAT_STARTSPERMINUTE=1000000 SERVICEBOOK_CHAT_MESSAGESPERMINUTE=1000000
export SERVICEBOOK_AUDIT_KEY="$(openssl rand -hex 32)"
data=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
      psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
      rm -rf "$data"' EXIT
echo "$password" | "$JAVA_HOME/bin/java" -jar "$jar" user add bench-agent --role agent --password-stdin \
  --data-dir "$data/a" >/dev/null
for n in $(seq 1 "$nodes"); do
  SERVICEBOOK_BOOTSTRAP_TOKEN="$token" "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} -jar "$jar" serve \
    --port $((18190 + n)) --data-dir "$data/$n" --protocols protocols > "$data/server-$n.log" 2>&1 &
  pids+=($!)
done
for n in $(seq 1 "$nodes"); do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$((18190 + n))/actuator/health" >/dev/null && break; sleep 1; done
done
"$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar io.servicebook.bench.ChatLatency \
  http://127.0.0.1:18191 "http://127.0.0.1:$((18190 + nodes))" "$token" bench-agent "$password" \
  "${CHATS:-200}" "${MESSAGES:-10}" "${PAUSE_MS:-2000}"
