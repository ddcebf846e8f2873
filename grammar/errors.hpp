#pragma once
// Syntax error messages, one per rule that can appear after a committing token. The control
// below refuses to compile when a rule used in must<> has no message here.

#include "grammar/grammar.hpp"

namespace tmsc::grammar {

/// The message shown when `Rule` is required but absent; nullptr means "no message yet".
template <typename Rule>
inline constexpr const char* error_message = nullptr;

// Combinators that cannot fail still get a message: must<> instantiates raise for them.
template <typename... R>
inline constexpr const char* error_message<opt<R...>> = "internal error: optional part failed";
template <typename... R>
inline constexpr const char* error_message<star<R...>> = "internal error: repetition failed";
template <>
inline constexpr const char* error_message<skip> = "internal error: blank skipping failed";
template <>
inline constexpr const char* error_message<string_body> = "internal error: string body failed";
template <>
inline constexpr const char* error_message<statement_list> = "internal error: statements failed";
template <>
inline constexpr const char* error_message<protocol_body> = "internal error: protocol items failed";

// Lexical.
template <>
inline constexpr const char* error_message<until<string<'*', '/'>>> =
    "unterminated comment: expected '*/'";
template <>
inline constexpr const char* error_message<close_quote> =
    "unterminated string: expected '\"' before the end of the line";
template <>
inline constexpr const char* error_message<string_lit> = "expected a quoted string";
template <>
inline constexpr const char* error_message<one<'('>> = "expected '('";
template <>
inline constexpr const char* error_message<one<')'>> = "expected ')'";
template <>
inline constexpr const char* error_message<one<','>> = "expected ','";
template <>
inline constexpr const char* error_message<one<'='>> = "expected '='";
template <>
inline constexpr const char* error_message<open_brace> = "expected '{'";
template <>
inline constexpr const char* error_message<close_brace> =
    "expected a statement (train, pulse, paired, wait, repeat, block) or '}'";

// Values.
template <>
inline constexpr const char* error_message<range_hi> =
    "expected the upper end of the range after '..'";
template <>
inline constexpr const char* error_message<range_lit> = "expected a range such as '110..130 %rMT'";
template <>
inline constexpr const char* error_message<seed_value> = "expected an integer seed after 'seed'";
template <>
inline constexpr const char* error_message<rate_value> =
    "expected a frequency such as '10 Hz' or a parameter name";
template <>
inline constexpr const char* error_message<duration_value> =
    "expected a duration such as '2 s' or a parameter name";
template <>
inline constexpr const char* error_message<count_value> =
    "expected a count such as '75' or a parameter name";
template <>
inline constexpr const char* error_message<intensity_value> =
    "expected an intensity such as '120 %rMT', '80 %aMT', '60 %MSO' or a parameter name";
template <>
inline constexpr const char* error_message<param_default> =
    "expected the parameter's default value";
template <>
inline constexpr const char* error_message<threshold_value> =
    "expected a motor threshold in %MSO, such as '55 %MSO'";
template <>
inline constexpr const char* error_message<paired_interval> =
    "expected the interval between the two pulses, such as '2 ms'";
template <>
inline constexpr const char* error_message<paired_first> = "expected the first pulse's intensity";
template <>
inline constexpr const char* error_message<paired_second> =
    "expected the second pulse's intensity";
template <>
inline constexpr const char* error_message<interval> =
    "expected a duration such as '26 s' or a jittered range such as '4..6 s seed 7'";

// Metadata.
template <>
inline constexpr const char* error_message<kw_mni> = "expected 'mni' after 'at'";
template <>
inline constexpr const char* error_message<mni_coord> = "expected an MNI coordinate in mm";
template <>
inline constexpr const char* error_message<target_label> =
    "expected a target label such as 'left_dlpfc'";
template <>
inline constexpr const char* error_message<coil_name> = "expected a coil name such as 'figure8'";
template <>
inline constexpr const char* error_message<waveform_name> =
    "expected a waveform name such as 'biphasic'";
template <>
inline constexpr const char* error_message<param_name> =
    "expected a parameter name (a keyword cannot name a parameter)";
template <>
inline constexpr const char* error_message<kw_in> = "expected 'in' followed by the allowed range";
template <>
inline constexpr const char* error_message<threshold_kind> = "expected 'rmt' or 'amt'";
template <>
inline constexpr const char* error_message<subject_bound> =
    "expected 'in LO..HI %MSO' or '= VALUE %MSO'";

// Statements.
template <>
inline constexpr const char* error_message<train_size> =
    "expected '<N> pulses', '<N> bursts' or 'for <duration>' after 'train'";
template <>
inline constexpr const char* error_message<train_rate> =
    "expected 'at' and the train's frequency, such as 'at 10 Hz'";
template <>
inline constexpr const char* error_message<burst_count> =
    "expected the pulses in each burst, such as '3 pulses'";
template <>
inline constexpr const char* error_message<burst_stmt> =
    "expected 'burst <M> pulses at <F> Hz' inside a train of bursts";

// Course.
template <>
inline constexpr const char* error_message<kw_sessions> = "expected 'sessions' after 'between'";
template <>
inline constexpr const char* error_message<course_kind> =
    "expected what the number counts: 'sessions per day', 'between sessions', "
    "'days per week', 'days' or 'weeks'";
template <>
inline constexpr const char* error_message<course_clause> =
    "expected a course clause such as '5 days per week'";

// Waivers.
template <>
inline constexpr const char* error_message<rule_id> =
    "expected the id of the rule to waive, such as 'rossi2009.train-duration'";
template <>
inline constexpr const char* error_message<waiver_reason> =
    "a waiver needs its reason as a quoted string, such as \"IRB 2024-113 approved\"";

// Protocol.
template <>
inline constexpr const char* error_message<protocol_name> =
    "expected the protocol's name as a quoted string";
template <>
inline constexpr const char* error_message<protocol_close> =
    "expected a protocol item (cite, indication, notes, target, coil, waveform, intensity, "
    "param, subject, session, course, waive) or '}'";
template <>
inline constexpr const char* error_message<protocol> =
    "expected 'protocol \"<name>\" { ... }'";
template <>
inline constexpr const char* error_message<eof> =
    "expected the end of the file after the protocol's closing '}'";

/// PEGTL control that turns a failed must<> into a parse_error carrying our message.
template <typename Rule>
struct control : normal<Rule> {
    template <typename Input, typename... States>
    [[noreturn]] static void raise(const Input& in, States&&... /*unused*/) {
        static_assert(error_message<Rule> != nullptr, "a rule used in must<> has no message");
        throw parse_error(error_message<Rule>, in);
    }
};

} // namespace tmsc::grammar
