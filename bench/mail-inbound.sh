#!/usr/bin/env bash
# Mail rates on PostgreSQL: starts a server on a fresh local database; MailLoad puts MAILS (10,000)
# customer mails into an in-process GreenMail's support mailbox, points a mailbox at it and times
# how fast the server turns them into cases; then queues REPLIES (2,000) messages in the outbox and
# times how fast the worker sends them to GreenMail's SMTP.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and a built tree:
#   ./mvnw -q -B -DskipTests package -pl server,bench -am
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
db="servicebook_mail_$(date +%s)"
token="sb_mail_$(date +%s)"
data=$(mktemp -d)
jar=${JAR:-server/target/servicebook.jar}
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
SERVICEBOOK_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" SERVICEBOOK_DB_USER=postgres SERVICEBOOK_DB_PASSWORD= \
  SERVICEBOOK_BOOTSTRAP_TOKEN="$token" \
  "$JAVA_HOME/bin/java" ${SERVER_JAVA_OPTS:-} -jar "$jar" serve --port 18182 --data-dir "$data" --protocols protocols \
  > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true
      psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
      rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18182/actuator/health >/dev/null && break; sleep 1; done
"$JAVA_HOME/bin/java" -cp bench/target/benchmarks.jar io.servicebook.bench.MailLoad \
  http://127.0.0.1:18182 "$token" "jdbc:postgresql://127.0.0.1:5432/$db" "${MAILS:-10000}" "${REPLIES:-2000}"
