#!/usr/bin/env bash
# The unattended run (issue 7) through the real binary: exit statuses, the lock, the
# temporary folders, --no-pdf over statements, --validate writing nothing.  TAP.
set -u
bin=${SLAREPORT:-build/slareport}
example=tests/data/examples/availability-and-gtr
month=$(cat "$example/month" 2>/dev/null || echo 2026-06)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0
ok()   { n=$((n + 1)); echo "ok $n $1"; }
fail() { n=$((n + 1)); echo "not ok $n $1"; shift; for l in "$@"; do echo "# $l"; done; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
check() {  # name, expected status, actual status, stderr file
  if [ "$3" -eq "$2" ]; then ok "$1"; else fail "$1" "exit $3, expected $2" "$(head -n 3 "$4")"; fi
}

tests="help-lists-exit-codes bad-month-is-usage-error locked-root-exits-3
stale-temp-removed no-pdf-refused-over-statements validate-writes-nothing"
"$bin" --help >"$tmp/help" 2>&1
if grep -q '3  another run holds the lock' "$tmp/help"; then ok help-lists-exit-codes
else fail help-lists-exit-codes "$(head -n 3 "$tmp/help")"; fi

"$bin" --month 2026-13 --out "$tmp/o1" 2>"$tmp/err"; rc=$?
check bad-month-is-usage-error 1 "$rc" "$tmp/err"

# flock(1) takes the same flock(2) lock a run takes on OUT/.lock
mkdir -p "$tmp/o2"
flock "$tmp/o2/.lock" sleep 5 & holder=$!
sleep 0.3
start=$(date +%s)
timeout 4 "$bin" --input "$example" --month "$month" --out "$tmp/o2" --no-pdf 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 3 ] && [ $(( $(date +%s) - start )) -le 2 ] && grep -q 'in use by another run: .*(expected one run at a time' "$tmp/err"
then ok locked-root-exits-3; else fail locked-root-exits-3 "exit $rc" "$(head -n 3 "$tmp/err")"; fi
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

if [ -d "$example" ]; then
  mkdir -p "$tmp/o3/.$month.tmp-999999/statements"
  "$bin" --input "$example" --month "$month" --out "$tmp/o3" --no-pdf 2>"$tmp/err"
  if [ ! -e "$tmp/o3/.$month.tmp-999999" ]; then ok stale-temp-removed
  else fail stale-temp-removed "$(ls -a "$tmp/o3")"; fi

  mkdir -p "$tmp/o4/$month/statements" && echo x >"$tmp/o4/$month/statements/C1.pdf"
  "$bin" --input "$example" --month "$month" --out "$tmp/o4" --no-pdf 2>"$tmp/err"; rc=$?
  if [ "$rc" -eq 1 ] && [ -s "$tmp/o4/$month/statements/C1.pdf" ]; then ok no-pdf-refused-over-statements
  else fail no-pdf-refused-over-statements "exit $rc" "$(head -n 3 "$tmp/err")"; fi

  "$bin" --input "$example" --validate --out "$tmp/o5" 2>"$tmp/err"; rc=$?
  if [ ! -e "$tmp/o5" ]; then ok validate-writes-nothing
  else fail validate-writes-nothing "exit $rc: $tmp/o5 was created"; fi
else
  for t in stale-temp-removed no-pdf-refused-over-statements validate-writes-nothing; do
    skip "$t" "no $example"
  done
fi

# every refusal of the command line is one line saying what is wrong and what was
# expected, with its exit status
expect_one_line() {  # name, expected status, arguments...
  local name=$1 want=$2; shift 2
  "$bin" --out "$tmp/o6" "$@" >/dev/null 2>"$tmp/err"; local rc=$?
  if [ "$rc" -eq "$want" ] && [ "$(grep -c 'error:' "$tmp/err")" -eq 1 ] &&
     grep 'error:' "$tmp/err" | grep -q '(expected .*)$' && [ ! -e "$tmp/o6" ]
  then ok "$name"; else fail "$name" "exit $rc, expected $want" "$(head -n 3 "$tmp/err")"; fi
}
expect_one_line usage-unknown-option 1 --bogus
expect_one_line usage-jobs-not-a-number 1 --jobs x
expect_one_line usage-jobs-zero 1 --jobs 0
expect_one_line usage-missing-value 1 --month
expect_one_line usage-quiet-and-verbose 1 --quiet --verbose
expect_one_line usage-unknown-customer 1 --input "$example" --month "$month" --customer NOPE
expect_one_line input-folder-missing 2 --input "$tmp/no-such-folder" --month "$month"
expect_one_line input-folder-is-a-file 2 --input "$bin" --validate
expect_one_line usage-positional-argument 1 extra
