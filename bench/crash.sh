#!/usr/bin/env bash
# The crash drill, longer: 8 clients open cases with Idempotency-Keys while the server is killed
# with SIGKILL at random moments (1.5–4 s of load each time) and restarted on the same data; every
# acknowledged case must still be there and every retried key must answer its own case. Runs the
# suite's H2CrashTests and PostgresCrashTests with KILLS kills each (default 20) and prints what
# each drill saw: kills, cases acknowledged, lost, duplicated. SEED=n repeats a drill's timing.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) for the PostgreSQL half.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
seed=()
[ -n "${SEED:-}" ] && seed=("-Dservicebook.crash.seed=$SEED")
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
./mvnw -q -B -pl server -am test -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest="${TESTS:-H2CrashTests,PostgresCrashTests}" -Dservicebook.crash.kills="${KILLS:-20}" "${seed[@]}" \
  > "$log" 2>&1 || status=$?
grep -E "crash drill|Tests run:|problems|acknowledged case|answered" "$log" | head -40 || true
[ "$status" -eq 0 ] && echo "crash drill: passed" || echo "crash drill: FAILED (exit $status; full log kept in $log.kept)"
[ "$status" -eq 0 ] || cp "$log" "$log.kept"
exit "$status"
