#include "compiler/lower_pipeline.hpp"

#include <algorithm>

namespace tmsc {

namespace {

bool has_errors(const std::vector<Diagnostic>& list) {
    return std::any_of(list.begin(), list.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

void append(std::vector<Diagnostic>& to, const std::vector<Diagnostic>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

/// A start-to-start course whose interval is shorter than a session would run two sessions at
/// once; no schedule can deliver that.
void check_course_fits(LoweredProtocol& p, DiagnosticList& diagnostics) {
    const CourseSummary& c = p.summary->course;
    if (c.sessions_overlap) {
        diagnostics.error("E0914", "sessions overlap: they start " +
                                       format_duration(*c.between_sessions) +
                                       " apart but each lasts " +
                                       format_duration(p.summary->session
                                                           .nominal_without_trailing_gap),
                          p.schedule->course->range);
    }
}

void lower_resolved(LoweredProtocol& p, const LowerOptions& options) {
    LowerResult lowered = lower(*p.resolved, options);
    DiagnosticList diagnostics = std::move(lowered.diagnostics);
    if (lowered.schedule) {
        p.schedule = std::move(lowered.schedule);
        try {
            p.summary = summarize(*p.schedule);
            check_course_fits(p, diagnostics);
        } catch (const RationalOverflow&) {
            diagnostics.error("E0909", "the schedule's exact times are too large to compute",
                              p.resolved->session->range);
        }
    }
    p.lowering = diagnostics.sorted();
    append(p.diagnostics, p.lowering);
}

} // namespace

bool LoweredProtocol::ok() const { return schedule && summary && !has_errors(diagnostics); }

bool LoweredProtocol::schedule_ok() const {
    return schedule && summary && !has_errors(lowering);
}

std::unique_ptr<LoweredProtocol> lower_source(SourceFile source, const LowerOptions& options,
                                              VerdictPolicy policy) {
    return lower_source(std::move(source), options, policy, CheckOptions{});
}

std::unique_ptr<LoweredProtocol> lower_source(SourceFile source, const LowerOptions& options,
                                              VerdictPolicy policy, const CheckOptions& check) {
    auto p = std::make_unique<LoweredProtocol>(std::move(source));
    p->check = check_source(p->source, check);
    p->diagnostics = p->check.diagnostics;
    if (!p->check.protocol) {
        return p;
    }
    if (policy == VerdictPolicy::RequirePass && p->check.verdict != Verdict::Pass) {
        return p;
    }
    // The check's resolver result is not kept by check_source; resolving again is cheap and
    // gives the lowering stage its input.
    ResolveResult resolved = resolve(*p->check.protocol);
    if (!resolved.protocol) {
        if (!has_errors(p->diagnostics)) {
            append(p->diagnostics, resolved.diagnostics.sorted());
        }
        return p;
    }
    p->resolved = std::move(resolved.protocol);
    lower_resolved(*p, options);
    return p;
}

} // namespace tmsc
