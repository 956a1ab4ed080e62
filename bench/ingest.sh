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
#
# Rules (issue #9): NHITOP_S runs with no rules at all (`--no-builtin-rules`), BUILTIN_S with
# the built-in catalogue (the default), SIGMA_S with it plus every Sigma rule in ../shared/sigma
# (`--rules`, when that folder is beside us). Loading and compiling the rules is a one-time cost
# at start (LOAD_B, LOAD_S: the same command on an empty file, minus it without rules), printed
# apart; +BUILTIN and +SIGMA are the steady-state ingest throughput lost against no rules: each
# time less its empty-file time, in percent of no rules' events/s. The issue allows at most 15%
# for all of Sigma (SIGMA_S against BUILTIN_S is what Sigma alone adds).
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${MINUTES:-120}
RUNS=${RUNS:-3}
out=bench/out
mkdir -p "$out"

command -v jq >/dev/null || { echo "bench: jq is needed (apt-get install jq)" >&2; exit 1; }
echo "bench: building release" >&2
# SCRATCH=.build-bench keeps the release build apart from a debug build running beside it.
scratch=(--scratch-path "${SCRATCH:-.build}")
swift build -c release "${scratch[@]}" --product nhitop >&2
bin="$(swift build -c release "${scratch[@]}" --show-bin-path)/nhitop"

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

sigma=../shared/sigma
sigma_args=()
[ -d "$sigma" ] && sigma_args=(--rules "$sigma")
: > "$out/empty.jsonl"
e_n=$(best "$bin" report --json --no-builtin-rules "$out/empty.jsonl")
e_b=$(best "$bin" report --json "$out/empty.jsonl")
e_s=$e_b
[ ${#sigma_args[@]} -gt 0 ] && e_s=$(best "$bin" report --json "${sigma_args[@]}" "$out/empty.jsonl" 2>/dev/null)
printf 'start-up: %s s without rules; loading the built-in catalogue LOAD_B %.4f s; with Sigma too LOAD_S %.4f s\n\n' \
    "$e_n" "$(echo "$e_b - $e_n" | bc -l)" "$(echo "$e_s - $e_n" | bc -l)"
loss() {  # steady-state throughput lost: 1 - (t_none - e_none) / (t_rules - e_rules)
    printf '%.1f%%' "$(echo "(1 - ($1 - $e_n) / ($2 - $3)) * 100" | bc -l)"
}
printf '%-16s %9s %7s %9s %9s %11s %8s %9s %8s %9s %9s %8s %9s %7s\n' \
    FILE LINES MiB EVENTS NHITOP_S EVENTS/S MiB/S JQ_S JQ/NHITOP WC_S BUILTIN_S +BUILTIN SIGMA_S +SIGMA
for f in "${files[@]}"; do
    path="$out/$f.jsonl"
    lines=$(wc -l < "$path")
    bytes=$(stat -c %s "$path")
    events=$("$bin" report --json "$path" | jq .events)
    t_n=$(best "$bin" report --json --no-builtin-rules "$path")
    t_j=$(best jq -c . "$path")
    t_w=$(best wc -l "$path")
    t_b=$(best "$bin" report --json "$path")
    if [ ${#sigma_args[@]} -gt 0 ]; then
        t_s=$(best "$bin" report --json "${sigma_args[@]}" "$path" 2>/dev/null)
        loss_s=$(loss "$t_n" "$t_s" "$e_s")
    else
        t_s=-; loss_s=-
    fi
    printf '%-16s %9d %7.1f %9d %9s %11.0f %8.1f %9s %8.2f %9s %9s %8s %9s %7s\n' "$f" "$lines" \
        "$(echo "$bytes / 1048576" | bc -l)" "$events" "$t_n" \
        "$(echo "$events / $t_n" | bc -l)" "$(echo "$bytes / 1048576 / $t_n" | bc -l)" \
        "$t_j" "$(echo "$t_j / $t_n" | bc -l)" "$t_w" \
        "$t_b" "$(loss "$t_n" "$t_b" "$e_b")" "$t_s" "$loss_s"
done
