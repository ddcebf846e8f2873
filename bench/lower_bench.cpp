// Lowering throughput: every pulse of a schedule generated in time order (walk the trains,
// step each train's PulseCursor), reported as pulses per second.

#include "bench_support.hpp"

#include <benchmark/benchmark.h>

namespace tmsc::bench {
namespace {

/// Generates every pulse; the sum of times keeps the compiler from skipping the work.
void generate_all(benchmark::State& state, const char* file) {
    const auto p = load(file);
    std::int64_t pulses = 0;
    for (auto _ : state) {
        std::int64_t checksum = 0;
        walk_trains(*p->schedule, [&](const TrainInstance& t) {
            PulseCursor cursor(t);
            ScheduledPulse pulse;
            while (cursor.next(pulse)) {
                checksum += pulse.time.us + pulse.time.rem;
            }
        });
        benchmark::DoNotOptimize(checksum);
        pulses += p->schedule->pulses_per_session;
    }
    state.counters["pulses/s"] = benchmark::Counter(static_cast<double>(pulses),
                                                    benchmark::Counter::kIsRate);
}

void BM_LowerSaintSession(benchmark::State& state) { generate_all(state, kSaint); }
void BM_LowerStress10M(benchmark::State& state) { generate_all(state, kStress); }

/// The front end and lowering together (parse, resolve, verify, plan, summary walk): the
/// fixed cost before the first pulse.
void BM_CheckAndLowerSaint(benchmark::State& state) {
    for (auto _ : state) {
        benchmark::DoNotOptimize(load(kSaint));
    }
}

BENCHMARK(BM_LowerSaintSession)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LowerStress10M)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CheckAndLowerSaint)->Unit(benchmark::kMillisecond);

} // namespace
} // namespace tmsc::bench
