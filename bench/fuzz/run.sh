#!/usr/bin/env bash
# libFuzzer over nhitop's parsers and aggregator: the targets in Fuzz/ (declared in Package.swift
# only when NHITOP_FUZZ=1), built once into .build-fuzz with -sanitize=fuzzer,address.
#
#   bench/fuzz/run.sh                              # every target, 60 s each
#   SECONDS_EACH=600 bench/fuzz/run.sh             # the long run
#   TARGETS="fuzz-github fuzz-opa" bench/fuzz/run.sh
#   .build-fuzz/release/fuzz-github bench/fuzz/crashes/fuzz-github-crash-…   # replay one input
#
# CI (.ci/run) runs it with SECONDS_EACH=30. Exit status 1 when any target found a crash, a
# timeout or an out-of-memory input; each is kept in bench/fuzz/crashes (gitignored) and belongs
# in Tests/IngestTests/FuzzRegressionTests.swift once fixed.
#
# Seeds, read where they are at run time (nothing from ../shared/corpus is copied): the real
# records in ../shared/corpus (CORPUS=…), the raw lines of `nhitop sample`, split by format,
# examples/toolgateway.jsonl for the mapped format, and a few wrappers (EventBridge, AKS, JWT).
# What libFuzzer finds is kept in bench/fuzz/work/corpus/<target> (gitignored), so later runs
# start from it. Dictionaries are the string literals of each format's source file.
set -euo pipefail
cd "$(dirname "$0")/../.."

ALL="fuzz-decoder fuzz-cloudtrail fuzz-k8s-audit fuzz-opa fuzz-vault fuzz-github fuzz-nhitop fuzz-mapped fuzz-aggregator fuzz-rules fuzz-sigma"
TARGETS=${TARGETS:-$ALL}
SECONDS_EACH=${SECONDS_EACH:-60}
SANITIZE=${SANITIZE:-fuzzer,address}
CORPUS=${CORPUS:-../shared/corpus}
SIGMA=${SIGMA:-../shared/sigma}
work=bench/fuzz/work
crashes=bench/fuzz/crashes
bin=.build-fuzz/release
mkdir -p "$work" "$crashes"

# Build: the first product compiles everything (≈ 3 min on 2 cores); the rest only link.
for t in $TARGETS; do
    echo "fuzz: building $t (release, -sanitize=$SANITIZE)" >&2
    NHITOP_FUZZ=1 swift build -c release --scratch-path .build-fuzz --product "$t" \
        -Xswiftc "-sanitize=$SANITIZE" 2>&1 | grep -E "error|warning: unre|Compiling|Linking" >&2 || true
    [ -x "$bin/$t" ] || { echo "fuzz: $t did not build" >&2; exit 1; }
done

# Seeds from `nhitop sample`: the normal debug build in .build, already there after `swift test`
# (built when missing; only the generator is used, so a slightly stale binary is fine).
nhitop=.build/debug/nhitop
[ -x "$nhitop" ] || swift build --product nhitop 2>&1 | grep -E "error" >&2 || true
seeds="$work/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
"$nhitop" sample --minutes 10 --seed 3 --end 2026-01-01T00:00:00Z > "$work/sample.jsonl"
seed_lines() {  # target, line prefix: up to 40 one-record seeds
    mkdir -p "$seeds/$1"
    awk -v p="$2" 'index($0, p) == 1 && length($0) <= 4000' "$work/sample.jsonl" | head -n 40 \
        | split -l 1 - "$seeds/$1/sample-" || true
}
seed_lines fuzz-cloudtrail '{"eventVersion"'
seed_lines fuzz-k8s-audit '{"kind":"Event"'
seed_lines fuzz-opa '{"decision_id"'
seed_lines fuzz-vault '{"time"'
seed_lines fuzz-github '{"@timestamp"'
seed_lines fuzz-nhitop '{"ts"'
# An OPA decision whose identity is only in a bearer JWT (payload {"sub":"svc-jwt"}).
printf '%s\n' '{"decision_id":"d1","path":"http/authz/allow","input":{"attributes":{"request":{"http":{"headers":{"authorization":"Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJzdmMtand0In0.c2ln"}}}}},"result":true,"timestamp":"2026-01-01T00:00:00Z"}' \
    > "$seeds/fuzz-opa/jwt"
mkdir -p "$seeds/fuzz-mapped"
split -l 1 examples/toolgateway.jsonl "$seeds/fuzz-mapped/example-"
sed -E 's/"at":"[^"]*"/"at":1767225600123/' examples/toolgateway.jsonl | head -n 2 | split -l 1 - "$seeds/fuzz-mapped/epoch-"
printf '%s\n' '{"t":1767225600,"who":"svc-batch","what":"export"}' > "$seeds/fuzz-mapped/seconds"
# Multi-record inputs for the decoder and the aggregator: mixed formats, framing, wrappers.
mkdir -p "$seeds/mixed"
head -n 240 "$work/sample.jsonl" | awk 'length($0) <= 4000' | split -l 8 - "$seeds/mixed/sample-"
if command -v jq >/dev/null 2>&1; then
    grep -m 1 -F '{"eventVersion"' "$work/sample.jsonl" \
        | jq -c '{"detail-type":"AWS API Call via CloudTrail",source:"aws.s3",detail:.}' > "$seeds/mixed/eventbridge"
    grep -m 1 -F '{"kind":"Event"' "$work/sample.jsonl" \
        | jq -c '{category:"kube-audit",properties:{log:(.|tostring)}}' > "$seeds/mixed/aks"
    grep -m 2 -F '{"eventVersion"' "$work/sample.jsonl" | jq -s '{Records:.}' > "$seeds/mixed/records"
fi

# Rule files for fuzz-sigma: the built-in catalogue, one file a family, and the Sigma rules.
mkdir -p "$seeds/fuzz-sigma"
"$nhitop" rules --builtin > "$work/builtin.yaml" 2>/dev/null || true
awk -v dir="$seeds/fuzz-sigma" '/^- id:/ { n++ } n { print > (dir "/builtin-" n) }' "$work/builtin.yaml" || true
[ -d "$SIGMA" ] && find "$SIGMA" -name '*.yml' -exec cp {} "$seeds/fuzz-sigma/" \;
[ -d "$SIGMA" ] && export NHITOP_FUZZ_SIGMA="$SIGMA"

# Dictionaries: every short string literal of the format's source, plus JSON edge tokens.
dict() {  # target, source files…
    local out="$work/$1.dict" t=$1
    shift
    { grep -ohE '"[A-Za-z0-9@_./:-]{2,40}"' "$@" | sort -u
      printf '%s\n' '"{"' '"}"' '"["' '"]"' '":"' '","' '"null"' '"true"' '"false"' \
          '"-9223372036854775808"' '"9223372036854775807"' '"-9223372036854775"' '"1e309"' '"-0"' \
          '"\\u0000"' '"\\ud800"' '"\\u202e"' '"\\u001b["' '"{\"Records\":["' '"[notice] "'
    } > "$out"
    echo "$out"
}
F=Sources/Ingest/Formats
declare -A sources=(
    [fuzz-cloudtrail]="$F/CloudTrail.swift" [fuzz-k8s-audit]="$F/Kubernetes.swift" [fuzz-opa]="$F/OPA.swift"
    [fuzz-vault]="$F/Vault.swift" [fuzz-github]="$F/GitHub.swift" [fuzz-nhitop]="$F/Nhitop.swift"
    [fuzz-mapped]="$F/FormatMapping.swift Fuzz/FuzzSupport/FuzzHarness.swift"
    [fuzz-decoder]="$F/*.swift Sources/Ingest/SourceDecoder.swift Sources/Ingest/Framer.swift"
    [fuzz-aggregator]="$F/*.swift Sources/Activity/ActionCategory.swift"
    [fuzz-rules]="$F/*.swift Sources/Rules/Catalogue/*.swift"
    [fuzz-sigma]="Sources/Rules/Loading/*.swift Sources/Rules/Engine/*.swift"
)
declare -A real=(
    [fuzz-cloudtrail]="cloudtrail" [fuzz-k8s-audit]="k8s-audit" [fuzz-opa]="opa-decision"
    [fuzz-decoder]="cloudtrail k8s-audit opa-decision" [fuzz-aggregator]="cloudtrail k8s-audit opa-decision"
    [fuzz-rules]="cloudtrail k8s-audit opa-decision"
)
[ -d "$CORPUS" ] || echo "fuzz: no $CORPUS: running on generated seeds only" >&2

failed=()
printf '%-16s %10s %8s %6s %6s %6s  %s\n' target runs exec/s cov ft corp result
for t in $TARGETS; do
    dirs=()
    case $t in
        fuzz-decoder|fuzz-aggregator|fuzz-rules) for d in "$seeds"/*/; do [ "$d" = "$seeds/fuzz-sigma/" ] || dirs+=("$d"); done ;;
        *) dirs+=("$seeds/$t") ;;
    esac
    for r in ${real[$t]:-}; do [ -d "$CORPUS/$r" ] && dirs+=("$CORPUS/$r"); done
    mkdir -p "$work/corpus/$t"
    # shellcheck disable=SC2086
    d=$(dict "$t" ${sources[$t]})
    # Whole pretty-printed CloudTrail files (≤ 107 KB in the corpus) matter to framing; elsewhere
    # small inputs run ten times faster and still hold several records.
    case $t in fuzz-decoder|fuzz-cloudtrail) max_len=131072 ;; *) max_len=16384 ;; esac
    log="$work/$t.log"
    set +e
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$bin/$t" "$work/corpus/$t" "${dirs[@]}" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -use_value_profile=1 -dict="$d" -artifact_prefix="$crashes/$t-" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    eps=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1)
    cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
    ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
    corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | grep -oE '[0-9]+' || echo "?")
    if [ $rc -eq 0 ]; then
        result=ok
    else
        artifact=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -n 1 | cut -d' ' -f5)
        result="FAILED (exit $rc) ${artifact:-see $log}"
        failed+=("$t")
        grep -E "ERROR|Fatal error|precondition|SUMMARY|^ *#[0-9]+ 0x" "$log" | head -n 12 >&2 || true
    fi
    printf '%-16s %10s %8s %6s %6s %6s  %s\n' "$t" "$runs" "$eps" "$cov" "$ft" "$corp" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: found crashes in: ${failed[*]} (inputs in $crashes, logs in $work)" >&2
    exit 1
fi
