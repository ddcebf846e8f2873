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
struct comment_end : string<'*', '/'> {};                             // */
struct block_comment : sor<seq<string<'/', '*'>, until<comment_end>>,
                           seq<at<string<'/', '*'>>, raise<comment_end>>> {}; // /* ... */
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
/// Misspellings of units, so `10 hz` or `2 sec` is reported as a bad unit, not a bad statement.
struct unit_misspelt : seq<sor<TAO_PEGTL_ISTRING("hz"), TAO_PEGTL_ISTRING("khz"),
                               TAO_PEGTL_ISTRING("seconds"), TAO_PEGTL_ISTRING("second"),
                               TAO_PEGTL_ISTRING("secs"), TAO_PEGTL_ISTRING("sec"),
                               TAO_PEGTL_ISTRING("msec"), TAO_PEGTL_ISTRING("ms"),
                               TAO_PEGTL_ISTRING("us"), TAO_PEGTL_ISTRING("minutes"),
                               TAO_PEGTL_ISTRING("minute"), TAO_PEGTL_ISTRING("mins"),
                               TAO_PEGTL_ISTRING("min"), TAO_PEGTL_ISTRING("hours"),
                               TAO_PEGTL_ISTRING("hour"), TAO_PEGTL_ISTRING("hrs"),
                               TAO_PEGTL_ISTRING("hr"), TAO_PEGTL_ISTRING("h"),
                               TAO_PEGTL_ISTRING("s"), TAO_PEGTL_ISTRING("rmt"),
                               TAO_PEGTL_ISTRING("amt"), TAO_PEGTL_ISTRING("mso")>,
                           not_at<ident_other>> {};
struct unit_like : sor<one<'%'>, unit_misspelt> {};                   // what a unit looks like
struct unit_guard : seq<star<blank>, at<unit_like>, must<unit>> {};   // 10 hz: an unknown unit
struct literal : seq<number, sor<seq<skip, unit>, opt<unit_guard>>> {}; // 10 Hz, 75, -38
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
struct target_label : seq<not_at<keyword>, identifier> {};           // left_dlpfc
struct coil_name : seq<not_at<keyword>, identifier> {};              // figure8
struct waveform_name : seq<not_at<keyword>, identifier> {};          // biphasic
struct cite_text : seq<string_lit> {};                                // the citation
struct indication_text : seq<string_lit> {};                          // the indication
struct notes_text : seq<string_lit> {};                               // the notes
struct method_text : seq<string_lit> {};                              // the targeting method
struct cite_item : if_must<kw_cite, skip, cite_text> {};              // cite "..."
struct indication_item : if_must<kw_indication, skip, indication_text> {}; // indication "..."
struct notes_item : if_must<kw_notes, skip, notes_text> {};           // notes "..."
struct method_clause : if_must<kw_method, skip, method_text> {};      // method "5-cm rule"
struct mni_coord : number {};                                         // one coordinate in mm
struct mni_open : one<'('> {};                                        // ( after mni
struct mni_comma : one<','> {};                                       // , between coordinates
struct mni_close : one<')'> {};                                       // ) after the third
struct mni_clause : if_must<kw_at, skip, kw_mni, skip, mni_open, skip, mni_coord, skip, mni_comma,
                            skip, mni_coord, skip, mni_comma, skip, mni_coord, skip,
                            mni_close> {};                           // at mni(-38, 44, 26)
struct target_spec : if_must<kw_target, skip, target_label, opt<skip, method_clause>,
                             opt<skip, mni_clause>> {};              // target left_dlpfc ...
struct coil_item : if_must<kw_coil, skip, coil_name> {};              // coil figure8
struct waveform_item : if_must<kw_waveform, skip, waveform_name> {};  // waveform biphasic
struct intensity_item : if_must<kw_intensity, skip, intensity_value> {}; // intensity 120 %rMT
struct param_name : seq<not_at<keyword>, identifier> {};              // name being declared
struct param_default : value {};                                      // default of a param
struct param_equals : one<'='> {};                                    // = after the name
struct param_item : if_must<kw_param, skip, param_name, skip, param_equals, skip, param_default,
                            skip, kw_in, skip, range_lit> {};        // param x = 1 in 0..2
struct threshold_kind : sor<kw_rmt, kw_amt> {};                       // rmt | amt
struct subject_range : if_must<kw_in, skip, range_lit> {};            // in 30..75 %MSO
struct threshold_value : value {};                                    // a threshold in %MSO
struct subject_value : if_must<one<'='>, skip, threshold_value> {};   // = 55 %MSO
struct subject_bound : sor<subject_range, subject_value> {};          // in LO..HI | = VALUE
struct subject_item : if_must<kw_subject, skip, threshold_kind, skip, subject_bound> {}; // subject

// ---- session statements ---------------------------------------------------------------------
struct statement;
struct open_brace : one<'{'> {};                                      // {
struct close_brace : one<'}'> {};                                     // }
struct train_pulses_word : sor<kw_pulses, kw_pulse> {};               // pulses
struct train_bursts_word : sor<kw_bursts, kw_burst> {};               // bursts
struct count_word : sor<train_pulses_word, train_bursts_word> {};     // what a train counts
struct train_count : seq<value, skip, must<count_word>> {};           // 40 pulses | 10 bursts
struct train_for : if_must<kw_for, skip, duration_value> {};          // for 2 s
struct train_size : sor<train_for, train_count> {};                   // how long the train is
struct train_rate : if_must<kw_at, skip, rate_value> {};              // at 10 Hz
struct burst_pulses_word : sor<kw_pulses, kw_pulse> {};               // pulses (of a burst)
struct burst_count : seq<value, skip, must<burst_pulses_word>> {};    // 3 pulses
struct burst_rate : if_must<kw_at, skip, rate_value> {};              // at 50 Hz (in a burst)
struct burst_stmt : if_must<kw_burst, skip, burst_count, skip, burst_rate,
                            opt<skip, intensity_clause>> {};         // burst 3 pulses at 50 Hz
struct burst_close : one<'}'> {};                                     // } after the one burst
struct burst_body : if_must<open_brace, skip, burst_stmt, skip, opt<one<';'>, skip>,
                            burst_close> {};                        // { burst ... }
struct train_head : if_must<kw_train, skip, train_size, skip, train_rate,
                            opt<skip, intensity_clause>> {};         // train 40 pulses at 10 Hz
struct train_stmt : seq<train_head, opt<skip, burst_body>> {};        // a train, maybe of bursts
struct pulse_stmt : seq<kw_pulse, opt<skip, intensity_clause>> {};    // pulse
struct paired_first : value {};                                       // first pulse's intensity
struct paired_second : value {};                                      // second pulse's intensity
struct paired_interval : value {};                                    // time between the pair
struct paired_open : one<'('> {};                                     // ( before the intensities
struct paired_comma : one<','> {};                                    // , between them
struct paired_close : one<')'> {};                                    // ) after them
struct paired_stmt : if_must<kw_paired, skip, paired_interval, skip, paired_open, skip,
                             paired_first, skip, paired_comma, skip, paired_second, skip,
                             paired_close> {};                       // paired 2 ms (a, b)
struct wait_stmt : if_must<kw_wait, skip, interval> {};               // wait 26 s
struct statement_list : star<skip, statement, opt<skip, one<';'>>> {}; // statements
struct every_clause : if_must<kw_every, skip, interval> {};           // every 10 s
struct repeat_open : one<'{'> {};                                     // { after the repeat head
struct repeat_head : if_must<kw_repeat, skip, count_value, opt<skip, every_clause>, skip,
                             repeat_open> {};                        // repeat 75 every 30 s {
struct repeat_close : one<'}'> {};                                    // } closing a repeat
struct repeat_stmt : seq<repeat_head, statement_list, skip, must<repeat_close>> {}; // repeat {...}
struct block_target : target_spec {};                                 // target inside a body
struct block_intensity : intensity_item {};                           // intensity inside a body
struct block_setting : sor<block_target, block_intensity> {};         // target or intensity
struct block_name : string_lit {};                                    // "right DLPFC"
struct block_open : one<'{'> {};                                      // { after 'block'
struct block_head : if_must<kw_block, skip, opt<block_name, skip>, block_open> {}; // block "x" {
struct block_item : sor<block_setting, statement> {};                 // setting or statement
struct block_items : star<skip, block_item, opt<skip, one<';'>>> {};  // settings and statements
struct block_close : one<'}'> {};                                     // } closing a block
struct block_stmt : seq<block_head, block_items, skip, must<block_close>> {}; // block { ... }
struct statement : sor<train_stmt, paired_stmt, pulse_stmt, wait_stmt, repeat_stmt,
                       block_stmt> {};                               // one session statement
struct session_open : one<'{'> {};                                    // { after 'session'
struct session_head : if_must<kw_session, skip, session_open> {};     // session {
struct session_close : one<'}'> {};                                   // } closing the session
struct session_item : seq<session_head, block_items, skip, must<session_close>> {}; // session {...}

// ---- course ---------------------------------------------------------------------------------
struct anchor_end : if_must<kw_end, skip, kw_to, skip, kw_start> {};  // end to start
struct anchor_start : if_must<kw_start, skip, kw_to, skip, kw_start> {}; // start to start
struct course_between : if_must<kw_between, skip, kw_sessions,
                                opt<skip, sor<anchor_end, anchor_start>>> {}; // between sessions
struct per_day : seq<kw_per, skip, kw_day> {};                        // per day
struct course_per_day : if_must<sor<kw_sessions, kw_session>, skip, per_day> {}; // N per day
struct course_per_week : seq<sor<kw_days, kw_day>, skip, kw_per, skip, must<kw_week>> {}; // /wk
struct course_days : sor<kw_days, kw_day> {};                         // N days
struct course_weeks : sor<kw_weeks, kw_week> {};                      // N weeks
struct course_kind : sor<course_per_day, course_between, course_per_week, course_days,
                         course_weeks> {};                           // what the number counts
struct course_clause : seq<value, skip, must<course_kind>> {};        // 5 days per week
struct course_more : seq<skip, one<','>, skip, must<course_clause>> {}; // , next clause
struct course_comma : one<','> {};                                    // , between clauses
struct course_next : seq<skip, at<digit>, must<course_comma>> {};     // a clause without its ,
struct course_item : if_must<kw_course, skip, course_clause, star<course_more>,
                             opt<course_next>> {};                   // course ...

// ---- waivers ----------------------------------------------------------------------------
struct rule_id : seq<ident_first, star<sor<ident_other, one<'.', '-', '/'>>>> {}; // rossi2009.x
struct waiver_reason : string_lit {};                                 // "IRB 2024-113 ..."
struct waive_item : if_must<kw_waive, skip, rule_id, skip, waiver_reason> {}; // waive RULE "why"

// ---- protocol -------------------------------------------------------------------------------
struct protocol_target : target_spec {};                              // protocol-level target
struct protocol_intensity : intensity_item {};                        // protocol-level intensity
struct protocol_item : sor<cite_item, indication_item, notes_item, protocol_target, coil_item,
                           waveform_item, protocol_intensity, param_item, subject_item,
                           session_item, course_item, waive_item> {};  // one protocol item
struct protocol_name : string_lit {};                                 // "FDA 10 Hz"
struct protocol_body : seq<star<skip, protocol_item, opt<skip, one<';'>>>, skip> {}; // items
struct protocol_close : one<'}'> {};                                  // } closing the protocol
struct protocol_open : one<'{'> {};                                   // { after the name
struct protocol : if_must<kw_protocol, skip, protocol_name, skip, protocol_open, protocol_body,
                          protocol_close> {};                        // protocol "x" { ... }
struct byte_order_mark : string<'\xEF', '\xBB', '\xBF'> {};             // some editors write one
struct file : must<opt<byte_order_mark>, skip, protocol, skip, eof> {}; // a whole .tms file

} // namespace tmsc::grammar
