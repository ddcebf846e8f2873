#!/usr/bin/env bash
# What `tmsc check` costs as the pulse count grows (issue 13, item 6): protocols of up to the
# 10-million-pulse limit written as repeats, each checked beside the floor (a one-pulse
# protocol: process start, rule set, Z3 context). Median wall of 5 runs each, peak RSS of the
# last. A benchmark, not a test: nothing passes or fails. Record results in docs/performance.md.
#
#   usage: bench/check_cost.sh [BUILD_DIR]    (default: build)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tmsc="${1:-$root/build}/tmsc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

protocol() { # name, session body
    printf 'protocol "%s" {\n  coil figure8\n  intensity 100 %%rMT\n  session {\n    %s\n  }\n}\n' \
        "$1" "$2" >"$work/$1.tms"
}
protocol floor "pulse"
protocol pulses-1us "repeat 10000000 { pulse  wait 1 us }"
protocol two-per-repetition "repeat 5000000 { pulse  wait 1 us  pulse  wait 2 us }"
protocol nested "repeat 1000 { repeat 10000 { pulse  wait 1 us }  wait 1 ms }"
protocol separate-trains "repeat 80000 { train 3 pulses at 100 Hz  wait 1001 ms }"
protocol separate-singles "repeat 80000 { pulse  wait 1001 ms }"
protocol fda-like "repeat 75 { train 40 pulses at 10 Hz  wait 26 s }"
protocol jittered "repeat 1000000 { pulse  wait 1..3 us seed 7 }"

# Median wall milliseconds of 5 runs (bash's EPOCHREALTIME: /usr/bin/time only has 10 ms), and
# the peak RSS (KiB) of one more run under /usr/bin/time.
measure() {
    local f="$1" walls=() start end
    for _ in 1 2 3 4 5; do
        start=$EPOCHREALTIME
        "$tmsc" check "$f" >/dev/null 2>&1 || true
        end=$EPOCHREALTIME
        walls+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
    done
    /usr/bin/time -f "%M" -o "$work/time" "$tmsc" check "$f" >/dev/null 2>&1 || true
    printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p)" "$(tail -1 "$work/time")"
}

echo "cpus: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-20s %9s %9s %10s\n' protocol "wall ms" "floor ms" "peak KiB"
for name in pulses-1us two-per-repetition nested separate-trains separate-singles fda-like jittered; do
    read -r wall rss < <(measure "$work/$name.tms")
    read -r floor _ < <(measure "$work/floor.tms")
    printf '%-20s %9s %9s %10s\n' "$name" "$wall" "$floor" "$rss"
done
