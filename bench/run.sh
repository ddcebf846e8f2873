#!/usr/bin/env bash
# Times whole tmsc commands with /usr/bin/time -v (wall, user, system, peak RSS) on the SAINT
# course and the 10-million-pulse stress protocol, and compares CSV emission with `cat` of the
# same bytes. Benchmarks, not tests: nothing here passes or fails. Record results in
# docs/performance.md together with the machine (printed first).
#
#   usage: bench/run.sh [BUILD_DIR]    (default: build; the build needs -DCMAKE_BUILD_TYPE=Release)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
tmsc="$build/tmsc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== machine"
grep -m1 "model name" /proc/cpuinfo || true
echo "cpus: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
grep MemTotal /proc/meminfo
"$tmsc" --version

# One timed run: label, then the command. Prints wall, user, sys seconds and peak RSS.
timed() {
    local label="$1"
    shift
    /usr/bin/time -v "$@" 2>"$work/time" >/dev/null || true
    awk -v label="$label" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = t[n] + (n > 1 ? t[n-1] * 60 : 0) }
        /User time/ { user = $2 }
        /System time/ { sys = $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%-44s wall %7.2f s  user %6.2f s  sys %5.2f s  peak RSS %6.1f MiB\n",
                     label, wall, user, sys, rss / 1024 }' "$work/time"
}

for protocol in examples/saint-accelerated-itbs.tms bench/stress-10m.tms; do
    name="$(basename "$protocol" .tms)"
    echo
    echo "== $protocol"
    "$tmsc" compile "$root/$protocol" --target csv -o "$work/$name.csv" 2>/dev/null
    "$tmsc" compile "$root/$protocol" --target json -o "$work/$name.json" 2>/dev/null
    echo "pulses: $(($(wc -l <"$work/$name.csv") - 2)); csv $(stat -c %s "$work/$name.csv") bytes;" \
         "json $(stat -c %s "$work/$name.json") bytes"
    for run in 1 2 3; do
        timed "check (parse, resolve, verify) #$run" "$tmsc" check "$root/$protocol"
        timed "stats (check + lower + summary walk) #$run" "$tmsc" stats "$root/$protocol"
        timed "compile --target csv > /dev/null #$run" "$tmsc" compile "$root/$protocol" --target csv
        timed "cat of the same CSV bytes > /dev/null #$run" cat "$work/$name.csv"
        timed "compile --target json > /dev/null #$run" "$tmsc" compile "$root/$protocol" --target json
        timed "compile --target csv -o FILE (fsync) #$run" \
            "$tmsc" compile "$root/$protocol" --target csv -o "$work/out.csv"
    done
done

if [ -x "$build/bench/tmsc_bench" ]; then
    echo
    echo "== Google Benchmark (lowering and emission, in process)"
    "$build/bench/tmsc_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
fi
