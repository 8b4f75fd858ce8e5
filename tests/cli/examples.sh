#!/usr/bin/env bash
# The worked examples of the spec (copied in tests/data/examples) through the real
# binary: the three CSV ledgers of `--no-pdf` must equal expected/ byte for byte, as
# ../shared/checks/examples-check checks.  TAP.
set -u
bin=${SLAREPORT:-build/slareport}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0
for dir in tests/data/examples/*/; do
  name=$(basename "$dir"); month=$(cat "$dir/month")
  "$bin" --input "$dir" --month "$month" --out "$tmp/$name" --no-pdf 2>"$tmp/$name.err"
  rc=$?
  for f in summary.csv tickets.csv credits.csv; do
    n=$((n + 1))
    if [ "$rc" -eq 0 ] && cmp -s "$dir/expected/$f" "$tmp/$name/$month/$f"; then
      echo "ok $n $name/$f"
    else
      echo "not ok $n $name/$f (exit $rc)"
      diff "$dir/expected/$f" "$tmp/$name/$month/$f" 2>&1 | head -n 6 | sed 's/^/# /'
      head -n 3 "$tmp/$name.err" | sed 's/^/# /'
    fi
  done
done
[ "$n" -gt 0 ] || echo "not ok 1 no example found"
