#pragma once
// Syntax error messages, one per rule that can appear after a committing token. The control
// below refuses to compile when a rule used in must<> has no message here. Each message says
// what was expected; the parser appends what it found there ("found 'x'").

#include "grammar/grammar.hpp"

#include <string_view>

namespace tmsc::grammar {

/// The message shown when `Rule` is required but absent; nullptr means "no message yet".
template <typename Rule>
inline constexpr const char* error_message = nullptr;

/// Keywords valid where `Rule` is required, space-separated: an identifier found there that is
/// close to one of them gets a "did you mean" note (`trian` -> 'train').
template <typename Rule>
inline constexpr std::string_view expected_words = "";

/// Whether the message is followed by what was found there; false where the position is not
/// a token (an unterminated comment points at its opening '/*').
template <typename Rule>
inline constexpr bool error_quotes_found = true;

/// Words that are valid elsewhere but not where `Rule` is required, and a note saying where they
/// belong; "{}" in the note stands for the word found.
struct Misplaced {
    std::string_view words;
    const char* note = nullptr;
};
template <typename Rule>
inline constexpr Misplaced misplaced = {};

// Word lists shared by several error points.
inline constexpr std::string_view kStatementWords = "train pulse paired wait repeat block";
inline constexpr std::string_view kBodyWords =
    "train pulse paired wait repeat block target intensity";
inline constexpr std::string_view kProtocolWords =
    "cite indication notes target coil waveform intensity param subject session course waive";
inline constexpr std::string_view kProtocolOnlyWords =
    "cite indication notes coil waveform param subject session course waive";
/// Units, then common misspellings as "alias=unit".
inline constexpr std::string_view kUnitWords =
    "Hz s ms us min h %rMT %aMT %MSO sec=s secs=s second=s seconds=s msec=ms mins=min "
    "minute=min minutes=min hr=h hrs=h hour=h hours=h rmt=%rMT amt=%aMT mso=%MSO";

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
inline constexpr const char* error_message<comment_end> =
    "unterminated comment: this '/*' has no closing '*/'";
template <>
inline constexpr bool error_quotes_found<comment_end> = false;
template <>
inline constexpr const char* error_message<close_quote> =
    "unterminated string: expected a closing '\"' on the same line";
template <>
inline constexpr const char* error_message<string_lit> = "expected a quoted string";
template <>
inline constexpr const char* error_message<open_brace> = "expected '{'";
template <>
inline constexpr const char* error_message<close_brace> = "expected '}'";

// Values.
template <>
inline constexpr const char* error_message<unit> =
    "expected a unit: Hz, s, ms, us, min, h, %rMT, %aMT or %MSO";
template <>
inline constexpr std::string_view expected_words<unit> = kUnitWords;
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
inline constexpr const char* error_message<cite_text> =
    "expected the citation as a quoted string, such as \"O'Reardon JP et al. 2007\"";
template <>
inline constexpr const char* error_message<indication_text> =
    "expected the indication as a quoted string, such as \"major depressive disorder\"";
template <>
inline constexpr const char* error_message<notes_text> = "expected the notes as a quoted string";
template <>
inline constexpr const char* error_message<method_text> =
    "expected the targeting method as a quoted string, such as \"5-cm rule\"";
template <>
inline constexpr const char* error_message<kw_mni> =
    "expected 'mni' after 'at', as in 'at mni(-38, 44, 26)'";
template <>
inline constexpr std::string_view expected_words<kw_mni> = "mni";
template <>
inline constexpr const char* error_message<mni_open> =
    "expected '(' after 'mni', as in 'mni(-38, 44, 26)'";
template <>
inline constexpr const char* error_message<mni_coord> =
    "expected an MNI coordinate in mm, such as '-38'";
template <>
inline constexpr const char* error_message<mni_comma> =
    "expected ',' between MNI coordinates, as in 'mni(-38, 44, 26)'";
template <>
inline constexpr const char* error_message<mni_close> =
    "expected ')' after the third MNI coordinate";
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
inline constexpr const char* error_message<param_equals> =
    "expected '=' and the parameter's default value after its name";
template <>
inline constexpr const char* error_message<kw_in> = "expected 'in' followed by the allowed range";
template <>
inline constexpr std::string_view expected_words<kw_in> = "in";
template <>
inline constexpr const char* error_message<threshold_kind> = "expected 'rmt' or 'amt'";
template <>
inline constexpr std::string_view expected_words<threshold_kind> = "rmt amt";
template <>
inline constexpr const char* error_message<subject_bound> =
    "expected 'in LO..HI %MSO' or '= VALUE %MSO'";
template <>
inline constexpr std::string_view expected_words<subject_bound> = "in";

// Statements.
template <>
inline constexpr const char* error_message<train_size> =
    "expected '<N> pulses', '<N> bursts' or 'for <duration>' after 'train'";
template <>
inline constexpr std::string_view expected_words<train_size> = "for";
template <>
inline constexpr const char* error_message<count_word> =
    "expected 'pulses' or 'bursts' after the train's count";
template <>
inline constexpr std::string_view expected_words<count_word> = "pulses pulse bursts burst";
template <>
inline constexpr const char* error_message<train_rate> =
    "expected 'at' and the train's frequency, such as 'at 10 Hz'";
template <>
inline constexpr std::string_view expected_words<train_rate> = "at";
template <>
inline constexpr const char* error_message<burst_stmt> =
    "expected 'burst <M> pulses at <F> Hz' inside a train of bursts";
template <>
inline constexpr std::string_view expected_words<burst_stmt> = "burst";
template <>
inline constexpr const char* error_message<burst_count> =
    "expected the pulses in each burst, such as '3 pulses'";
template <>
inline constexpr const char* error_message<burst_pulses_word> =
    "expected 'pulses' after the burst's pulse count";
template <>
inline constexpr std::string_view expected_words<burst_pulses_word> = "pulses pulse";
template <>
inline constexpr const char* error_message<burst_rate> =
    "expected 'at' and the frequency of the burst's pulses, such as 'at 50 Hz'";
template <>
inline constexpr std::string_view expected_words<burst_rate> = "at";
template <>
inline constexpr const char* error_message<burst_close> =
    "expected '}' after the burst: a train of bursts has exactly one 'burst' line";
template <>
inline constexpr const char* error_message<paired_open> =
    "expected '(' and the two pulses' intensities, as in 'paired 2 ms (80 %aMT, 120 %rMT)'";
template <>
inline constexpr const char* error_message<paired_comma> =
    "expected ',' between the two pulses' intensities";
template <>
inline constexpr const char* error_message<paired_close> =
    "expected ')' after the second pulse's intensity";
template <>
inline constexpr const char* error_message<repeat_open> =
    "expected 'every <period>' or '{' after the repeat count";
template <>
inline constexpr std::string_view expected_words<repeat_open> = "every";
template <>
inline constexpr const char* error_message<repeat_close> =
    "expected a statement (train, pulse, paired, wait, repeat, block) or '}' closing the repeat";
template <>
inline constexpr std::string_view expected_words<repeat_close> = kStatementWords;
template <>
inline constexpr Misplaced misplaced<repeat_close> = {
    "target intensity",
    "a repeat body holds statements only: set '{}' on the session, a block or the train"};
template <>
inline constexpr const char* error_message<block_open> =
    "expected the block's name as a quoted string, or '{', after 'block'";
template <>
inline constexpr const char* error_message<block_close> =
    "expected a statement (train, pulse, paired, wait, repeat, block), 'target', 'intensity' "
    "or '}' closing the block";
template <>
inline constexpr std::string_view expected_words<block_close> = kBodyWords;
template <>
inline constexpr Misplaced misplaced<block_close> = {
    kProtocolOnlyWords, "'{}' is a protocol item: write it outside the session"};
template <>
inline constexpr const char* error_message<session_open> = "expected '{' after 'session'";
template <>
inline constexpr const char* error_message<session_close> =
    "expected a statement (train, pulse, paired, wait, repeat, block), 'target', 'intensity' "
    "or '}' closing the session";
template <>
inline constexpr std::string_view expected_words<session_close> = kBodyWords;
template <>
inline constexpr Misplaced misplaced<session_close> = misplaced<block_close>;

// Course.
template <>
inline constexpr const char* error_message<kw_sessions> = "expected 'sessions' after 'between'";
template <>
inline constexpr std::string_view expected_words<kw_sessions> = "sessions";
template <>
inline constexpr const char* error_message<kw_to> =
    "expected 'to', as in 'end to start' or 'start to start'";
template <>
inline constexpr std::string_view expected_words<kw_to> = "to";
template <>
inline constexpr const char* error_message<kw_start> =
    "expected 'start', as in 'end to start' or 'start to start'";
template <>
inline constexpr std::string_view expected_words<kw_start> = "start";
template <>
inline constexpr const char* error_message<per_day> = "expected 'per day' after 'sessions'";
template <>
inline constexpr std::string_view expected_words<per_day> = "per day";
template <>
inline constexpr const char* error_message<kw_week> = "expected 'week' after 'days per'";
template <>
inline constexpr std::string_view expected_words<kw_week> = "week";
template <>
inline constexpr const char* error_message<course_kind> =
    "expected what the number counts: 'sessions per day', 'between sessions', "
    "'days per week', 'days' or 'weeks'";
template <>
inline constexpr std::string_view expected_words<course_kind> =
    "sessions session between days day weeks week";
template <>
inline constexpr const char* error_message<course_clause> =
    "expected a course clause such as '5 days per week'";
template <>
inline constexpr const char* error_message<course_comma> =
    "expected ',' before the next course clause, as in '1 session per day, 5 days per week'";

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
inline constexpr const char* error_message<protocol_open> =
    "expected '{' after the protocol's name";
template <>
inline constexpr const char* error_message<protocol_close> =
    "expected a protocol item (cite, indication, notes, target, coil, waveform, intensity, "
    "param, subject, session, course, waive) or '}'";
template <>
inline constexpr std::string_view expected_words<protocol_close> = kProtocolWords;
template <>
inline constexpr Misplaced misplaced<protocol_close> = {
    "train pulse paired wait repeat block burst",
    "'{}' is a statement: write it inside 'session { ... }'"};
template <>
inline constexpr const char* error_message<protocol> = "expected 'protocol \"<name>\" { ... }'";
template <>
inline constexpr std::string_view expected_words<protocol> = "protocol";
template <>
inline constexpr const char* error_message<eof> =
    "expected the end of the file after the protocol's closing '}'";

/// A syntax error: PEGTL's parse_error plus the hints of the rule that failed.
struct syntax_error : parse_error {
    template <typename Input>
    syntax_error(const char* message, const Input& in, std::string_view expected_keywords,
                 Misplaced misplaced_keywords, bool quote_found)
        : parse_error(message, in), expected(expected_keywords), elsewhere(misplaced_keywords),
          quotes_found(quote_found) {}

    std::string_view expected; ///< see expected_words
    Misplaced elsewhere;       ///< see misplaced
    bool quotes_found;         ///< see error_quotes_found
};

/// PEGTL control that turns a failed must<> into a syntax_error carrying our message.
template <typename Rule>
struct control : normal<Rule> {
    template <typename Input, typename... States>
    [[noreturn]] static void raise(const Input& in, States&&... /*unused*/) {
        static_assert(error_message<Rule> != nullptr, "a rule used in must<> has no message");
        throw syntax_error(error_message<Rule>, in, expected_words<Rule>, misplaced<Rule>,
                           error_quotes_found<Rule>);
    }
};

} // namespace tmsc::grammar
