#!/usr/bin/env bash
# The monthly run through the real binary (issue 7): the same inputs give the same
# bytes (re-run, --jobs 1 and 4, another --out), the manifest's hashes match the
# files, --allow-rejects keeps every bad row with its reason, --customer carries the
# other statements over, a data error writes nothing.  TAP.
set -u
bin=${SLAREPORT:-build/slareport}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0
ok()   { n=$((n + 1)); echo "ok $n $1"; }
fail() { n=$((n + 1)); echo "not ok $n $1"; shift; for l in "$@"; do echo "# $l"; done; }
run() { "$bin" --input samples --month 2026-10 --quiet "$@"; }

# ---- byte-identical outputs -------------------------------------------------------
run --out "$tmp/a" --jobs 1 2>"$tmp/err.a"; ra=$?
run --out "$tmp/b" --jobs 4 2>"$tmp/err.b"; rb=$?
if [ "$ra" -eq 0 ] && [ "$rb" -eq 0 ] && diff -r "$tmp/a/2026-10" "$tmp/b/2026-10" >"$tmp/d" 2>&1
then ok jobs-1-and-4-identical-bytes
else fail jobs-1-and-4-identical-bytes "exit $ra/$rb" "$(head -n 3 "$tmp/d" "$tmp/err.a")"; fi

cp -r "$tmp/a/2026-10" "$tmp/first"
run --out "$tmp/a" 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 0 ] && diff -r "$tmp/first" "$tmp/a/2026-10" >"$tmp/d" 2>&1 &&
   [ "$(ls -A "$tmp/a" | grep -v '^\.lock$' | tr '\n' ' ')" = "2026-10 " ]
then ok rerun-replaces-with-identical-bytes
else fail rerun-replaces-with-identical-bytes "exit $rc" "$(head -n 3 "$tmp/d")" "$(ls -A "$tmp/a")"; fi

count=$(ls "$tmp/a/2026-10/statements" | wc -l)
customers=$(cut -d, -f2 "$tmp/a/2026-10/summary.csv" | tail -n +2 | sort -u | wc -l)
if [ "$count" -eq "$customers" ] && [ "$count" -gt 0 ]
then ok one-statement-per-customer-with-an-active-service
else fail one-statement-per-customer-with-an-active-service "$count statements, $customers customers"; fi

# every statement shows, as its customer's language writes them, the availability of
# each of its services, its credit total HT and its judged ticket ids
if python3 - "$tmp/a/2026-10" samples/customers.csv >"$tmp/figures" 2>&1 <<'PY'
import csv, subprocess, sys, collections
out, customers = sys.argv[1], sys.argv[2]
lang = {}
with open(customers, encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        lang[row["customer_id"]] = (row.get("language") or "fr").lower()
def text(c):
    t = subprocess.run(["pdftotext", f"{out}/statements/{c}.pdf", "-"], capture_output=True,
                       text=True, check=True).stdout
    return " ".join(t.replace("\u202f", " ").replace("\u00a0", " ").split())
def pct(v, l):
    return v.replace(".", ",") + " %" if l == "fr" else v + "%"
def money(cents, l):
    e, c = divmod(int(cents), 100)
    g = f"{e:,}"
    return (g.replace(",", " ") + f",{c:02d} €") if l == "fr" else f"€{g}.{c:02d}"
want = collections.defaultdict(list)
for r in csv.DictReader(open(f"{out}/summary.csv")):
    want[r["customer_id"]].append(pct(r["availability_pct"], lang[r["customer_id"]]))
totals = collections.Counter()
for r in csv.DictReader(open(f"{out}/credits.csv")):
    totals[r["customer_id"]] += int(r["amount_cents"])
for r in csv.DictReader(open(f"{out}/tickets.csv")):
    want[r["customer_id"]].append(r["ticket_id"])
for c, cents in totals.items():
    want[c].append(money(cents, lang[c]))
missing = [(c, w) for c, ws in want.items() for w in ws if w not in text(c)]
print(missing[:5])
sys.exit(1 if missing or not want else 0)
PY
then ok statements-show-availability-credit-and-tickets-in-their-language
else fail statements-show-availability-credit-and-tickets-in-their-language "$(cat "$tmp/figures")"; fi

# ---- the manifest ------------------------------------------------------------------
bad=0; listed=0
while IFS=' ' read -r path size sum; do
  listed=$((listed + 1))
  [ "$(sha256sum "$tmp/a/2026-10/$path" | cut -d' ' -f1)" = "$sum" ] || bad=$((bad + 1))
  [ "$(stat -c %s "$tmp/a/2026-10/$path")" = "$size" ] || bad=$((bad + 1))
done < <(python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
for o in m["outputs"]:
    print(o["path"], o["size"], o["sha256"])
' "$tmp/a/2026-10/manifest.json")
files=$(cd "$tmp/a/2026-10" && find . -type f ! -name manifest.json | wc -l)
if [ "$bad" -eq 0 ] && [ "$listed" -eq "$files" ] && [ "$listed" -gt 3 ]
then ok manifest-hashes-and-sizes-match-every-output
else fail manifest-hashes-and-sizes-match-every-output "$bad mismatches, $listed listed, $files files"; fi

bad=0
while IFS=' ' read -r name sum; do
  [ "$(sha256sum "samples/$name" | cut -d' ' -f1)" = "$sum" ] || bad=$((bad + 1))
done < <(python3 -c '
import json, sys
for i in json.load(open(sys.argv[1]))["inputs"]:
    print(i["name"], i["sha256"])
' "$tmp/a/2026-10/manifest.json")
if [ "$bad" -eq 0 ]; then ok manifest-hashes-match-every-input
else fail manifest-hashes-match-every-input "$bad mismatches"; fi

if ! grep -q "$tmp" "$tmp/a/2026-10/manifest.json" && grep -q '"issue_date"' "$tmp/a/2026-10/manifest.json"
then ok manifest-holds-no-path
else fail manifest-holds-no-path "$(head -c 300 "$tmp/a/2026-10/manifest.json")"; fi

# ---- --customer ------------------------------------------------------------------------
before=$(stat -c %i "$tmp/a/2026-10/statements/C1002.pdf")
run --out "$tmp/a" --customer C1001 2>"$tmp/err"; rc=$?
# the manifest differs by design: it records the --customer option
if [ "$rc" -eq 0 ] && diff -r -x manifest.json "$tmp/first" "$tmp/a/2026-10" >"$tmp/d" 2>&1 &&
   grep -q '"C1001"' "$tmp/a/2026-10/manifest.json" &&
   [ "$(stat -c %i "$tmp/a/2026-10/statements/C1002.pdf")" = "$before" ]
then ok customer-rerenders-one-and-carries-the-others
else fail customer-rerenders-one-and-carries-the-others "exit $rc" "$(head -n 3 "$tmp/d" "$tmp/err")"; fi

run --out "$tmp/a" --customer NOBODY 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 1 ] && grep -q "NOBODY" "$tmp/err"; then ok unknown-customer-is-usage-error
else fail unknown-customer-is-usage-error "exit $rc" "$(head -n 3 "$tmp/err")"; fi

# ---- bad input -------------------------------------------------------------------------
cp -r samples "$tmp/in"
{ echo "T-BAD1,SV-2001,incident,2026-10-32T10:00,,,,P1,,,,,,,,,"
  echo "T-BAD2,SV-NONE,request,2026-10-05T10:00,,,,,,,,,,,,,"; } >>"$tmp/in/tickets.csv"
"$bin" --input "$tmp/in" --month 2026-10 --out "$tmp/c" 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/c/2026-10" ] && grep -q '^tickets.csv:[0-9]*: column opened_at: ' "$tmp/err" &&
   grep -q '^tickets.csv:[0-9]*: column service_id: unknown service "SV-NONE"' "$tmp/err"
then ok bad-input-exits-2-writes-nothing-lists-every-problem
else fail bad-input-exits-2-writes-nothing-lists-every-problem "exit $rc" "$(head -n 4 "$tmp/err")"; fi

"$bin" --input "$tmp/in" --month 2026-10 --out "$tmp/c" --allow-rejects 2>"$tmp/err"; rc=$?
rej="$tmp/c/2026-10/rejects.csv"
if [ "$rc" -eq 0 ] && [ -f "$rej" ] && [ "$(head -n 1 "$rej")" = "file,line,column,reason,row" ] &&
   grep -q '^tickets.csv,[0-9]*,opened_at,.*,"\?T-BAD1,' "$rej" && grep -q 'SV-NONE' "$rej" &&
   grep -q '2 rows rejected' "$tmp/err"
then ok allow-rejects-keeps-every-bad-row-with-its-reason
else fail allow-rejects-keeps-every-bad-row-with-its-reason "exit $rc" "$(cat "$rej" 2>/dev/null | head -n 4)" "$(head -n 4 "$tmp/err")"; fi

if [ "$rc" -eq 0 ] && cmp -s "$tmp/c/2026-10/summary.csv" "$tmp/first/summary.csv"
then ok allow-rejects-uses-the-other-rows
else fail allow-rejects-uses-the-other-rows "summary differs from the clean run"; fi

if [ "$rc" -eq 0 ] && pdftotext "$tmp/c/2026-10/statements/C1001.pdf" - 2>/dev/null | grep -qi 'écartée\|rejected'
then ok rejected-rows-are-said-on-the-statement
else fail rejected-rows-are-said-on-the-statement "no mention in C1001.pdf"; fi

echo "1..$n"
