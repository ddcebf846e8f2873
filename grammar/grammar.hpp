#pragma once
// The .tms grammar: one named PEGTL rule per line, each with a one-line spec comment.
// `if_must` follows the keyword that commits to a construct, so a syntax error is reported at
// the first token that cannot belong to it; messages live in errors.hpp.

#include <tao/pegtl.hpp>

namespace tmsc::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl; // NOLINT: the grammar reads best with PEGTL's rule names unqualified

// ---- lexical ----------------------------------------------------------------------------
struct line_comment : seq<two<'/'>, until<eolf>> {};                 // // to end of line
struct block_comment : if_must<string<'/', '*'>, until<string<'*', '/'>>> {}; // /* ... */
struct skip : star<sor<space, line_comment, block_comment>> {};       // blanks and comments
struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};              // letter or _
struct ident_other : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};    // letter, digit or _
struct identifier : seq<ident_first, star<ident_other>> {};           // left_dlpfc
struct digits : plus<digit> {};                                       // 0-9 repeated
struct fraction : seq<one<'.'>, digits> {};                           // .55
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, digits> {};  // e3
struct number : seq<opt<one<'-', '+'>>, digits, opt<fraction>, opt<exponent>> {}; // -38, 0.55
struct escape : seq<one<'\\'>, one<'"', '\\', 'n', 't'>> {};          // \" \\ \n \t
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};  // one character of a string
struct string_body : star<string_char> {};                            // string contents
struct close_quote : one<'"'> {};                                     // "
struct string_lit : if_must<one<'"'>, string_body, close_quote> {};   // "text"

/// A keyword: the word, not followed by an identifier character.
template <typename Word>
struct kw : seq<Word, not_at<ident_other>> {};
#define TMSC_KW(name, text) struct name : kw<TAO_PEGTL_STRING(text)> {}

TMSC_KW(kw_protocol, "protocol");   // protocol
TMSC_KW(kw_cite, "cite");           // cite
TMSC_KW(kw_indication, "indication"); // indication
TMSC_KW(kw_notes, "notes");         // notes
TMSC_KW(kw_target, "target");       // target
TMSC_KW(kw_method, "method");       // method
TMSC_KW(kw_at, "at");               // at
TMSC_KW(kw_mni, "mni");             // mni
TMSC_KW(kw_coil, "coil");           // coil
TMSC_KW(kw_waveform, "waveform");   // waveform
TMSC_KW(kw_intensity, "intensity"); // intensity
TMSC_KW(kw_param, "param");         // param
TMSC_KW(kw_in, "in");               // in
TMSC_KW(kw_subject, "subject");     // subject
TMSC_KW(kw_rmt, "rmt");             // rmt
TMSC_KW(kw_amt, "amt");             // amt
TMSC_KW(kw_session, "session");     // session
TMSC_KW(kw_sessions, "sessions");   // sessions
TMSC_KW(kw_block, "block");         // block
TMSC_KW(kw_train, "train");         // train
TMSC_KW(kw_for, "for");             // for
TMSC_KW(kw_pulses, "pulses");       // pulses
TMSC_KW(kw_pulse, "pulse");         // pulse
TMSC_KW(kw_bursts, "bursts");       // bursts
TMSC_KW(kw_burst, "burst");         // burst
TMSC_KW(kw_paired, "paired");       // paired
TMSC_KW(kw_wait, "wait");           // wait
TMSC_KW(kw_repeat, "repeat");       // repeat
TMSC_KW(kw_every, "every");         // every
TMSC_KW(kw_seed, "seed");           // seed
TMSC_KW(kw_course, "course");       // course
TMSC_KW(kw_per, "per");             // per
TMSC_KW(kw_day, "day");             // day
TMSC_KW(kw_days, "days");           // days
TMSC_KW(kw_week, "week");           // week
TMSC_KW(kw_weeks, "weeks");         // weeks
TMSC_KW(kw_between, "between");     // between
TMSC_KW(kw_end, "end");             // end
TMSC_KW(kw_to, "to");               // to
TMSC_KW(kw_start, "start");         // start
TMSC_KW(kw_waive, "waive");         // waive
#undef TMSC_KW

/// Words that cannot name a parameter.
struct keyword : sor<kw_protocol, kw_cite, kw_indication, kw_notes, kw_target, kw_method, kw_at,
                     kw_mni, kw_coil, kw_waveform, kw_intensity, kw_param, kw_in, kw_subject,
                     kw_sessions, kw_session, kw_block, kw_train, kw_for, kw_pulses, kw_pulse,
                     kw_bursts, kw_burst, kw_paired, kw_wait, kw_repeat, kw_every, kw_seed,
                     kw_course, kw_per, kw_days, kw_day, kw_weeks, kw_week, kw_between,
                     kw_end, kw_to, kw_start, kw_waive> {};

/// Separator: blanks/comments around a token.
template <typename... Rules>
struct tok : seq<skip, Rules...> {};

// ---- values -------------------------------------------------------------------------------
struct unit_word : sor<TAO_PEGTL_STRING("Hz"), TAO_PEGTL_STRING("ms"), TAO_PEGTL_STRING("us"),
                       TAO_PEGTL_STRING("min"), TAO_PEGTL_STRING("s"), TAO_PEGTL_STRING("h")> {};
struct unit_percent : seq<one<'%'>, sor<TAO_PEGTL_STRING("rMT"), TAO_PEGTL_STRING("aMT"),
                                       TAO_PEGTL_STRING("MSO")>> {};   // %rMT %aMT %MSO
struct unit : sor<seq<unit_word, not_at<ident_other>>, unit_percent> {}; // Hz s ms us min h %..
struct literal : seq<number, opt<skip, unit>> {};                    // 10 Hz, 75, -38
struct param_ref : seq<not_at<keyword>, identifier> {};               // test
struct value : sor<literal, param_ref> {};                            // literal or param name
struct range_lo : literal {};                                         // LO of LO..HI
struct range_hi : literal {};                                         // HI of LO..HI
struct range_dots : string<'.', '.'> {};                              // ..
struct range_lit : seq<range_lo, skip, range_dots, skip, must<range_hi>> {}; // 4..6 s
struct seed_value : number {};                                        // 7
struct seed : if_must<kw_seed, skip, seed_value> {};                  // seed 7
struct interval : seq<sor<range_lit, value>, opt<skip, seed>> {};     // 26 s | 4..6 s seed 7
struct rate_value : value {};                                         // a frequency slot
struct duration_value : value {};                                     // a duration slot
struct count_value : value {};                                        // a count slot
struct intensity_value : value {};                                    // an intensity slot
struct intensity_clause : if_must<kw_intensity, skip, intensity_value> {}; // intensity 110 %rMT

// ---- metadata -------------------------------------------------------------------------------
struct target_label : identifier {};                                 // left_dlpfc
struct coil_name : identifier {};                                    // figure8
struct waveform_name : identifier {};                                // biphasic
struct cite_item : if_must<kw_cite, skip, string_lit> {};             // cite "..."
struct indication_item : if_must<kw_indication, skip, string_lit> {}; // indication "..."
struct notes_item : if_must<kw_notes, skip, string_lit> {};           // notes "..."
struct method_clause : if_must<kw_method, skip, string_lit> {};       // method "5-cm rule"
struct mni_coord : number {};                                         // one coordinate in mm
struct mni_clause : if_must<kw_at, skip, kw_mni, skip, one<'('>, skip, mni_coord, skip, one<','>,
                            skip, mni_coord, skip, one<','>, skip, mni_coord, skip, one<')'>> {};
struct target_spec : if_must<kw_target, skip, target_label, opt<skip, method_clause>,
                             opt<skip, mni_clause>> {};              // target left_dlpfc ...
struct coil_item : if_must<kw_coil, skip, coil_name> {};              // coil figure8
struct waveform_item : if_must<kw_waveform, skip, waveform_name> {};  // waveform biphasic
struct intensity_item : if_must<kw_intensity, skip, intensity_value> {};        // intensity 120 %rMT
struct param_name : seq<not_at<keyword>, identifier> {};              // name being declared
struct param_default : value {};                                      // default of a param
struct param_item : if_must<kw_param, skip, param_name, skip, one<'='>, skip, param_default,
                            skip, kw_in, skip, range_lit> {};        // param x = 1 in 0..2
struct threshold_kind : sor<kw_rmt, kw_amt> {};                       // rmt | amt
struct subject_range : if_must<kw_in, skip, range_lit> {};            // in 30..75 %MSO
struct threshold_value : value {};                                    // a threshold in %MSO
struct subject_value : if_must<one<'='>, skip, threshold_value> {};             // = 55 %MSO
struct subject_bound : sor<subject_range, subject_value> {};          // in LO..HI | = VALUE
struct subject_item : if_must<kw_subject, skip, threshold_kind, skip, subject_bound> {}; // subject

// ---- session statements ---------------------------------------------------------------------
struct statement;
struct open_brace : one<'{'> {};                                      // {
struct close_brace : one<'}'> {};                                     // }
struct train_count : seq<value, skip, sor<kw_pulses, kw_pulse>> {};   // 40 pulses
struct train_bursts : seq<value, skip, sor<kw_bursts, kw_burst>> {};  // 10 bursts
struct train_for : if_must<kw_for, skip, duration_value> {};                   // for 2 s
struct train_size : sor<train_for, train_count, train_bursts> {};     // how long the train is
struct train_rate : if_must<kw_at, skip, rate_value> {};                   // at 10 Hz
struct burst_count : seq<value, skip, sor<kw_pulses, kw_pulse>> {};   // 3 pulses
struct burst_stmt : if_must<kw_burst, skip, burst_count, skip, train_rate,
                            opt<skip, intensity_clause>> {};         // burst 3 pulses at 50 Hz
struct burst_body : if_must<open_brace, skip, burst_stmt, skip, opt<one<';'>, skip>,
                            close_brace> {};                        // { burst ... }
struct train_head : if_must<kw_train, skip, train_size, skip, train_rate,
                            opt<skip, intensity_clause>> {};         // train 40 pulses at 10 Hz
struct train_stmt : seq<train_head, opt<skip, burst_body>> {};        // a train, maybe of bursts
struct pulse_stmt : seq<kw_pulse, opt<skip, intensity_clause>> {};    // pulse
struct paired_first : value {};                                       // first pulse's intensity
struct paired_second : value {};                                      // second pulse's intensity
struct paired_interval : value {};                                    // time between the pair
struct paired_stmt : if_must<kw_paired, skip, paired_interval, skip, one<'('>, skip, paired_first, skip,
                             one<','>, skip, paired_second, skip, one<')'>> {}; // paired 2 ms (a, b)
struct wait_stmt : if_must<kw_wait, skip, interval> {};               // wait 26 s
struct statement_list : star<skip, statement, opt<skip, one<';'>>> {}; // statements
struct every_clause : if_must<kw_every, skip, interval> {};           // every 10 s
struct repeat_head : if_must<kw_repeat, skip, count_value, opt<skip, every_clause>, skip,
                             open_brace> {};                         // repeat 75 every 30 s {
struct repeat_stmt : seq<repeat_head, statement_list, skip, must<close_brace>> {}; // repeat {...}
struct block_target : target_spec {};                                 // target inside a body
struct block_intensity : intensity_item {};                           // intensity inside a body
struct block_setting : sor<block_target, block_intensity> {};         // target or intensity
struct block_name : string_lit {};                                    // "right DLPFC"
struct block_head : if_must<kw_block, skip, opt<block_name, skip>, open_brace> {}; // block "x" {
struct block_item : sor<block_setting, statement> {};                 // setting or statement
struct block_items : star<skip, block_item, opt<skip, one<';'>>> {};  // settings and statements
struct block_stmt : seq<block_head, block_items, skip, must<close_brace>> {}; // block { ... }
struct statement : sor<train_stmt, paired_stmt, pulse_stmt, wait_stmt, repeat_stmt,
                       block_stmt> {};                               // one session statement
struct session_head : if_must<kw_session, skip, open_brace> {};       // session {
struct session_item : seq<session_head, block_items, skip, must<close_brace>> {}; // session {...}

// ---- course ---------------------------------------------------------------------------------
struct anchor_end : seq<kw_end, skip, kw_to, skip, kw_start> {};      // end to start
struct anchor_start : seq<kw_start, skip, kw_to, skip, kw_start> {};  // start to start
struct course_between : if_must<kw_between, skip, kw_sessions,
                                opt<skip, sor<anchor_end, anchor_start>>> {}; // between sessions
struct course_per_day : seq<sor<kw_sessions, kw_session>, skip, kw_per, skip, kw_day> {}; // /day
struct course_per_week : seq<sor<kw_days, kw_day>, skip, kw_per, skip, kw_week> {}; // days/week
struct course_days : sor<kw_days, kw_day> {};                         // N days
struct course_weeks : sor<kw_weeks, kw_week> {};                      // N weeks
struct course_kind : sor<course_per_day, course_between, course_per_week, course_days,
                         course_weeks> {};                           // what the number counts
struct course_clause : seq<value, skip, must<course_kind>> {};        // 5 days per week
struct course_more : seq<skip, one<','>, skip, must<course_clause>> {}; // , next clause
struct course_item : if_must<kw_course, skip, course_clause, star<course_more>> {}; // course ...

// ---- waivers ----------------------------------------------------------------------------
struct rule_id : seq<ident_first, star<sor<ident_other, one<'.', '-', '/'>>>> {}; // rossi2009.train
struct waiver_reason : string_lit {};                                 // "IRB 2024-113 ..."
struct waive_item : if_must<kw_waive, skip, rule_id, skip, waiver_reason> {}; // waive RULE "why"

// ---- protocol -------------------------------------------------------------------------------
struct protocol_target : target_spec {};                              // protocol-level target
struct protocol_intensity : intensity_item {};                        // protocol-level intensity
struct protocol_item : sor<cite_item, indication_item, notes_item, protocol_target, coil_item,
                           waveform_item, protocol_intensity, param_item, subject_item,
                           session_item, course_item, waive_item> {};            // one protocol item
struct protocol_name : string_lit {};                                 // "FDA 10 Hz"
struct protocol_body : seq<star<skip, protocol_item, opt<skip, one<';'>>>, skip> {}; // items
struct protocol_close : one<'}'> {};                                  // } closing the protocol
struct protocol : if_must<kw_protocol, skip, protocol_name, skip, open_brace, protocol_body,
                          protocol_close> {};                        // protocol "x" { ... }
struct file : must<skip, protocol, skip, eof> {};                     // a whole .tms file

} // namespace tmsc::grammar
