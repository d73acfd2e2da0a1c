#!/usr/bin/env bash
# Fuzzes with Jazzer, each fuzz test for SECONDS (default 300), one after the other: the protocol
# reader and linter and the conditions' cost bound (core), and the readers of the case and run
# API's JSON bodies (server). Each runs in one JVM (Maven's one surefire fork) with a modest heap
# (FUZZ_HEAP, default 768m).
# Without JAZZER_FUZZ, `./mvnw verify` only replays the inputs kept under
# src/test/resources/<package>/<Class>Inputs/<method>/. A crash found here lands in that directory
# as crash-<hash>: fix the bug, give the file a name that says what it holds, and commit it; it is
# replayed by every build from then on. The corpus Jazzer grows is kept in .cifuzz-corpus/
# (ignored by git) and picked up again by the next run.
#   bench/fuzz.sh [SECONDS] [TEST...]    e.g. bench/fuzz.sh 60 CaseRequestsFuzzTests
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
servicebook_find_jdk
seconds=${1:-300}
shift || true
tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
  tests=(ProtocolReaderFuzzTests ConditionCostFuzzTests CaseRequestsFuzzTests RunRequestsFuzzTests)
fi
module() {
  case "$1" in
    ProtocolReaderFuzzTests | ConditionCostFuzzTests) echo core ;;
    *) echo server ;;
  esac
}
failed=0
for test in "${tests[@]}"; do
  log=$(mktemp)
  echo "== $test: fuzzing for ${seconds}s (log: $log)"
  if JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" ./mvnw -B -pl "$(module "$test")" -am test \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -DargLine="-Xmx${FUZZ_HEAP:-768m}" >"$log" 2>&1; then
    echo "   no finding"
  else
    failed=1
    echo "   FINDING (or build failure), see $log:"
    grep -aE 'FuzzTestFinding|Test unit written|Caused by' "$log" | head -5 | sed 's/^/   /' || true
  fi
  # libFuzzer's last status line: executions, coverage, executions per second
  grep -aE '^#[0-9]+' "$log" | tail -1 | sed 's/^/   /' || true
  grep -aE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | sed 's/^/   /' || true
done
exit $failed
