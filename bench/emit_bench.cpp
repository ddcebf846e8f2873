// Emission throughput: the CSV and JSON writers into /dev/null, in bytes and pulses per
// second. bench/run.sh compares the same bytes with `cat`.

#include "bench_support.hpp"

#include "targets/tables/emit.hpp"

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

namespace tmsc::bench {
namespace {

void emit_all(benchmark::State& state, const char* file, EmitFormat format) {
    const auto p = load(file);
    const int null_fd = ::open("/dev/null", O_WRONLY);
    std::int64_t pulses = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        OutputSink sink(null_fd);
        const EmitInput input{*p->schedule, *p->summary, p->source, "tmsc bench", &p->check};
        benchmark::DoNotOptimize(emit_schedule(format, input, sink));
        pulses += p->schedule->pulses_per_session;
        bytes += static_cast<std::int64_t>(sink.bytes());
    }
    ::close(null_fd);
    state.SetBytesProcessed(bytes);
    state.counters["pulses/s"] = benchmark::Counter(static_cast<double>(pulses),
                                                    benchmark::Counter::kIsRate);
}

void BM_CsvSaintSession(benchmark::State& state) { emit_all(state, kSaint, EmitFormat::Csv); }
void BM_CsvStress10M(benchmark::State& state) { emit_all(state, kStress, EmitFormat::Csv); }
void BM_JsonSaintSession(benchmark::State& state) { emit_all(state, kSaint, EmitFormat::Json); }
void BM_JsonStress10M(benchmark::State& state) { emit_all(state, kStress, EmitFormat::Json); }

BENCHMARK(BM_CsvSaintSession)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CsvStress10M)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_JsonSaintSession)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_JsonStress10M)->Unit(benchmark::kMillisecond);

} // namespace
} // namespace tmsc::bench
