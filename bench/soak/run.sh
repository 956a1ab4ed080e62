#!/usr/bin/env bash
# Soak: nhitop follows one file written at 2,000 events/s for 30 minutes, rotated every
# minute (logrotate `create`) and truncated once (`copytruncate`). At the end the events
# nhitop counted must equal the events written, exactly, and resident memory must stay
# flat (its slope over the second half is reported in KB/min).
#
#   bench/soak/run.sh                          # 30 minutes
#   DURATION=2m bench/soak/run.sh              # a quick check
#   BIN=/tmp/nhitop-soak bench/soak/run.sh     # a binary built already
#   RATE=4000 ROTATE=30 SAMPLE=5 bench/soak/run.sh
#
# nhitop runs as an operator would run it headless: `nhitop report --follow-for D --json
# FILE`, ending by itself. RSS and CPU time come from /proc/PID every $SAMPLE seconds
# (rss.csv). Everything lands in bench/out/soak/. Linux only. Exit status 1 on a mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-30m}
RATE=${RATE:-2000}
ROTATE=${ROTATE:-60}
SAMPLE=${SAMPLE:-10}
out=bench/out/soak
mkdir -p "$out"

seconds() {  # 90s, 30m, 1h, or plain seconds
    case "$1" in
        *h) echo $(( ${1%h} * 3600 )) ;;
        *m) echo $(( ${1%m} * 60 )) ;;
        *s) echo "${1%s}" ;;
        *) echo "$1" ;;
    esac
}
secs=$(seconds "$DURATION")

if [ -z "${BIN:-}" ]; then
    # Its own build folder: a soak must not hold the lock of the .build others work in.
    echo "soak: building release (.build-soak)" >&2
    swift build -c release --scratch-path .build-soak --product nhitop >&2
    # A copy, so rebuilding while the soak runs cannot change what is measured.
    cp "$(swift build -c release --scratch-path .build-soak --show-bin-path)/nhitop" "$out/nhitop"
    BIN="$out/nhitop"
fi

# Real shapes from the demo generator; the writer keeps the records that count as one event.
"$BIN" sample --minutes 10 --seed 7 > "$out/pool.jsonl"
python3 bench/soak/writer.py --pool "$out/pool.jsonl" --check 20000 > "$out/check.jsonl"
check=$("$BIN" report --json "$out/check.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')
rm -f "$out/check.jsonl"
if [ "$check" != 20000 ]; then
    echo "soak: the pool is not one event per record (20000 written, $check counted)" >&2
    exit 1
fi

log="$out/app.log"
rm -f "$log" "$log".* "$out/rss.csv" "$out/writer.json" "$out/report.json"
: > "$log"
follow=$((secs + 30))  # the writer stops at $secs; the margin lets nhitop read the last lines
echo "soak: $DURATION at $RATE events/s, rotating every ${ROTATE}s; nhitop follows for ${follow}s" >&2
"$BIN" report --follow-for "${follow}s" --stats-every 1 --json "$log" > "$out/report.json" 2> "$out/nhitop.stderr" &
pid=$!

tck=$(getconf CLK_TCK)
(
    echo "elapsed_s,rss_kb,cpu_s"
    t0=$(date +%s)
    while kill -0 "$pid" 2>/dev/null; do
        rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) || break
        # utime and stime: fields 14 and 15, counted after the ")" that ends the command name.
        cpu=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk -v t="$tck" '{ printf "%.2f", ($12 + $13) / t }') || break
        [ -n "$rss" ] && echo "$(( $(date +%s) - t0 )),$rss,$cpu"
        sleep "$SAMPLE"
    done
) > "$out/rss.csv" &
sampler=$!

python3 bench/soak/writer.py --pool "$out/pool.jsonl" --file "$log" --rate "$RATE" --seconds "$secs" \
    --rotate-every "$ROTATE" --stats "$out/nhitop.stderr" --summary "$out/writer.json"
status=0
wait "$pid" || status=$?
wait "$sampler" || true
if [ "$status" != 0 ]; then
    echo "soak: nhitop exited with status $status; its stderr:" >&2
    tail -5 "$out/nhitop.stderr" >&2
    exit 1
fi
python3 bench/soak/summarize.py "$out"
