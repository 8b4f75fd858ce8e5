#!/usr/bin/env bash
# `make check-valgrind`: every test program, one full run of samples/ and the fuzz
# targets' seeds and regression inputs, once each under valgrind's memcheck — no
# invalid read or write, no use of uninitialised memory, no leak (definite or
# indirect; GLib's one-time allocations are "still reachable" and not counted), every
# error fatal.  The test programs run two at a time.  TAP-like summary, exit 1 on any
# error.  Usage: tests/valgrind.sh PROGRAM...   (BUILD=build by default)
set -u
build=${BUILD:-build}
export G_TEST_SRCDIR="$PWD/tests" G_TEST_BUILDDIR="$PWD/$build/tests" FUZZ_DATA="$PWD/tests/data"
# GLib's slice allocator and its caches would hide leaks and reads past a block
export G_SLICE=always-malloc G_DEBUG=gc-friendly,fatal-criticals
vg=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --num-callers=30
    --suppressions="$PWD/tests/valgrind.supp")
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
logs=$(mktemp -d) || exit 1
trap 'rm -rf "$logs"' EXIT

one() {  # name, command...: runs it under valgrind, prints one line
  local name=$1; shift
  local log=$logs/${name//\//_}.log start=$SECONDS rc
  "${vg[@]}" "$@" >"$log" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ]; then
    printf 'ok   %-34s %3d s\n' "$name" $((SECONDS - start))
  else
    printf 'FAIL %-34s (exit %d%s)\n' "$name" "$rc" "$([ "$rc" -eq 99 ] && echo ': memcheck error')"
    grep -E '^==[0-9]+== |^not ok|ERROR' "$log" | head -n 25
  fi
  return "$rc"
}
export -f one
export vg_line="${vg[*]}" logs

status=0
# the test programs, two at a time
printf '%s\n' "$@" | xargs -P 2 -I{} bash -c '
  vg=($vg_line); p={}; one "$(basename "$p")" "$p" --tap' || status=1

# one whole run, statements and all
out=$logs/out
one "slareport samples/" "$build/slareport" --input samples --month "$(cat samples/month)" \
  --out "$out" --jobs 2 --quiet || status=1
# what fuzzing found, and the seeds it started from
tests/fuzz/seeds.sh "$logs/seeds" 2>/dev/null
for src in tests/fuzz/fuzz-*.c; do
  name=$(basename "$src" .c); short=${name#fuzz-}
  dirs=""
  for d in "$logs/seeds/$short" "tests/fuzz/regress-$short"; do [ -d "$d" ] && dirs="$dirs $d"; done
  # shellcheck disable=SC2086
  one "fuzz/$short/replay" "$build/fuzz/$name" $dirs || status=1
done
echo "valgrind ($build): $([ "$status" -eq 0 ] && echo "no error" || echo "ERRORS")"
exit "$status"
