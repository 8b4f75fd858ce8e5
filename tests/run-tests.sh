#!/usr/bin/env bash
# Runs test programs (GLib g_test, TAP output) and shell tests (tests/cli/*.sh, TAP
# too), and prints the totals.  Usage: tests/run-tests.sh PROGRAM...
# Exit status 0 only when every test passed and at least one ran.
set -u
build=${BUILD:-build}
export G_TEST_SRCDIR="$PWD/tests" G_TEST_BUILDDIR="$PWD/$build/tests"
export SLAREPORT="$PWD/$build/slareport" G_DEBUG=fatal-criticals
# GLib's own leaks under ASan (see the file; matching them needs full malloc stacks,
# which GLib's frame-pointer-less code only gives with the slow unwinder); ignored by
# non-ASan builds
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-fast_unwind_on_malloc=0}"
pass=0; fail=0; skip=0; failed_progs=""
run_one() {  # name, command...
  local name=$1; shift
  local out rc
  out=$("$@" 2>&1); rc=$?
  local p f s
  p=$(grep -cE '^ok ' <<<"$out"); f=$(grep -cE '^not ok ' <<<"$out")
  s=$(grep -cE '^ok .*# SKIP' <<<"$out")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  pass=$((pass + p - s)); skip=$((skip + s)); fail=$((fail + f))
  if [ "$f" -gt 0 ]; then
    failed_progs="$failed_progs $name"
    printf 'FAIL %s (exit %s)\n' "$name" "$rc"
    grep -E '^not ok |ERROR|CRITICAL|runtime error|AddressSanitizer|Bail out' <<<"$out" | head -n 20
  else
    printf 'ok   %-28s %4d passed\n' "$name" "$((p - s))"
  fi
}
for prog in "$@"; do
  run_one "$(basename "$prog")" "$prog" --tap
done
for sh in tests/cli/*.sh; do
  [ -e "$sh" ] || continue
  run_one "cli/$(basename "$sh" .sh)" bash "$sh"
done
echo "tests ($build): $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
