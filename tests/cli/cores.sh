#!/usr/bin/env bash
# A month read and computed on every core is the month read and computed on one core
# (taskset): with 300 generated customers tickets.csv is read in several blocks and
# the services are computed in several batches at once.  The same for --validate on
# inputs broken in the middle of tickets.csv (a stray quote, a quoted field over
# lines, one never closed).  TAP.
set -u
bin=${SLAREPORT:-build/slareport}
gen=${bin%/*}/slareport-gen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
t() {  # name, command...
  n=$((n + 1))
  if "${@:2}"; then echo "ok $n $1"; else echo "not ok $n $1"; fi
}
one=""
taskset -c 0 true 2>/dev/null && one="taskset -c 0"
echo "1..4"

"$gen" --customers 300 --seed 3 --month 2026-10 --out "$tmp/in" >/dev/null 2>&1
run() {  # out, command prefix...
  local out=$1; shift
  "$@" "$bin" --input "$tmp/in" --month 2026-10 --out "$tmp/$out" --no-pdf \
    --issue-date 2026-11-05 -q 2>"$tmp/$out.err"
}
run all
rc_all=$?
run one $one
rc_one=$?
t "cores/month-runs" test "$rc_all" = 0 -a "$rc_one" = 0
t "cores/same-ledgers-and-manifest" diff -r "$tmp/all/2026-10" "$tmp/one/2026-10"

# break tickets.csv in its middle: a stray quote, a quoted field over two lines, and
# (in a copy) a quoted field that never closes
lines=$(wc -l <"$tmp/in/tickets.csv")
mid=$((lines / 2))
awk -v m="$mid" 'NR == m { sub(/,/, ",x\"y,") } NR == m + 7 { sub(/,/, ",\"a\nb\",") } { print }' \
  "$tmp/in/tickets.csv" >"$tmp/t.csv" && mv "$tmp/t.csv" "$tmp/in/tickets.csv"
validate() {  # out, command prefix...
  local out=$1; shift
  "$@" "$bin" --input "$tmp/in" --validate >"$tmp/$out" 2>&1
}
validate v-all
validate v-one $one
t "cores/same-problems" cmp -s "$tmp/v-all" "$tmp/v-one"
awk -v m="$mid" 'NR == m + 20 { sub(/,/, ",\"open,") } { print }' "$tmp/in/tickets.csv" \
  >"$tmp/t.csv" && mv "$tmp/t.csv" "$tmp/in/tickets.csv"
validate u-all
validate u-one $one
t "cores/same-problems-quote-never-closed" \
  bash -c "cmp -s '$tmp/u-all' '$tmp/u-one' && grep -q 'quoted field never closed' '$tmp/u-all'"
