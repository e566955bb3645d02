#!/usr/bin/env bash
# The project's test command. Builds with warnings as errors, runs every test project and
# ends with one line: "tests: N passed, N failed, N skipped".
#
# As root the whole run happens inside a private mount namespace (unshare --mount
# --propagation private), so no mount made by a test can reach the host's mount table; the
# mount tests additionally unshare per thread. Loop devices are not namespaced, so the run
# fails if it leaves any attached that were not attached before.
set -uo pipefail
cd "$(dirname "$0")"

scripts/prerequisites.sh

dotnet build Orchestrator.sln -warnaserror -nologo -clp:NoSummary -v:quiet || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

results="$(pwd)/TestResults/$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"
loops_before=$(losetup -l -n -O NAME 2>/dev/null | sort)

run=(dotnet test Orchestrator.sln --no-build --nologo --logger trx --results-directory "$results" "$@")
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null 2>&1; then
  unshare --mount --propagation private "${run[@]}"
else
  echo "test.sh: not root: privileged tests will be reported as skipped" >&2
  "${run[@]}"
fi
status=$?

passed=0 failed=0 skipped=0 total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); x=$(get timeout)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${x:-0}))
done
skipped=$((total - passed - failed))

loops_after=$(losetup -l -n -O NAME 2>/dev/null | sort)
leaked=$(comm -13 <(printf '%s\n' "$loops_before") <(printf '%s\n' "$loops_after") | grep -v '^$' || true)
if [ -n "$leaked" ]; then
  echo "test.sh: loop devices left attached by the run: $leaked" >&2
  failed=$((failed + 1))
fi

# A test host that could not start reports no counters: the run is broken even if nothing "failed".
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with $status without a failed test (an aborted test host?)" >&2
  failed=1
fi

if [ "$total" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  [ "$status" -eq 0 ] && status=1
fi
[ "$failed" -gt 0 ] && [ "$status" -eq 0 ] && status=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
