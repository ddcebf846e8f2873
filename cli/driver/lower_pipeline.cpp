#include "cli/driver/lower_pipeline.hpp"

#include "compiler/lower/train_repeat.hpp"
#include "safety/timeline/translation_check.hpp"

#include <algorithm>

namespace tmsc {

namespace {

bool has_errors(const std::vector<Diagnostic>& list) {
    return std::any_of(list.begin(), list.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

/// Whether `list` already holds `d` (same code, message and position): the verifier lowers too
/// and may have reported a lowering error before the lowering stage does.
bool already_reported(const std::vector<Diagnostic>& list, const Diagnostic& d) {
    return std::any_of(list.begin(), list.end(), [&](const Diagnostic& e) {
        return e.code == d.code && e.message == d.message && e.range.begin.offset == d.range.begin.offset;
    });
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

/// A stimulus whose first pulse comes at or before the previous stimulus's last pulse would
/// deliver two pulses at one instant (or out of order): `repeat 5 { pulse }`, or back-to-back
/// `paired` pulses. Decided on the walk with this compilation's values (a repeat period equal
/// to its body's length makes pulses coincide only for some parameter values); reports the
/// first such pair.
void check_pulse_order(LoweredProtocol& p, DiagnosticList& diagnostics) {
    bool reported = false;
    // Each occurrence against the one after it; the occurrences of a repeat that are alike in
    // what follows them are judged once (train_repeat.hpp), in walk order, so the first clash
    // found is the first in the session.
    const auto judge = [&](const TrainInstance& t, const FollowedBy& next, std::int64_t) {
        if (reported || next.plan == nullptr || next.onset > t.last_pulse) {
            return;
        }
        reported = true;
        const bool same = next.onset == t.last_pulse;
        diagnostics.error("E0915", std::string("this stimulus's first pulse at ") +
                                       format_duration(next.onset) + " into the session " +
                                       (same ? "coincides with" : "comes before") +
                                       " the last pulse of the stimulus before it",
                          next.plan->range)
            .notes.push_back({"the earlier pulse comes from here; put a 'wait' between them",
                              t.plan->range});
    };
    walk_train_repeats(*p.schedule, [&](const TrainRepeat& r, const FollowedBy& after) {
        for_each_kind(r, after, judge);
    });
}

void lower_resolved(LoweredProtocol& p, const LowerOptions& options) {
    LowerResult lowered = lower(*p.resolved, options);
    DiagnosticList diagnostics = std::move(lowered.diagnostics);
    if (lowered.schedule) {
        p.schedule = std::move(lowered.schedule);
        try {
            p.summary = summarize(*p.schedule);
            check_course_fits(p, diagnostics);
            check_pulse_order(p, diagnostics);
        } catch (const RationalOverflow&) {
            diagnostics.error("E0909", "the schedule's exact times are too large to compute",
                              p.resolved->session->range);
        }
    }
    p.lowering = diagnostics.sorted();
    append(p.diagnostics, p.lowering);
}

/// Lowers a protocol that will not be written, keeps only the lowering errors the check did not
/// already report, and drops the schedule.
void refuse_with_lowering_errors(LoweredProtocol& p, const LowerOptions& options) {
    std::vector<Diagnostic> before = p.diagnostics;
    lower_resolved(p, options);
    std::vector<Diagnostic> kept = before;
    for (const Diagnostic& d : p.lowering) {
        if (d.severity == Severity::Error && !already_reported(before, d)) {
            kept.push_back(d);
            p.check.verdict = Verdict::Fail; // an error, not only an unproved protocol
        }
    }
    p.diagnostics = std::move(kept);
    p.schedule.reset();
    p.summary.reset();
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
    const bool not_passed = policy == VerdictPolicy::RequirePass && p->check.verdict != Verdict::Pass;
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
    if (not_passed) {
        // Nothing may be written: no schedule is kept. Lowering still runs so that its own
        // errors (sessions that overlap, coincident pulses) say why the verdict is not pass.
        refuse_with_lowering_errors(*p, options);
        return p;
    }
    lower_resolved(*p, options);
    if (policy == VerdictPolicy::RequirePass && p->ok() && p->check.safety) {
        // Fail closed: the schedule about to be written must pass on its own pulses too.
        if (auto refused = safety::timeline::validate_translation(*p->schedule, *p->resolved,
                                                                  *p->check.rules, *p->check.safety)) {
            p->lowering.push_back(*refused);
            p->diagnostics.push_back(std::move(*refused));
        }
    }
    return p;
}

namespace {

/// Lowering codes that depend only on the protocol text, never on a command-line option
/// (--set, --seed, --rmt, --max-pulses): what `tmsc check` must report too.
bool is_protocol_lowering_code(const std::string& code) {
    static const char* const kCodes[] = {"E0905", "E0909", "E0910", "E0911",
                                         "E0912", "E0913", "E0914", "E0915"};
    return std::any_of(std::begin(kCodes), std::end(kCodes),
                       [&](const char* c) { return code == c; });
}

} // namespace

CheckResult check_with_lowering(const SourceFile& source, const CheckOptions& options) {
    LowerOptions lower_options;
    lower_options.seed = 0; // an unseeded jitter is compile's concern (--seed), not the text's
    auto p = lower_source(source, lower_options, VerdictPolicy::RequireResolved, options);
    CheckResult result = std::move(p->check);
    bool added = false;
    for (const Diagnostic& d : p->lowering) {
        if (d.severity == Severity::Error && is_protocol_lowering_code(d.code) &&
            !already_reported(result.diagnostics, d)) {
            result.diagnostics.push_back(d);
            added = true;
        }
    }
    if (added) {
        DiagnosticList merged;
        for (const Diagnostic& d : result.diagnostics) {
            merged.add(d.severity, d.code, d.message, d.range).notes = d.notes;
        }
        result.diagnostics = merged.sorted();
        result.verdict = Verdict::Fail;
    }
    return result;
}

} // namespace tmsc
