#!/usr/bin/env bash
# `make bench`: how long a month takes, and how the cost grows with the customer count.
# Builds an optimised slareport in build/release (-O2 -g -DNDEBUG, kept apart from the
# everyday build so the flags are known), generates synthetic inputs with
# build/release/slareport-gen (tests/bench/gen.c) into a temporary folder, runs the
# full pipeline and --no-pdf under GNU time, prints a table and writes build/bench.json.
# It measures and reports; it asserts nothing (the targets are printed beside the
# figures).  Exit status 1 when the build or a run failed, after writing what it measured.
#
# Settings (environment):
#   BENCH_SIZES  customer counts            default "1000 10000 20000"
#   BENCH_JOBS   slareport --jobs           default: number of cores
#   BENCH_MONTH  reported month             default 2026-10
#   BENCH_SEED   generator seed             default 1
#   BENCH_KEEP   keep the temporary folder  default: removed at exit
#   BENCH_BIN    the program to measure     default: build/release/slareport
set -u
cd "$(dirname "$0")/../.." || exit 1

make=${MAKE:-make}
sizes=${BENCH_SIZES:-1000 10000 20000}
cores=$(nproc 2>/dev/null || echo 1)
jobs=${BENCH_JOBS:-$cores}
month=${BENCH_MONTH:-2026-10}
seed=${BENCH_SEED:-1}
release=build/release
bin=${BENCH_BIN:-$release/slareport}
gen=$release/slareport-gen
json=build/bench.json
gnu_time=/usr/bin/time

say() { printf 'bench: %s\n' "$*" >&2; }

if ! "$gnu_time" -f %e true >/dev/null 2>&1; then
  say "GNU time is missing ($gnu_time); install the Debian package: apt-get install time"
  exit 1
fi
say "building $release/slareport with OPT='-O2 -g -DNDEBUG'"
if ! $make --no-print-directory -j"$jobs" BUILD=$release OPT='-O2 -g -DNDEBUG' \
    "$release/slareport" "$gen" >&2; then
  say "build failed"
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/slareport-bench.XXXXXX") || exit 1
if [ -z "${BENCH_KEEP:-}" ]; then
  trap 'rm -rf "$tmp"' EXIT
  trap 'exit 130' INT TERM
else
  say "keeping $tmp"
fi

# timed FILE COMMAND...: runs COMMAND under GNU time; FILE gets "wall user sys maxrss_kb"
# and the command's exit status as a fifth field.  Output and errors go to FILE.log.
timed() {
  local out=$1 rc; shift
  "$gnu_time" -f '%e %U %S %M' -o "$out.raw" "$@" >"$out.log" 2>&1
  rc=$?
  # GNU time writes "Command exited with non-zero status N" (or "terminated by
  # signal") before the figures: the figures are the last line.
  printf '%s %s\n' "$(tail -n 1 "$out.raw" 2>/dev/null)" "$rc" >"$out"
  return 0
}

# field FILE N: the N-th field of FILE's first line, or empty
field() { awk -v n="$2" 'NR == 1 { print $n }' "$1" 2>/dev/null; }
# calc EXPR: floating-point arithmetic through awk; empty if an operand is empty
calc() { awk "BEGIN { printf \"%s\", $1 }" 2>/dev/null; }
num() { [ -n "${1:-}" ] && printf '%s' "$1" || printf 'null'; }

failed=0
declare -A R   # R[size,key] = value

median_of() { awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

for n in $sizes; do
  in=$tmp/in-$n
  say "generating $n customers"
  timed "$tmp/gen-$n" "$gen" --customers "$n" --month "$month" --seed "$seed" --out "$in"
  if [ "$(field "$tmp/gen-$n" 5)" != 0 ]; then
    say "slareport-gen failed on $n customers:"; cat "$tmp/gen-$n.log" >&2
    failed=1; continue
  fi
  # the generator's one line: customers=… services=… tickets=… active=… bytes=…
  for kv in $(cat "$tmp/gen-$n.log"); do R[$n,gen_${kv%%=*}]=${kv#*=}; done
  R[$n,gen_wall]=$(field "$tmp/gen-$n" 1)

  for mode in full no-pdf; do
    out=$tmp/out-$n-$mode
    extra=(); [ "$mode" = no-pdf ] && extra=(--no-pdf)
    say "running $n customers, $mode, --jobs $jobs"
    timed "$tmp/run-$n-$mode" "$bin" --input "$in" --month "$month" --out "$out" \
      --jobs "$jobs" "${extra[@]}"
    t=$tmp/run-$n-$mode
    rc=$(field "$t" 5)
    R[$n,$mode,exit]=$rc
    R[$n,$mode,wall]=$(field "$t" 1)
    R[$n,$mode,cpu]=$(calc "$(field "$t" 2) + $(field "$t" 3)")
    R[$n,$mode,rss_kb]=$(field "$t" 4)
    problem=""
    if [ "$rc" != 0 ]; then
      problem="exited with status $rc"
    elif [ ! -f "$out/$month/summary.csv" ]; then
      problem="exited 0 but wrote no $month/summary.csv"
    fi
    if [ "$mode" = full ]; then
      # "NAME.pdf SIZE" for every statement, and the sizes alone, sorted
      find "$out/$month/statements" -name '*.pdf' -printf '%f %s\n' 2>/dev/null >"$t.named"
      awk '{ print $2 }' "$t.named" | sort -n >"$t.sizes"
      count=$(wc -l <"$t.sizes")
      R[$n,$mode,statements]=$count
      if [ "$count" -gt 0 ]; then
        R[$n,$mode,median]=$(median_of <"$t.sizes")
        R[$n,$mode,max]=$(tail -n 1 "$t.sizes")
        R[$n,$mode,per_s]=$(calc "$count / ${R[$n,$mode,wall]:-0}")
        # a typical one-service statement: the customers with exactly one service
        R[$n,$mode,median_one]=$(awk -F';' '
            FNR == NR { if (FNR > 1) n[$2]++; next }
            FNR == 1 { for (c in n) if (n[c] == 1) one[c ".pdf"] = 1; FS = " "; $0 = $0 }
            $1 in one { print $2 }' "$in/services.csv" "$t.named" | sort -n | median_of)
      fi
      expected=${R[$n,gen_active]:-}
      if [ -z "$problem" ] && [ "$count" != "$expected" ]; then
        problem="wrote $count statements, expected $expected (customers with an active service)"
      fi
    fi
    if [ -n "$problem" ]; then
      failed=1
      R[$n,$mode,problem]=1
      say "slareport $problem ($n customers, $mode)"
      if [ -s "$t.log" ]; then
        say "last lines of its output:"
        tail -n 15 "$t.log" | sed 's/^/    /' >&2
      fi
    fi
    rm -rf "$out"
  done
  rm -rf "$in"
done

# ---- Table ------------------------------------------------------------------------
dash() { [ -n "${1:-}" ] && printf '%s' "$1" || printf '-'; }
mb() { [ -n "${1:-}" ] && calc "$1 / 1024" | awk '{ printf "%.1f", $1 }' || printf '-'; }
kb() { [ -n "${1:-}" ] && awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }' || printf '-'; }
fmt() { [ -n "${1:-}" ] && awk -v v="$1" -v f="$2" 'BEGIN { printf f, v }' || printf '-'; }

echo
printf 'slareport %s, %s, --jobs %s on %s cores, seed %s\n' \
  "$(cat VERSION 2>/dev/null)" "$month" "$jobs" "$cores" "$seed"
printf '%9s  %-6s  %4s  %10s  %7s  %8s  %7s  %8s  %9s  %9s  %9s\n' customers mode exit \
  statements wall_s stmt/s cpu_s peak_MB median_kB max_kB 1svc_kB
for n in $sizes; do
  [ -n "${R[$n,gen_wall]:-}" ] || { printf '%9s  generator failed\n' "$n"; continue; }
  for mode in full no-pdf; do
    printf '%9s  %-6s  %4s  %10s  %7s  %8s  %7s  %8s  %9s  %9s  %9s%s\n' "$n" "$mode" \
      "$(dash "${R[$n,$mode,exit]:-}")" "$(dash "${R[$n,$mode,statements]:-}")" \
      "$(fmt "${R[$n,$mode,wall]:-}" %.2f)" "$(fmt "${R[$n,$mode,per_s]:-}" %.0f)" \
      "$(fmt "${R[$n,$mode,cpu]:-}" %.2f)" "$(mb "${R[$n,$mode,rss_kb]:-}")" \
      "$(kb "${R[$n,$mode,median]:-}")" "$(kb "${R[$n,$mode,max]:-}")" \
      "$(kb "${R[$n,$mode,median_one]:-}")" "${R[$n,$mode,problem]:+  FAILED}"
  done
done
echo
for n in $sizes; do
  [ -n "${R[$n,gen_wall]:-}" ] || continue
  printf 'inputs %6s customers: %s services, %s tickets, %s outages, %s windows, %s MB, generated in %s s\n' \
    "$n" "${R[$n,gen_services]}" "${R[$n,gen_tickets]}" "${R[$n,gen_outages]}" \
    "${R[$n,gen_maintenance]}" "$(awk -v b="${R[$n,gen_bytes]}" 'BEGIN { printf "%.0f", b / 1e6 }')" \
    "${R[$n,gen_wall]}"
done

# ok SIZE MODE: the run happened and succeeded; good VALUE…: its figure, or empty
ok() { [ -n "${R[$1,$2,exit]:-}" ] && [ -z "${R[$1,$2,problem]:-}" ]; }
ratio() {  # mode: wall(20000) / wall(10000), when both runs succeeded
  ok 10000 "$1" && ok 20000 "$1" &&
    calc "${R[20000,$1,wall]} / ${R[10000,$1,wall]}" | awk '{ printf "%.2f", $1 }'
}

# growth from 10 000 to 20 000 customers: linear cost gives 2.0
ratio_full=$(ratio full); ratio_nopdf=$(ratio no-pdf)
if [ -n "$ratio_full$ratio_nopdf" ]; then
  printf '\n20000 / 10000 customers, wall time: x%s full, x%s --no-pdf (linear is x2.00)\n' \
    "$(dash "$ratio_full")" "$(dash "$ratio_nopdf")"
fi

# the targets of issue 8, for a 2-core machine and 10 000 customers (never asserted)
if [ -n "${R[10000,gen_wall]:-}" ]; then
  f() { ok 10000 full && printf '%s' "$1"; }
  p() { ok 10000 no-pdf && printf '%s' "$1"; }
  check() {  # label, measured, limit, cmp (le|ge), unit
    local verdict
    if [ -z "$2" ] || [ "$2" = - ]; then verdict="not measured"
    elif awk -v a="$2" -v b="$3" -v c="$4" 'BEGIN { exit !(c == "le" ? a <= b : a >= b) }'
    then verdict=met; else verdict=MISSED; fi
    printf '  %-34s %10s %-3s  (target %s %s %s)\n' "$1" "$(dash "$2")" "$5" \
      "$([ "$4" = le ] && echo '<=' || echo '>=')" "$3" "$verdict"
  }
  printf '\ntargets, 10 000 customers (the issue sets them for 2 cores; this machine has %s):\n' "$cores"
  check 'full pipeline, statements/s' "$(f "$(fmt "${R[10000,full,per_s]:-}" %.0f)")" 650 ge ''
  check 'full pipeline, wall' "$(f "${R[10000,full,wall]:-}")" 15 le s
  check '--no-pdf, wall' "$(p "${R[10000,no-pdf,wall]:-}")" 2 le s
  check 'peak memory, full' "$(f "$(mb "${R[10000,full,rss_kb]:-}")")" 300 le MB
  check 'peak memory, --no-pdf' "$(p "$(mb "${R[10000,no-pdf,rss_kb]:-}")")" 300 le MB
  check 'one-service statement (median)' "$(f "$(kb "${R[10000,full,median_one]:-}")")" 40 le kB
  check '20 000 vs 10 000 customers, time' "$ratio_full" 2.2 le x
fi

# ---- build/bench.json (numbers only; null where nothing was measured) ---------------
{
  printf '{\n  "month": "%s",\n  "seed": %s,\n  "jobs": %s,\n  "cores": %s,\n' \
    "$month" "$(num "$seed")" "$(num "$jobs")" "$(num "$cores")"
  printf '  "ratio_20000_10000_wall_full": %s,\n  "ratio_20000_10000_wall_no_pdf": %s,\n' \
    "$(num "$ratio_full")" "$(num "$ratio_nopdf")"
  printf '  "runs": ['
  sep=""
  for n in $sizes; do
    printf '%s\n    {\n      "customers": %s,\n' "$sep" "$n"; sep=","
    printf '      "inputs": { "services": %s, "tickets": %s, "outages": %s, "maintenance": %s, "bytes": %s, "generate_wall_s": %s, "customers_with_statement": %s, "one_service_customers": %s },\n' \
      "$(num "${R[$n,gen_services]:-}")" "$(num "${R[$n,gen_tickets]:-}")" \
      "$(num "${R[$n,gen_outages]:-}")" "$(num "${R[$n,gen_maintenance]:-}")" \
      "$(num "${R[$n,gen_bytes]:-}")" "$(num "${R[$n,gen_wall]:-}")" \
      "$(num "${R[$n,gen_active]:-}")" "$(num "${R[$n,gen_one_service]:-}")"
    for mode in full no-pdf; do
      key=${mode/-/_}
      printf '      "%s": { "exit": %s, "ok": %s, "wall_s": %s, "cpu_s": %s, "peak_rss_kb": %s' \
        "$key" "$(num "${R[$n,$mode,exit]:-}")" \
        "$(ok "$n" "$mode" && echo true || echo false)" \
        "$(num "${R[$n,$mode,wall]:-}")" "$(num "${R[$n,$mode,cpu]:-}")" \
        "$(num "${R[$n,$mode,rss_kb]:-}")"
      if [ "$mode" = full ]; then
        printf ', "statements": %s, "statements_per_s": %s, "median_statement_bytes": %s, "max_statement_bytes": %s, "median_one_service_statement_bytes": %s },\n' \
          "$(num "${R[$n,$mode,statements]:-}")" "$(num "${R[$n,$mode,per_s]:-}")" \
          "$(num "${R[$n,$mode,median]:-}")" "$(num "${R[$n,$mode,max]:-}")" \
          "$(num "${R[$n,$mode,median_one]:-}")"
      else
        printf ' }\n'
      fi
    done
    printf '    }'
  done
  printf '\n  ]\n}\n'
} >"$json"
[ "$failed" = 0 ] || printf '\nsome runs FAILED (see the messages above); their figures mean little\n'
printf '\nwritten: %s\n' "$json"
exit "$failed"
