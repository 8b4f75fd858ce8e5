#!/usr/bin/env bash
# `make fuzz`: runs each libFuzzer target of BUILD/fuzz for FUZZ_SECONDS, one after
# the other, and prints what each did.  The corpus grows in tests/fuzz/corpus-NAME/
# (not committed); the seeds are made afresh from the project's inputs
# (tests/fuzz/seeds.sh); tests/fuzz/regress-NAME/ (committed) is read too.  A crash,
# leak or timeout leaves its input in tests/fuzz/ (crash-…, leak-…, timeout-…) and
# fails the run: replay it with build/fuzz/fuzz-NAME FILE, minimise it with
# BUILD/fuzz/fuzz-NAME -minimize_crash=1 -runs=10000 FILE, then move it into
# tests/fuzz/regress-NAME/ with the fix.
#
# Usage: tests/fuzz/run.sh BUILD NAME...   (from the project folder)
# Environment: FUZZ_SECONDS (default 60) per target; FUZZ_ARGS more libFuzzer flags,
# e.g. "-seed=1" (make test) or "-fork=2" (two processes).
set -u
build=${1:?usage: run.sh BUILD NAME...}; shift
seconds=${FUZZ_SECONDS:-60}
seeds=$build/fuzz-seeds
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}"
export G_DEBUG=fatal-criticals FUZZ_DATA="$PWD/tests/data"
rm -rf "$seeds" && tests/fuzz/seeds.sh "$seeds" || exit 1
status=0
for name in "$@"; do
  short=${name#fuzz-}
  bin=$build/fuzz/$name
  corpus=tests/fuzz/corpus-$short
  log=$build/$name.log
  mkdir -p "$corpus"
  dirs="$corpus"
  for d in "$seeds/$short" "tests/fuzz/regress-$short"; do
    [ -d "$d" ] && dirs="$dirs $d"
  done
  # shellcheck disable=SC2086  # FUZZ_ARGS and dirs are lists
  "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
    -dict=tests/fuzz/slareport.dict -artifact_prefix=tests/fuzz/ ${FUZZ_ARGS:-} $dirs >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  # -fork=N prints "#RUNS: cov: …" lines instead of final stats
  [ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -n 1)
  added=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -n 1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1)
  printf 'fuzz %-12s %5s s  %10s runs  %5s new inputs  %s  corpus %s\n' "$short" "$seconds" \
    "${runs:-?}" "${added:-?}" "${cov:-}" "$(ls "$corpus" | wc -l)"
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "FAIL fuzz $short (exit $rc): see $log"
    grep -E 'ERROR|fuzz: |SUMMARY|Test unit written|runtime error' "$log" | head -n 12
  fi
done
exit $status
