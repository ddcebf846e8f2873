#!/usr/bin/env bash
# Builds the fuzz preset and runs every libFuzzer target for SECONDS each (default 60).
# Usage: tests/fuzz/run.sh [SECONDS] [BUILD_DIR]   (BUILD_DIR default: build-fuzz)
# Each target first replays tests/fuzz/regressions/ (inputs that once crashed), then fuzzes a
# scratch corpus seeded from tests/fuzz/corpus-parse/, examples/ and the golden inputs. A crash,
# sanitizer report, timeout (-timeout) or memory blow-up (-rss_limit_mb) fails the run; the
# input that caused it is copied to tests/fuzz/regressions/ to be fixed and kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=${2:-build-fuzz}

cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target fuzz_parse fuzz_check fuzz_backends fuzz_decode fuzz_attestation

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/seeds"
# Prefixed by folder: the same file name appears in more than one of them.
for seed in tests/fuzz/corpus-parse/* tests/fuzz/corpus-attestation/* examples/*.tms \
            examples/unsafe/*.tms tests/golden/*.tms tests/hostile/*.tms; do
    cp "$seed" "$scratch/seeds/$(dirname "$seed" | tr / -)-$(basename "$seed")"
done

# Z3 keeps some allocations for the life of the process; only those are not reported as leaks.
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan-z3.supp:print_suppressions=0"
status=0
for target in parse check backends decode attestation; do
    bin="$build/tests/fuzz/fuzz_$target"
    corpus="$scratch/corpus-$target"
    mkdir -p "$corpus" "$scratch/crash-$target"
    echo "== fuzz_$target: replaying tests/fuzz/regressions"
    "$bin" -runs=0 -timeout=30 -rss_limit_mb=4096 tests/fuzz/regressions/ 2>"$scratch/replay.log" || {
        tail -40 "$scratch/replay.log"; status=1; continue; }
    echo "== fuzz_$target: ${seconds} s"
    if ! "$bin" -dict=tests/fuzz/tms.dict -max_len=8192 -timeout=30 -rss_limit_mb=4096 \
            -max_total_time="$seconds" -print_final_stats=1 \
            -artifact_prefix="$scratch/crash-$target/" "$corpus" "$scratch/seeds" \
            2>"$scratch/fuzz.log"; then
        tail -60 "$scratch/fuzz.log"
        for crash in "$scratch/crash-$target"/*; do
            [ -e "$crash" ] || continue
            keep="tests/fuzz/regressions/$target-$(basename "$crash")"
            cp "$crash" "$keep"
            echo "fuzz_$target failed; input kept as $keep"
        done
        status=1
    else
        grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$scratch/fuzz.log" || true
    fi
done
exit $status
