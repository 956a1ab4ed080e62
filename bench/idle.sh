#!/usr/bin/env bash
# What the dashboard costs when nothing happens, and what it writes to the terminal when
# events arrive: `nhitop FILE` in a detached tmux at 120×40.
#
#   bench/idle.sh                        # builds release into .build-bench
#   BIN=/tmp/nhitop bench/idle.sh        # a binary built already (e.g. before a change)
#   IDLE=30 FEED=10 RATE=1000 bench/idle.sh
#
# 1. backfill: FILE holds 10 minutes of `nhitop sample`; we wait until nhitop has read it to
#    its end (its descriptor's offset in /proc/PID/fdinfo reaches the file's size) and 3 s more.
# 2. idle: nothing arrives for $IDLE s. CPU is utime+stime from /proc/PID/stat (1/100 s
#    ticks, so ±0.1% of a core over 10 s), and the on-CPU nanoseconds of all its threads from
#    /proc/PID/task/*/schedstat (exact) beside it.
# 3. feed: bench/soak/writer.py appends $RATE events/s (sample records with fresh ids and
#    the current time) to FILE for $FEED s. CPU as above, and the bytes nhitop writes to its
#    terminal, caught by `tmux pipe-pane` (the pty's output, escape sequences included).
#
# Everything lands in bench/out/idle/. Linux only; needs tmux and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
IDLE=${IDLE:-10}
FEED=${FEED:-10}
RATE=${RATE:-1000}
out=bench/out/idle
mkdir -p "$out"

command -v tmux >/dev/null || { echo "idle: tmux is needed" >&2; exit 1; }
if [ -z "${BIN:-}" ]; then
    # Its own build folder: the release build must not hold the lock of the .build others use.
    echo "idle: building release (${SCRATCH:-.build-bench})" >&2
    scratch=(--scratch-path "${SCRATCH:-.build-bench}")
    swift build -c release "${scratch[@]}" --product nhitop >&2
    cp "$(swift build -c release "${scratch[@]}" --show-bin-path)/nhitop" "$out/nhitop"
    BIN="$out/nhitop"
fi
BIN=$(realpath "$BIN")

file="$out/app.log"
"$BIN" sample --minutes 10 --seed 7 > "$file"
file=$(realpath "$file")
: > "$out/pane.bytes"

sock="nhitop-idle-$$"
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { tmx kill-server 2>/dev/null || true; [ -n "${writer:-}" ] && kill "$writer" 2>/dev/null || true; }
trap cleanup EXIT

# `exec`, so the pane's process is nhitop itself.
tmx new-session -d -s idle -x 120 -y 40 \
    "exec env -i PATH=/usr/bin:/bin HOME=/tmp TERM=tmux-256color LANG=C.UTF-8 '$BIN' '$file'"
pid=$(tmx list-panes -t idle -F '#{pane_pid}')
tmx pipe-pane -o -t idle "cat >> '$(realpath "$out/pane.bytes")'"

ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
oncpu() { cat /proc/"$pid"/task/*/schedstat | awk '{ s += $1 } END { printf "%d", s }'; }
offset() {  # how far nhitop has read FILE
    local fd
    for fd in /proc/"$pid"/fd/*; do
        if [ "$(readlink "$fd" 2>/dev/null)" = "$file" ]; then
            awk '/^pos:/ { print $2 }' "/proc/$pid/fdinfo/${fd##*/}"
            return
        fi
    done
    echo 0
}

t0=$(date +%s.%N)
size=$(stat -c %s "$file")
until [ "$(offset)" -ge "$size" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "idle: nhitop exited" >&2; exit 1; }
    sleep 0.2
done
backfill=$(echo "$(date +%s.%N) - $t0" | bc -l)
sleep 3

hz=$(getconf CLK_TCK)
# measure SECONDS: one row of the table, CPU and terminal bytes over that window.
measure() {
    local name=$1 secs=$2 k0 n0 b0 k1 n1 b1
    k0=$(ticks); n0=$(oncpu); b0=$(stat -c %s "$out/pane.bytes")
    sleep "$secs"
    k1=$(ticks); n1=$(oncpu); b1=$(stat -c %s "$out/pane.bytes")
    printf '%-6s %7s %10.2f %15.3f %14.0f\n' "$name" "$secs" \
        "$(echo "($k1 - $k0) * 100 / $hz / $secs" | bc -l)" \
        "$(echo "($n1 - $n0) / 10000000 / $secs" | bc -l)" \
        "$(echo "($b1 - $b0) / $secs" | bc -l)"
}

printf 'nhitop %s on %s lines (%s bytes); backfill read in %.1f s\n' "$BIN" "$(wc -l < "$file")" "$size" "$backfill"
printf '%-6s %7s %10s %15s %14s\n' PHASE SECONDS CPU%_STAT CPU%_SCHEDSTAT TERM_BYTES/S
measure idle "$IDLE"

python3 bench/soak/writer.py --pool "$file" --file "$file" --rate "$RATE" --seconds $((FEED + 2)) \
    --rotate-every 999999 --truncate-at 999999 --summary "$out/writer.json" 2> "$out/writer.stderr" &
writer=$!
sleep 1  # the writer loads its pool
measure feed "$FEED"
wait "$writer"
writer=
kill -0 "$pid" 2>/dev/null || { echo "idle: nhitop exited during the run" >&2; exit 1; }
