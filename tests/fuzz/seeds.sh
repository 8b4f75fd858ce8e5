#!/usr/bin/env bash
# Writes the seed corpus of every fuzz target into OUT/TARGET/ from what the project
# already holds: samples/, the ingest test folders and the worked examples.
#   csv    each CSV file and plans.ini, behind the byte that picks it (fuzz-csv.c)
#   plans  each plans.ini
#   parse  each value of those files, behind the byte of its parser (fuzz-parse.c)
# Usage: tests/fuzz/seeds.sh OUT   (from the project folder)
set -eu
out=${1:?usage: seeds.sh OUT}
mkdir -p "$out/csv" "$out/plans" "$out/parse"
folders=$(ls -d samples tests/data/ingest/*/ tests/data/examples/*/ 2>/dev/null)

# a file named after its content, so that repeats collapse
seed() {  # folder, selector byte (octal), file or - for stdin
  local tmp
  tmp=$(mktemp "$1/.seed-XXXXXX")
  { printf "\\$2"; cat "$3"; } >"$tmp"
  mv "$tmp" "$1/$(md5sum <"$tmp" | cut -c1-16)"
}

n=0
for d in $folders; do
  d=${d%/}
  i=0
  for f in customers.csv services.csv tickets.csv outages.csv maintenance.csv plans.ini; do
    if [ -f "$d/$f" ]; then
      seed "$out/csv" "$(printf '%03o' "$i")" "$d/$f"
      n=$((n + 1))
    fi
    i=$((i + 1))
  done
  [ -f "$d/plans.ini" ] && cp "$d/plans.ini" "$out/plans/$(md5sum <"$d/plans.ini" | cut -c1-16)"
done
# a few runs that render statements (bit 4) and use --allow-rejects (bit 3)
for f in tests/data/ingest/valid-base/outages.csv tests/data/ingest/fail-order/tickets.csv; do
  [ -f "$f" ] && seed "$out/csv" 033 "$f" && seed "$out/csv" 023 "$f"
done

# Values by column or key, one parser each (the numbers of fuzz-parse.c's enum).
for d in $folders; do
  for f in "${d%/}"/*.csv; do
    [ -f "$f" ] && awk '
      BEGIN {
        split("customer_id service_id plan_id ticket_id outage_id maintenance_id", a, " ")
        for (i in a) p[a[i]] = 0
        split("opened_at responded_at restored_at closed_at start end notified_at", a, " ")
        for (i in a) p[a[i]] = 1
        p["start_date"] = 2; p["end_date"] = 2; p["monthly_fee"] = 3
        p["paused_minutes"] = 4; p["work_minutes"] = 4; p["work_units"] = 5; p["units_annual"] = 5
        p["interrupted"] = 6; p["type"] = 7; p["cause"] = 7; p["channel"] = 7
        p["description"] = 12; p["name"] = 12
      }
      FNR == 1 {
        sub(/^\xef\xbb\xbf/, ""); sub(/\r$/, "")
        fs = gsub(/;/, ";") > gsub(/,/, ",") ? ";" : ","
        n = split($0, h, fs)
        for (i = 1; i <= n; i++) { gsub(/^ +| +$/, "", h[i]); h[i] = tolower(h[i]) }
        next
      }
      {
        sub(/\r$/, ""); m = split($0, v, fs)
        for (i = 1; i <= m && i <= n; i++)
          if ((h[i] in p) && v[i] != "") print p[h[i]] "\t" v[i]
      }' "$f"
  done
  [ -f "${d%/}/plans.ini" ] && awk -F= '
    /^[ \t]*[#\[]/ || NF < 2 { next }
    {
      k = $1; v = substr($0, length($1) + 2); gsub(/^ +| +$/, "", k); gsub(/^ +| +$/, "", v)
      if (k ~ /(target|cap|percent|vat_rate)$/ && k !~ /^gt[ri]\.target$/) print 9 "\t" v
      else if (k ~ /(block|notice|monthly|increment|minimum)$/) print 8 "\t" v
      else if (k ~ /day$/) { c = split(v, r, ","); for (i = 1; i <= c; i++) print 10 "\t" r[i] }
      else if (k ~ /(priorities|matrix|types|categories|channels|tiers|gt[ri]\.target|holidays)$/) print 11 "\t" v
      if (k ~ /gt[ri]\.target$/) { c = split(v, r, /[,:]/); for (i = 2; i <= c; i += 2) print 8 "\t" r[i] }
    }' "${d%/}/plans.ini"
done | sort -u | awk -F'\t' -v dir="$out/parse" '
  { f = sprintf("%s/v%05d", dir, NR); printf "%c%s", $1 + 0, substr($0, length($1) + 2) >f; close(f) }'
echo "seeds: $(ls "$out/csv" | wc -l) csv, $(ls "$out/plans" | wc -l) plans, $(ls "$out/parse" | wc -l) parse" >&2
