#!/usr/bin/env bash
# The real ServiceNow export of ../shared/realdata (README "Importing other exports")
# through the ServiceNow preset: --validate reports the six incidents without a
# location and nothing else; a month then runs with them left out.  TAP.
set -u
bin=${SLAREPORT:-build/slareport}
# a copy of ../shared/realdata/servicenow-incident-log (CC BY 4.0: tests/data/realdata/servicenow/SOURCE.md)
export_gz=tests/data/realdata/servicenow/incident_event_log_full.csv.gz
folder=tests/data/import/realdata-servicenow
n=0
ok()   { n=$((n + 1)); echo "ok $n $1"; }
fail() { n=$((n + 1)); echo "not ok $n $1"; shift; for l in "$@"; do echo "# $l"; done; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }

if [ ! -r "$export_gz" ]; then
  skip validate-reports-the-bad-rows "no $export_gz"
  skip month-runs-without-them "no $export_gz"
  exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$folder"/* "$tmp"/
gunzip -c "$export_gz" >"$tmp/incident_event_log.csv"

start=$(date +%s%N)
"$bin" --input "$tmp" --validate >"$tmp/out" 2>"$tmp/err"; rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
expected="1080 2990 6349 7484 23079 23087"
lines=$(sed -n 's/^incident_event_log\.csv:\([0-9]*\): column location: "?" stands for no value (expected a value: the column is required)$/\1/p' "$tmp/out" | tr '\n' ' ')
if [ "$rc" -eq 2 ] && [ "${lines% }" = "$expected" ] && [ "$(wc -l <"$tmp/out")" -eq 6 ] &&
   grep -q ': 6 problems$' "$tmp/err"; then
  ok validate-reports-the-bad-rows
else
  fail validate-reports-the-bad-rows "exit $rc, lines: $lines" "$(head -n 3 "$tmp/out")" "$(tail -n 1 "$tmp/err")"
fi
echo "# --validate of 119 998 rows (20 769 incidents): $ms ms"

"$bin" --input "$tmp" --month 2016-03 --out "$tmp/o" --no-pdf --allow-rejects 2>"$tmp/err"; rc=$?
month=$tmp/o/2016-03
if [ "$rc" -eq 0 ] && [ "$(($(wc -l <"$month/rejects.csv") - 1))" -eq 6 ] &&
   [ "$(($(wc -l <"$month/summary.csv") - 1))" -eq 202 ]; then
  ok month-runs-without-them
else
  fail month-runs-without-them "exit $rc" "$(tail -n 2 "$tmp/err")"
fi
