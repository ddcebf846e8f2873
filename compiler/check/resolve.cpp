#include "compiler/check/resolve.hpp"

#include "compiler/check/semantic.hpp"
#include "compiler/check/timing.hpp"
#include "support/edit_distance.hpp"

#include <algorithm>

namespace tmsc {

const std::vector<CoilSpec>& known_coils() {
    static const std::vector<CoilSpec> coils = {
        {"figure8", CoilFamily::Figure8},   {"round", CoilFamily::Round},
        {"double_cone", CoilFamily::DoubleCone}, {"h1", CoilFamily::HCoil},
        {"h4", CoilFamily::HCoil},          {"h7", CoilFamily::HCoil},
    };
    return coils;
}

const std::vector<std::string>& known_waveforms() {
    static const std::vector<std::string> waveforms = {"monophasic", "biphasic", "half_sine",
                                                       "biphasic_burst"};
    return waveforms;
}

namespace {

using semantic::Context;

/// Longest session the compiler accepts; beyond it a "session" is a mistake, and the bound
/// keeps exact nanosecond arithmetic far from overflow.
constexpr std::int64_t kMaxSessionSeconds = 24 * 3600;

void unknown_name(Context& ctx, const ast::Name& name, std::string_view what, std::string_view code,
                  const std::vector<std::string>& known) {
    Diagnostic& d = ctx.diagnostics.error(code, "unknown " + std::string(what) + " '" + name.text + "'",
                                          name.range);
    if (auto best = closest_match(name.text, known)) {
        d.notes.push_back({"did you mean '" + *best + "'?", std::nullopt});
    }
    std::string list;
    for (const std::string& k : known) {
        list += (list.empty() ? "" : ", ") + k;
    }
    d.notes.push_back({"known " + std::string(what) + "s: " + list, std::nullopt});
}

void check_metadata(Context& ctx, const ast::Protocol& p, ResolvedProtocol& out) {
    if (p.coil) {
        std::vector<std::string> names;
        for (const CoilSpec& c : known_coils()) {
            names.push_back(c.name);
            if (c.name == p.coil->text) {
                out.coil = c;
            }
        }
        if (!out.coil) {
            unknown_name(ctx, *p.coil, "coil", "E0104", names);
        }
    }
    if (p.waveform) {
        const auto& known = known_waveforms();
        if (std::find(known.begin(), known.end(), p.waveform->text) == known.end()) {
            unknown_name(ctx, *p.waveform, "waveform", "E0105", known);
        }
    }
    if (p.intensity) {
        semantic::check_value(ctx, p.intensity->value, ast::Dimension::Intensity,
                              "the protocol's intensity");
    }
}

void check_structure(Context& ctx, const ast::Protocol& p) {
    if (p.sessions.empty()) {
        ctx.diagnostics.error("E0106", "the protocol has no 'session { ... }'", p.name.range);
    }
    for (std::size_t i = 1; i < p.sessions.size(); ++i) {
        ctx.diagnostics.error("E0107", "a protocol has one session; use blocks for its parts",
                              p.sessions[i].range)
            .notes.push_back({"the first session is here", p.sessions[0].range});
    }
    for (std::size_t i = 1; i < p.courses.size(); ++i) {
        ctx.diagnostics.error("E0108", "a protocol has one course", p.courses[i].range)
            .notes.push_back({"the first course is here", p.courses[0].range});
    }
}

/// Every relative intensity needs its threshold once the protocol declares any subject. A
/// threshold declared but invalid was reported already; it is not "missing".
void check_references(Context& ctx, const ast::Protocol& p) {
    if (p.subjects.empty()) {
        return;
    }
    using Threshold = ast::Subject::Threshold;
    for (const auto& [ref, kind] : {std::pair{IntensityRef::Rmt, Threshold::Rmt},
                                    std::pair{IntensityRef::Amt, Threshold::Amt}}) {
        const auto use = ctx.first_reference.find(ref);
        const bool declared =
            std::any_of(p.subjects.begin(), p.subjects.end(),
                        [k = kind](const ast::Subject& s) { return s.threshold == k; });
        if (use == ctx.first_reference.end() || declared) {
            continue;
        }
        const std::string name = ref == IntensityRef::Rmt ? "rmt" : "amt";
        const std::string unit = ref == IntensityRef::Rmt ? "%rMT" : "%aMT";
        Diagnostic& d = ctx.diagnostics.error(
            "E0502",
            "this intensity in " + unit + " cannot be converted to %MSO: the protocol declares "
            "subject thresholds but no 'subject " + name + "'",
            use->second);
        d.notes.push_back({"add 'subject " + name + " in LO..HI %MSO'", std::nullopt});
    }
}

void check_session_length(Context& ctx, const ast::Session& s) {
    const Rational longest = occupied(s.body, ValueEvaluator(ctx.params, ParamChoice::Longest));
    if (longest > Rational(kMaxSessionSeconds)) {
        ctx.diagnostics.error("E0408",
                              "the session lasts " + format_duration(longest) +
                                  ", more than the 24 h a session may last",
                              s.range);
    }
}

} // namespace

ResolveResult resolve(const ast::Protocol& protocol) {
    Context ctx;
    ResolvedProtocol out;
    out.ast = &protocol;
    semantic::declare_params(ctx, protocol);
    // Timing checks evaluate parameters, so they need every declaration valid; problems with
    // the coil, the subjects or the structure do not stop them.
    bool values_ok = !ctx.diagnostics.has_errors();
    check_structure(ctx, protocol);
    check_metadata(ctx, protocol, out);
    semantic::check_subjects(ctx, protocol, out);
    if (!protocol.sessions.empty()) {
        const ast::Session& session = protocol.sessions.front();
        out.session = &session;
        const ast::IntensitySetting* inherited =
            session.intensity ? &*session.intensity
                              : protocol.intensity ? &*protocol.intensity : nullptr;
        if (session.intensity) {
            semantic::check_value(ctx, session.intensity->value, ast::Dimension::Intensity,
                                  "the session's intensity");
        }
        values_ok = semantic::check_body(ctx, session.body, inherited) && values_ok;
        if (values_ok) {
            try {
                semantic::check_timing(ctx, session.body);
                check_session_length(ctx, session);
            } catch (const RationalOverflow&) {
                ctx.diagnostics.error("E0407",
                                      "the session's timing is too large to compute exactly",
                                      session.range);
            }
        }
    }
    check_references(ctx, protocol);
    if (!protocol.courses.empty()) {
        out.course = semantic::check_course(ctx, protocol.courses.front());
    }
    ResolveResult result;
    result.diagnostics = std::move(ctx.diagnostics);
    if (!result.diagnostics.has_errors()) {
        out.params = std::move(ctx.params);
        result.protocol = std::move(out);
    }
    return result;
}

bool threshold_in_subject(const Rational& value, const std::optional<ThresholdSpec>& subject,
                          const char* name, DiagnosticList& diagnostics) {
    if (!subject || (value >= subject->lo && value <= subject->hi)) {
        return true;
    }
    diagnostics
        .error("E0907", std::string("--") + name + " " + value.to_string() +
                            " %MSO is outside the subject's declared " + name + " range " +
                            subject->lo.to_string() + ".." + subject->hi.to_string() + " %MSO",
               subject->range)
        .notes.push_back(
            {"the verifier proves the protocol only for thresholds in this range", std::nullopt});
    return false;
}

} // namespace tmsc
