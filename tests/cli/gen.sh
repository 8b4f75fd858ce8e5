#!/usr/bin/env bash
# The bench input generator (tests/bench/gen.c): same seed, same bytes; another seed,
# other data; the ratios of issue 8; and inputs that inputs.md accepts (references,
# timestamp order, no local time in the spring-forward gap, plan keys of plans.md).
set -u
gen=${SLAREPORT:-build/slareport}
gen=${gen%/*}/slareport-gen
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
t() {  # name, command...
  local name=$1; shift
  n=$((n + 1))
  if "$@"; then echo "ok $n $name"; else echo "not ok $n $name"; fi
}
files="plans.ini customers.csv services.csv tickets.csv outages.csv maintenance.csv"
echo "1..15"

"$gen" --customers 50 --seed 7 --out "$tmp/a" >"$tmp/a.out" 2>"$tmp/a.err"
rc=$?
"$gen" --customers 50 --seed 7 --out "$tmp/b" >/dev/null 2>&1
"$gen" --customers 50 --seed 8 --out "$tmp/c" >/dev/null 2>&1
"$gen" --customers 50 --seed 7 --month 2026-03 --out "$tmp/march" >/dev/null 2>&1

t "gen/exits-0-silently" test "$rc" = 0 -a ! -s "$tmp/a.err"
t "gen/refuses-bad-month" bash -c "! '$gen' --customers 1 --month 2026-13 --out '$tmp/x' 2>/dev/null"
same() { for f in $files; do cmp -s "$tmp/a/$f" "$tmp/b/$f" || return 1; done; }
t "gen/same-seed-same-bytes" same
t "gen/other-seed-other-data" bash -c "! cmp -s '$tmp/a/tickets.csv' '$tmp/c/tickets.csv'"

d=$tmp/a
customers=$(grep -c '^C[0-9]\{6\},' "$d/customers.csv")
t "gen/fifty-customers" test "$customers" = 50
# 1-5 services each, every customer has one, every service's customer exists
t "gen/one-to-five-services" awk -F';' -v want=50 '
  FNR == 1 { next }
  FILENAME ~ /customers/ { if ($0 ~ /^C[0-9]+,/) { split($0, f, ","); known[f[1]] = 1 } next }
  { if (!($2 in known)) exit 1; n[$2]++ }
  END { for (c in n) { k++; if (n[c] < 1 || n[c] > 5) exit 1 } exit k != want }
' "$d/customers.csv" "$d/services.csv"
# about 20 tickets per customer-month over 12 months, 10 outages and 0.2 windows a month
ratio() {  # file, rows per customer, low, high (the two `*` windows are not per customer)
  awk -F, -v lo="$3" -v hi="$4" -v per="$2" 'FNR > 1 && $1 != "M-ALL-1" && $1 != "M-ALL-2" { r++ }
    END { x = r / 50 / per; exit !(x >= lo && x <= hi) }' "$d/$1"
}
t "gen/ratio/tickets-20-per-customer-month" ratio tickets.csv 12 14 26
t "gen/ratio/outages-10-per-customer-month" ratio outages.csv 1 7 13
t "gen/ratio/maintenance-0.2-per-customer-month" ratio maintenance.csv 1 0.05 0.5
# every reference resolves; every ticket's stops follow its opening
t "gen/references-resolve" awk -F'[,;]' '
  FNR == 1 { next }
  FILENAME ~ /services/ { svc[$1] = 1; next }
  FILENAME ~ /tickets/ { if (!($2 in svc)) exit 1; tk[$1] = 1; next }
  FILENAME ~ /outages/ { if (!($2 in svc) || ($6 != "" && !($6 in tk))) exit 1; next }
  FILENAME ~ /maintenance/ { if ($2 != "" && $2 != "*" && !($2 in svc)) exit 1 }
' "$d/services.csv" "$d/tickets.csv" "$d/outages.csv" "$d/maintenance.csv"
# local times compare as strings (the generator writes no second occurrence)
order() {
  awk -F, '
    function k(s) { s = substr(s, 1, 16); sub(/ /, "T", s); return s }
    function after(a, b) { return a == "" || b == "" || k(a) >= k(b) }
    FNR == 1 { next }
    FILENAME ~ /tickets/ { if (!after($5, $4) || !after($6, $4) || !after($7, $4) || !after($7, $6)) exit 1; next }
    { if (!after($4, $3)) exit 1 }
  ' "$1/tickets.csv" "$1/outages.csv"
  awk -F, 'FNR > 1 { s = $4; e = $5; sub(/ /, "T", s); sub(/ /, "T", e); if (e < s) exit 1 }' \
    "$1/maintenance.csv"
}
t "gen/timestamps-in-order" order "$d"
t "gen/timestamps-in-order-march" order "$tmp/march"
# 29 March 2026, 02:00-02:59 does not exist in Europe/Paris; 25 October's repeated
# hour carries its offset
t "gen/no-time-in-spring-gap" bash -c "! grep -qE '2026-03-29[T ]02:' '$tmp/march'/*.csv"
t "gen/repeated-hour-has-offset" bash -c "! grep -qE '2026-10-25[T ]02:[0-9]{2}(:[0-9]{2})?([,\";]|\$)' '$d'/*.csv"
# every plans.ini key is one plans.md lists
t "gen/plan-keys-known" awk -F= '
  BEGIN {
    split("name address timezone language currency vat_rate credit_note_prefix logo legal " \
      "monday tuesday wednesday thursday friday saturday sunday holidays extra_holidays " \
      "availability.target availability.source availability.calendar availability.penalty " \
      "availability.block availability.block_percent availability.block_rounding " \
      "availability.counted availability.tiers availability.cap maintenance.notice " \
      "priorities priority.matrix compliance.target allowance.monthly allowance.types " \
      "allowance.increment allowance.minimum allowance.overage_rate units.annual " \
      "contacts.monthly contacts.types contacts.overage_fee credit.cap credit.mode", k, " ")
    for (i in k) ok[k[i]] = 1
    split("target calendar categories channels penalty percent tiers block block_percent cap", g, " ")
    for (i in g) { ok["gtr." g[i]] = 1; ok["gti." g[i]] = 1 }
  }
  /^[#\[]/ || NF == 0 { next }
  !($1 in ok) && $1 !~ /^gt[ri]\.calendar\.[A-Za-z0-9]+$/ { exit 1 }
' "$d/plans.ini"
