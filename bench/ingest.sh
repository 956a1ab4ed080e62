#!/usr/bin/env bash
# Ingest throughput per format, next to jq and wc -l on the very same file, in the same run.
#
#   bench/ingest.sh            # 120 minutes of demo traffic per run (≈ 120 MB)
#   MINUTES=30 bench/ingest.sh # smaller
#
# Machines are noisy, so the numbers that matter are the ratios: nhitop's time against
# `jq -c .` (parse and re-print every record) and against `wc -l` (just read the bytes).
# nhitop's time is `nhitop report --json FILE`: framing, format detection, field mapping,
# per-identity aggregation and the report, end to end. Each timing is the best of 3.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${MINUTES:-120}
RUNS=${RUNS:-3}
out=bench/out
mkdir -p "$out"

command -v jq >/dev/null || { echo "bench: jq is needed (apt-get install jq)" >&2; exit 1; }
echo "bench: building release" >&2
swift build -c release --product nhitop >&2
bin="$(swift build -c release --show-bin-path)/nhitop"

echo "bench: generating $MINUTES minutes of demo traffic" >&2
"$bin" sample --minutes "$MINUTES" --seed 7 --end 2026-11-29T12:00:00Z > "$out/all.jsonl"
split_format() { grep -E "^\{\"$2" "$out/all.jsonl" > "$out/$1.jsonl" || true; }
split_format cloudtrail 'eventVersion"'
split_format k8s_audit 'kind":"Event"'
split_format vault 'time":'
split_format opa 'decision_id"'
split_format github '@timestamp":'
split_format nhitop 'ts":'
files=(cloudtrail k8s_audit vault opa github nhitop all)

# Real records too: the OTRF CloudTrail sample repeated to about 20 MB, when the corpus is beside us.
corpus=../shared/corpus/cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json
if [ -f "$corpus" ]; then
    : > "$out/cloudtrail-otrf.jsonl"
    for _ in $(seq 1 200); do cat "$corpus" >> "$out/cloudtrail-otrf.jsonl"; done
    files+=(cloudtrail-otrf)
fi

best() {  # best wall time of $RUNS runs of the command, in seconds
    local best=999999 t0 t1 t
    for _ in $(seq 1 "$RUNS"); do
        t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
        t=$(echo "$t1 - $t0" | bc -l)
        if (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
    done
    printf '%.4f' "$best"
}

printf '%-16s %9s %7s %9s %9s %11s %8s %9s %8s %9s\n' \
    FILE LINES MiB EVENTS NHITOP_S EVENTS/S MiB/S JQ_S JQ/NHITOP WC_S
for f in "${files[@]}"; do
    path="$out/$f.jsonl"
    lines=$(wc -l < "$path")
    bytes=$(stat -c %s "$path")
    events=$("$bin" report --json "$path" | jq .events)
    t_n=$(best "$bin" report --json "$path")
    t_j=$(best jq -c . "$path")
    t_w=$(best wc -l "$path")
    printf '%-16s %9d %7.1f %9d %9s %11.0f %8.1f %9s %8.2f %9s\n' "$f" "$lines" \
        "$(echo "$bytes / 1048576" | bc -l)" "$events" "$t_n" \
        "$(echo "$events / $t_n" | bc -l)" "$(echo "$bytes / 1048576 / $t_n" | bc -l)" \
        "$t_j" "$(echo "$t_j / $t_n" | bc -l)" "$t_w"
done
