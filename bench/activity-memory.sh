#!/usr/bin/env bash
# Memory of the Activity aggregator, both numbers measured in the same run:
#   (a) bytes per identity at 100,000 identities (resident memory and heap in use,
#       before and after ingesting 4–8 varied events for each identity);
#   (b) resident memory sampled every simulated hour over 24 hours of event time for a
#       fixed population, and its growth from hour 2 to hour 24 (should be ~0).
#
#   bench/activity-memory.sh
#   bench/activity-memory.sh --identities 200000 --population 1000 --rate 8 --seed 7
#   bench/activity-memory.sh --novelty 0.05 --hours 120 --identities 1000
#       (much novelty, five days: the bounded per-identity sets fill, then heap and RSS level off)
#
# RSS is read from /proc/self/statm after malloc_trim(0); "heap in use" is glibc's
# mallinfo2 (uordblks + hblkhd), the less noisy of the two. Linux only.
#
# Events come from a seeded SplitMix64 inside the benchmark, so runs are repeatable.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "bench: building activity-bench (release)" >&2
swift build -c release --product activity-bench >&2
bin="$(swift build -c release --show-bin-path)/activity-bench"
"$bin" "$@"
