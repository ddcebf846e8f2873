#pragma once
// Helpers for the lowering, emission and stats tests: compile a protocol text in memory,
// collect diagnostic codes, and capture emitted output.

#include "cli/driver/lower_pipeline.hpp"
#include "targets/tables/emit.hpp"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace tmsc::testing {

/// Lowers a protocol text. Lowering tests need a resolved protocol, not a safety verdict, so
/// they do not depend on which safety rules are in force.
inline std::unique_ptr<LoweredProtocol> lower_text(std::string text, LowerOptions options = {}) {
    return lower_source(SourceFile("test.tms", std::move(text)), options,
                        VerdictPolicy::RequireResolved);
}

/// The codes of lowering's diagnostics, in order (the safety verifier's findings are its own
/// tests' business).
inline std::vector<std::string> codes(const LoweredProtocol& p) {
    std::vector<std::string> out;
    for (const Diagnostic& d : p.lowering) {
        out.push_back(d.code);
    }
    return out;
}

/// Every pulse of a lowered protocol, in time order.
inline std::vector<ScheduledPulse> all_pulses(const Schedule& schedule) {
    std::vector<ScheduledPulse> out;
    walk_trains(schedule, [&](const TrainInstance& t) {
        PulseCursor cursor(t);
        ScheduledPulse p;
        while (cursor.next(p)) {
            out.push_back(p);
        }
    });
    return out;
}

/// Emits a lowered protocol and returns the bytes written.
inline std::string emit_text(const LoweredProtocol& p, EmitFormat format,
                             DiagnosticList* warnings = nullptr) {
    std::FILE* file = std::tmpfile();
    std::string text;
    {
        OutputSink sink(fileno(file));
        const EmitInput input{*p.schedule, *p.summary, p.source, "tmsc test", &p.check};
        DiagnosticList found = emit_schedule(format, input, sink);
        if (warnings) {
            *warnings = found;
        }
    }
    std::rewind(file);
    char buffer[65536];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
        text.append(buffer, n);
    }
    std::fclose(file);
    return text;
}

/// A session body in a minimal protocol (intensity 100 %rMT unless the body sets one).
inline std::string protocol_with(const std::string& session, const std::string& extra = "") {
    return "protocol \"test\" {\n  intensity 100 %rMT\n  coil figure8\n" + extra +
           "  session {\n" + session + "\n  }\n}\n";
}

} // namespace tmsc::testing
