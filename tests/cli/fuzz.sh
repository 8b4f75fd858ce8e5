#!/usr/bin/env bash
# The fuzz targets' inputs replayed through this build (tests/fuzz/replay.c's main):
# the seeds made from the project's inputs and the committed regression inputs, each
# once, so what fuzzing found stays fixed under gcc, ASan and valgrind.  TAP.
set -u
bin=${SLAREPORT:-build/slareport}
build=${bin%/*}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export FUZZ_DATA="$PWD/tests/data"
n=0
tests/fuzz/seeds.sh "$tmp/seeds" 2>/dev/null
for src in tests/fuzz/fuzz-*.c; do
  name=$(basename "$src" .c)
  short=${name#fuzz-}
  n=$((n + 1))
  dirs=""
  for d in "$tmp/seeds/$short" "tests/fuzz/regress-$short"; do
    [ -d "$d" ] && dirs="$dirs $d"
  done
  # shellcheck disable=SC2086  # a list of folders
  if out=$("$build/fuzz/$name" $dirs 2>&1); then
    echo "ok $n fuzz/$short/replay # $(tail -n 1 <<<"$out")"
  else
    echo "not ok $n fuzz/$short/replay"
    tail -n 15 <<<"$out" | sed 's/^/# /'
  fi
done
echo "1..$n"
