#include "grammar/parser.hpp"

#include "grammar/builder.hpp"
#include "grammar/errors.hpp"
#include "grammar/syntax_diagnostic.hpp"

namespace tmsc {

namespace g = tmsc::grammar;
namespace pegtl = tao::pegtl;

namespace {

template <typename Input>
SourceRange at(const Input& in, const AstBuilder& b) {
    return b.range(in.position().byte, in.size());
}

/// Default: rules without an action build nothing.
template <typename Rule>
struct action : pegtl::nothing<Rule> {};

/// Declares an action whose apply calls `body` with `in` and the builder `b`.
#define TMSC_ACTION(rule, body)                                                                 \
    template <>                                                                                 \
    struct action<g::rule> {                                                                    \
        template <typename Input>                                                               \
        static void apply([[maybe_unused]] const Input& in, AstBuilder& b) {                    \
            body;                                                                               \
        }                                                                                       \
    }

using Slot = AstBuilder::Slot;
using Kind = ast::CourseClause::Kind;
using Anchor = ast::CourseClause::Anchor;

TMSC_ACTION(number, b.number(in.string(), at(in, b)));
TMSC_ACTION(unit, b.unit(in.string()));
TMSC_ACTION(literal, b.literal(at(in, b)));
TMSC_ACTION(param_ref, b.param_ref(in.string(), at(in, b)));
TMSC_ACTION(range_lo, b.range_end(false, at(in, b)));
TMSC_ACTION(range_hi, b.range_end(true, at(in, b)));
TMSC_ACTION(range_lit, b.range_lit(at(in, b)));
TMSC_ACTION(seed_value, b.seed(in.string(), at(in, b)));
TMSC_ACTION(interval, b.interval(at(in, b)));
TMSC_ACTION(string_body, b.string_body(in.string()));
TMSC_ACTION(string_lit, b.string_lit(at(in, b)));
TMSC_ACTION(rate_value, b.slot(Slot::Rate, at(in, b)));
TMSC_ACTION(duration_value, b.slot(Slot::Duration, at(in, b)));
TMSC_ACTION(count_value, b.slot(Slot::Count, at(in, b)));
TMSC_ACTION(intensity_value, b.slot(Slot::Intensity, at(in, b)));
TMSC_ACTION(param_default, b.slot(Slot::Default, at(in, b)));
TMSC_ACTION(threshold_value, b.slot(Slot::Threshold, at(in, b)));
TMSC_ACTION(paired_interval, b.slot(Slot::PairedGap, at(in, b)));
TMSC_ACTION(paired_first, b.slot(Slot::PairedA, at(in, b)));
TMSC_ACTION(paired_second, b.slot(Slot::PairedB, at(in, b)));
TMSC_ACTION(intensity_clause, b.intensity_clause(at(in, b)));

TMSC_ACTION(target_label, b.identifier(in.string(), at(in, b)));
TMSC_ACTION(coil_name, b.identifier(in.string(), at(in, b)));
TMSC_ACTION(waveform_name, b.identifier(in.string(), at(in, b)));
TMSC_ACTION(param_name, b.identifier(in.string(), at(in, b)));
TMSC_ACTION(method_clause, b.method(at(in, b)));
TMSC_ACTION(mni_coord, b.mni(in.string(), at(in, b)));
TMSC_ACTION(protocol_target, b.target(at(in, b), false));
TMSC_ACTION(block_target, b.target(at(in, b), true));
TMSC_ACTION(protocol_name, b.protocol_name(at(in, b)));
TMSC_ACTION(cite_item, b.cite(at(in, b)));
TMSC_ACTION(indication_item, b.indication(at(in, b)));
TMSC_ACTION(notes_item, b.notes(at(in, b)));
TMSC_ACTION(coil_item, b.coil(at(in, b)));
TMSC_ACTION(waveform_item, b.waveform(at(in, b)));
TMSC_ACTION(protocol_intensity, b.intensity(at(in, b), false));
TMSC_ACTION(block_intensity, b.intensity(at(in, b), true));
TMSC_ACTION(param_item, b.param(at(in, b)));
TMSC_ACTION(kw_rmt, b.threshold_kind(false));
TMSC_ACTION(kw_amt, b.threshold_kind(true));
TMSC_ACTION(subject_item, b.subject(at(in, b)));

TMSC_ACTION(train_for, b.train_size(ast::Train::Size::Duration));
TMSC_ACTION(train_pulses_word, b.train_size(ast::Train::Size::Pulses));
TMSC_ACTION(train_bursts_word, b.train_size(ast::Train::Size::Bursts));
TMSC_ACTION(train_head, b.train_head(at(in, b)));
TMSC_ACTION(burst_count, b.slot(Slot::BurstPulses, at(in, b)));
TMSC_ACTION(burst_stmt, b.burst(at(in, b)));
TMSC_ACTION(train_stmt, b.train(at(in, b)));
TMSC_ACTION(pulse_stmt, b.pulse(at(in, b)));
TMSC_ACTION(paired_stmt, b.paired(at(in, b)));
TMSC_ACTION(wait_stmt, b.wait(at(in, b)));
TMSC_ACTION(every_clause, b.every(at(in, b)));
TMSC_ACTION(repeat_head, b.repeat_head(at(in, b)));
TMSC_ACTION(repeat_stmt, b.close_body(at(in, b)));
TMSC_ACTION(block_name, b.block_name(at(in, b)));
TMSC_ACTION(block_head, b.block_head(at(in, b)));
TMSC_ACTION(block_stmt, b.close_body(at(in, b)));
TMSC_ACTION(session_head, b.session_head(at(in, b)));
TMSC_ACTION(session_item, b.close_body(at(in, b)));

TMSC_ACTION(course_per_day, b.course_kind(Kind::SessionsPerDay));
TMSC_ACTION(course_between, b.course_kind(Kind::BetweenSessions));
TMSC_ACTION(course_per_week, b.course_kind(Kind::DaysPerWeek));
TMSC_ACTION(course_days, b.course_kind(Kind::Days));
TMSC_ACTION(course_weeks, b.course_kind(Kind::Weeks));
TMSC_ACTION(anchor_end, b.course_anchor(Anchor::EndToStart));
TMSC_ACTION(anchor_start, b.course_anchor(Anchor::StartToStart));
TMSC_ACTION(course_clause, b.course_clause(at(in, b)));
TMSC_ACTION(course_item, b.course(at(in, b)));
TMSC_ACTION(rule_id, b.identifier(in.string(), at(in, b)));
TMSC_ACTION(waiver_reason, b.waiver_reason(at(in, b)));
TMSC_ACTION(waive_item, b.waiver(at(in, b)));
TMSC_ACTION(protocol, b.protocol(at(in, b)));

#undef TMSC_ACTION

} // namespace

ParseResult parse_protocol(const SourceFile& source) {
    ParseResult result;
    AstBuilder builder(source);
    pegtl::memory_input<> in(source.text(), source.path());
    try {
        pegtl::parse<g::file, action, g::control>(in, builder);
        result.protocol = builder.take_protocol();
        result.diagnostics.append(builder.diagnostics());
    } catch (const g::syntax_error& e) {
        result.diagnostics.append(builder.diagnostics());
        const std::size_t offset = e.positions().empty() ? 0 : e.positions().front().byte;
        const SyntaxHints hints{e.expected, e.elsewhere.words, e.elsewhere.note, e.quotes_found};
        Diagnostic d = syntax_diagnostic(source, offset, e.message(), hints);
        result.diagnostics.add(d.severity, d.code, d.message, d.range).notes = d.notes;
    } catch (const ParseStop& stop) {
        result.diagnostics.append(builder.diagnostics());
        result.diagnostics.add(stop.diagnostic.severity, stop.diagnostic.code,
                               stop.diagnostic.message, stop.diagnostic.range);
    }
    return result;
}

} // namespace tmsc
