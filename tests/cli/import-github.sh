#!/usr/bin/env bash
# GitHub's real status page (../shared/realdata/github-status, README "Importing other
# exports") through the statuspage preset: --validate reads its 1 562 incidents and 30
# maintenance windows with no problem, only the count of rows that name no service; a
# month then gives each component its downtime, which GitHub's own published uptime
# bounds from below (it weighs a partial outage 0.3, we count the whole incident).  TAP.
set -u
bin=${SLAREPORT:-build/slareport}
# copies of ../shared/realdata/github-status (licences: tests/data/realdata/github-status/SOURCE.md)
data=tests/data/realdata/github-status
folder=tests/data/import/realdata-github
n=0
ok()   { n=$((n + 1)); echo "ok $n $1"; }
fail() { n=$((n + 1)); echo "not ok $n $1"; shift; for l in "$@"; do echo "# $l"; done; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }

if [ ! -r "$data/incidents.json" ]; then
  skip validate-reads-every-incident "no $data/incidents.json"
  skip month-gives-each-component-its-downtime "no $data/incidents.json"
  exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$folder"/* "$tmp"/
cp "$data"/incidents.json "$data"/scheduled-maintenances.json "$tmp"/

start=$(date +%s%N)
"$bin" --input "$tmp" --validate >"$tmp/out" 2>"$tmp/err"; rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$rc" -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 2 ] &&
   grep -q '^incidents\.json: warning: rows that map to no service, not read: 376 ' "$tmp/out" &&
   grep -q '^scheduled-maintenances\.json: warning: rows that map to no service, not read: 12 ' "$tmp/out"; then
  ok validate-reads-every-incident
else
  fail validate-reads-every-incident "exit $rc" "$(head -n 3 "$tmp/out")" "$(tail -n 1 "$tmp/err")"
fi
echo "# --validate of 1 562 incidents and 30 maintenance windows: $ms ms"

start=$(date +%s%N)
"$bin" --input "$tmp" --month 2022-12 --out "$tmp/o" --no-pdf 2>"$tmp/err"; rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
summary=$tmp/o/2022-12/summary.csv
# downtime_s of each component; GitHub published partial-outage seconds
# Actions 9072, Codespaces 17160, Pull Requests 9395 and no major outage
downtime() { awk -F, -v s="$1" '$3 == s { print $8 }' "$summary"; }
if [ "$rc" -eq 0 ] && [ "$(($(wc -l <"$summary") - 1))" -eq 11 ] &&
   [ "$(downtime Actions)" = 9080 ] && [ "$(downtime Codespaces)" = 17166 ] &&
   [ "$(downtime Pull-Requests)" = 9407 ] && [ "$(downtime Pages)" = 0 ]; then
  ok month-gives-each-component-its-downtime
else
  fail month-gives-each-component-its-downtime "exit $rc" "$(tail -n 2 "$tmp/err")" \
       "$(cut -d, -f3,8 "$summary" 2>/dev/null | tr '\n' ' ')"
fi
echo "# --month 2022-12 --no-pdf: $ms ms"
