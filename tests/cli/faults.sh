#!/usr/bin/env bash
# Faults of the machine during a run (issue 9): an output root that cannot be written,
# a disk that fills up, a file-size limit, a missing font or template, a run killed
# by SIGTERM or SIGKILL.  Each must end with its exit status and a clear message, and
# leave the previous month folder exactly as it was, with nothing half-written beside
# it (a killed run's temporary folder is removed by the next run).  A case the machine
# cannot stage (no root for a read-only mount or a small tmpfs) is skipped with the
# reason.  TAP.
set -u
bin=${SLAREPORT:-build/slareport}
gen=${bin%/*}/slareport-gen
input=samples
month=$(cat samples/month 2>/dev/null || echo 2026-10)
tmp=$(mktemp -d) || exit 1
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
n=0
ok()   { n=$((n + 1)); echo "ok $n $1"; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
fail() { n=$((n + 1)); echo "not ok $n $1"; shift; for l in "$@"; do printf '# %s\n' "$l"; done; }

# A month folder from a good run, and its fingerprint: every path, size and checksum.
prepare() {  # root
  mkdir -p "$1"
  "$bin" --input "$input" --month "$month" --out "$1" --quiet 2>"$tmp/prep.err" ||
    { echo "preparing $1 failed: $(head -n 2 "$tmp/prep.err")" >&2; return 1; }
  fingerprint "$1" >"$1.before"
}
# (a killed run's temporary folder, KEEP_TEMP=1, is the next run's to remove)
fingerprint() {
  (cd "$1" && find "$month" -print0 | sort -z | xargs -0 sha256sum 2>/dev/null
   ls -A | grep -vx -e .lock ${KEEP_TEMP:+-e "\.$month\.tmp-[0-9]*"})
}
# exit status, a word of the message, the month folder unchanged, nothing else left
verdict() {  # name, root, expected status, actual status, message pattern
  local name=$1 root=$2 want=$3 rc=$4 pattern=$5
  if [ "$rc" -ne "$want" ]; then
    fail "$name" "exit $rc, expected $want" "$(head -c 400 "$tmp/err")"
  elif ! grep -qE "$pattern" "$tmp/err"; then
    fail "$name" "message does not match /$pattern/:" "$(head -c 400 "$tmp/err")"
  elif ! fingerprint "$root" | cmp -s - "$root.before"; then
    fail "$name" "the previous month changed:" "$(fingerprint "$root" | diff "$root.before" - | head -n 6)"
  else
    ok "$name"
    grep -v '^outages.csv' "$tmp/err" | head -n 2 | sed 's/^/#   /'
  fi
}
# Whether this process may mount (root, or root of a user namespace).
can_mount() {
  local probe=$tmp/probe
  mkdir -p "$probe"
  if mount -t tmpfs -o size=64k tmpfs "$probe" 2>/dev/null; then umount "$probe"; return 0; fi
  return 1
}
# Runs the case function $1 (which prints one TAP line) where mounting works: here as
# root, else in a user and mount namespace of its own; else skips it with reason $2.
with_mounts() {
  if can_mount; then
    "$1"
  elif unshare --user --map-root-user --mount true 2>/dev/null; then
    unshare --user --map-root-user --mount bash -c "$(declare -f ok skip fail prepare fingerprint \
      verdict "$1"); $(declare -p bin input month tmp n); $1"
    n=$((n + 1))
  else
    skip "$3" "$2"
  fi
}

# ---- the output root cannot be written ------------------------------------------
root=$tmp/readonly
if prepare "$root"; then
  if [ "$(id -u)" -ne 0 ]; then
    chmod 555 "$root"
    "$bin" --input "$input" --month "$month" --out "$root" 2>"$tmp/err"; rc=$?
    chmod 755 "$root"
    verdict faults/output-root-not-writable "$root" 4 "$rc" 'Permission denied'
  elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups \
      test -x "$bin" -a -r "$input/plans.ini" 2>/dev/null; then
    # root writes anywhere: the run goes as nobody, the root stays root's
    setpriv --reuid=65534 --regid=65534 --clear-groups \
      "$bin" --input "$input" --month "$month" --out "$root" 2>"$tmp/err"; rc=$?
    verdict faults/output-root-not-writable "$root" 4 "$rc" 'Permission denied'
  else
    skip faults/output-root-not-writable "running as root, and nobody cannot run $bin"
  fi
fi
read_only() {
  local root=$tmp/readonly
  if mount --bind "$root" "$root" && mount -o remount,bind,ro "$root"; then
    "$bin" --input "$input" --month "$month" --out "$root" 2>"$tmp/err"; rc=$?
    umount "$root"
    verdict faults/output-root-read-only-filesystem "$root" 4 "$rc" 'Read-only file system'
  else
    fail faults/output-root-read-only-filesystem "cannot remount $root read-only"
  fi
}
with_mounts read_only "cannot mount here (no root, no user namespace)" \
  faults/output-root-read-only-filesystem

# ---- the disk fills up mid-run ----------------------------------------------------
disk_full() {
  local root=$tmp/full free
  mkdir -p "$root"
  if ! mount -t tmpfs -o size=4m tmpfs "$root"; then
    fail faults/disk-full-mid-run "cannot mount a tmpfs on $root"
    return
  fi
  if prepare "$root"; then
    # leave 96 KiB: the ledgers fit, the statements do not
    free=$(df -k --output=avail "$root" | tail -n 1)
    fallocate -l $(( (free - 96) * 1024 )) "$root/filler" 2>/dev/null ||
      head -c $(( (free - 96) * 1024 )) /dev/zero >"$root/filler"
    fingerprint "$root" >"$root.before"
    "$bin" --input "$input" --month "$month" --out "$root" 2>"$tmp/err"; rc=$?
    verdict faults/disk-full-mid-run "$root" 4 "$rc" 'No space left on device'
  else
    fail faults/disk-full-mid-run "the run before the disk filled failed"
  fi
  umount "$root"
}
with_mounts disk_full "cannot mount a small tmpfs here (no root, no user namespace)" \
  faults/disk-full-mid-run

# ---- a file-size limit (EFBIG), which needs no privilege ------------------------
root=$tmp/fsize
if prepare "$root"; then
  # ignored SIGXFSZ makes write(2) fail with EFBIG instead of killing the process
  (trap '' XFSZ; ulimit -f 16; exec "$bin" --input "$input" --month "$month" --out "$root") 2>"$tmp/err"
  rc=$?
  verdict faults/file-size-limit "$root" 4 "$rc" 'File too large'
fi

# ---- a missing font, a missing template ----------------------------------------
data=$(dirname "$(dirname "$bin")")
[ -d "$data/templates" ] || data=$PWD
root=$tmp/install
if prepare "$root"; then
  for what in fonts/DejaVuSans-Bold-Latin.ttf templates/en.ini; do
    copy=$tmp/data-without-${what##*/}
    mkdir -p "$copy" && cp -r "$data/fonts" "$data/templates" "$copy/" && rm "$copy/$what"
    SLAREPORT_DATA_DIR=$copy "$bin" --input "$input" --month "$month" --out "$root" 2>"$tmp/err"
    rc=$?
    verdict "faults/missing-${what%%/*}" "$root" 4 "$rc" "${what##*/}"
  done
fi

# ---- killed mid-run ---------------------------------------------------------------
big=$tmp/big
root=$tmp/killed
if "$gen" --customers 800 --seed 9 --month "$month" --out "$big" >/dev/null 2>&1 &&
    input=$big prepare "$root"; then
  for sig in TERM KILL; do
    "$bin" --input "$big" --month "$month" --out "$root" --jobs 1 2>"$tmp/err" &
    pid=$!
    # wait for statements in its temporary folder, then the signal
    for _ in $(seq 1 1600); do
      compgen -G "$root/.$month.tmp-$pid/statements/*.pdf" >/dev/null && break
      sleep 0.025
    done
    kill -s "$sig" "$pid"
    wait "$pid" 2>/dev/null; rc=$?
    if [ "$sig" = TERM ]; then
      verdict faults/sigterm-mid-run "$root" 4 "$rc" 'interrupted by SIGTERM: nothing was published'
    else
      # no word from a killed process; its temporary folder stays until the next run
      echo "killed" >"$tmp/err"
      KEEP_TEMP=1 verdict faults/sigkill-mid-run "$root" 137 "$rc" killed
      "$bin" --input "$big" --month "$month" --out "$root" --quiet 2>"$tmp/err"; rc=$?
      if [ "$rc" -eq 0 ] && [ -z "$(ls -A "$root" | grep -vxF -e .lock -e "$month")" ] &&
          [ "$(ls "$root/$month/statements" | wc -l)" -eq "$(grep -c '^ *"customer"' "$root/$month/manifest.json")" ]; then
        ok faults/next-run-after-sigkill-cleans-up
      else
        fail faults/next-run-after-sigkill-cleans-up "exit $rc" "$(ls -A "$root")" "$(head -c 300 "$tmp/err")"
      fi
    fi
  done
else
  fail faults/sigterm-mid-run "cannot generate the input with $gen"
fi
# ---- nothing is written outside the output root ----------------------------------
# Links planted where a run's temporary, old or month folder goes are replaced, never
# followed; an output root that is a file is refused.
victim=$tmp/victim
mkdir -p "$victim/statements" && echo precious >"$victim/statements/keep.pdf"
root=$tmp/planted
mkdir -p "$root"
ln -s "$victim" "$root/.$month.tmp-999999"
ln -s "$victim" "$root/.$month.old-999998"
"$bin" --input "$input" --month "$month" --out "$root" --quiet 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 0 ] && [ "$(ls -A "$victim/statements")" = keep.pdf ] &&
    [ -z "$(ls -A "$root" | grep -vxF -e .lock -e "$month")" ]; then
  ok faults/planted-temp-links-not-followed
else
  fail faults/planted-temp-links-not-followed "exit $rc" "$(ls -A "$root" "$victim/statements")"
fi
root=$tmp/linked
mkdir -p "$root" && ln -s "$victim" "$root/$month"
"$bin" --input "$input" --month "$month" --out "$root" --quiet 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 0 ] && [ "$(ls -A "$victim/statements")" = keep.pdf ] && [ ! -L "$root/$month" ] &&
    [ -s "$root/$month/manifest.json" ]; then
  ok faults/month-folder-link-replaced-not-followed
else
  fail faults/month-folder-link-replaced-not-followed "exit $rc" "$(ls -lA "$root" "$victim/statements")"
fi
touch "$tmp/a-file"
"$bin" --input "$input" --month "$month" --out "$tmp/a-file" 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 4 ] && grep -q 'cannot create the output folder: Not a directory' "$tmp/err"; then
  ok faults/output-root-is-a-file
else
  fail faults/output-root-is-a-file "exit $rc" "$(head -c 300 "$tmp/err")"
fi
echo "1..$n"
