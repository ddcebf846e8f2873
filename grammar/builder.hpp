#pragma once
// The AST builder the grammar's actions fill. PEGTL actions fire bottom-up as rules succeed, so
// the builder keeps "registers" for the most recent child values and a stack for the bodies
// that are still open (session, block, repeat). Registers are taken (moved out and cleared)
// by the construct that owns them, so nothing stale leaks into a later construct.

#include "grammar/ast.hpp"
#include "support/diagnostic.hpp"
#include "support/source.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tmsc {

/// Thrown by the builder for a problem that must stop the parse (e.g. nesting too deep).
struct ParseStop {
    Diagnostic diagnostic;
};

/// Owns the AST while it is being built; see the file comment for the register discipline.
class AstBuilder {
  public:
    explicit AstBuilder(const SourceFile& source) : source_(source) {}

    /// The range [begin, begin + size) as file positions.
    SourceRange range(std::size_t begin, std::size_t size) const;

    // ---- leaves ----
    void number(const std::string& text, SourceRange at);
    void unit(const std::string& text);
    void literal(SourceRange at);
    void param_ref(const std::string& text, SourceRange at);
    void range_end(bool high, SourceRange at);
    void range_lit(SourceRange at);
    void seed(const std::string& text, SourceRange at);
    void interval(SourceRange at);
    void string_body(const std::string& raw);
    void string_lit(SourceRange at) { string_.range = at; }
    void identifier(const std::string& text, SourceRange at) { name_ = ast::Name{text, at}; }

    // ---- slots: copy the most recent value into the slot that asked for it ----
    enum class Slot { Rate, Duration, Count, Intensity, Default, Threshold, PairedGap, PairedA,
                      PairedB, BurstPulses };
    void slot(Slot which, SourceRange at);
    void intensity_clause(SourceRange at);

    // ---- metadata ----
    void method(SourceRange at);
    void mni(const std::string& text, SourceRange at);
    void target(SourceRange at, bool in_body);
    void protocol_name(SourceRange at);
    void cite(SourceRange at);
    void indication(SourceRange at);
    void notes(SourceRange at);
    void coil(SourceRange at);
    void waveform(SourceRange at);
    void intensity(SourceRange at, bool in_body);
    void param(SourceRange at);
    void threshold_kind(bool active) { threshold_ = active ? ast::Subject::Threshold::Amt
                                                           : ast::Subject::Threshold::Rmt; }
    void subject(SourceRange at);

    // ---- statements ----
    void train_size(ast::Train::Size size);
    void train_head(SourceRange at);
    void burst(SourceRange at);
    void train(SourceRange at);
    void pulse(SourceRange at);
    void paired(SourceRange at);
    void wait(SourceRange at);
    void every(SourceRange at);
    void repeat_head(SourceRange at);
    void block_name(SourceRange at);
    void block_head(SourceRange at);
    void session_head(SourceRange at);
    void close_body(SourceRange at);

    // ---- course ----
    void course_kind(ast::CourseClause::Kind kind) { course_kind_ = kind; }
    void course_anchor(ast::CourseClause::Anchor anchor) { anchor_ = anchor; }
    void course_clause(SourceRange at);
    void course(SourceRange at);

    void waiver_reason(SourceRange at) { reason_ = ast::StringLit{string_.value, at}; }
    void waiver(SourceRange at) { protocol_.waivers.push_back(ast::Waiver{name_, reason_, at}); }

    void protocol(SourceRange at) { protocol_.range = at; }

    ast::Protocol take_protocol() { return std::move(protocol_); }
    DiagnosticList& diagnostics() { return diagnostics_; }

  private:
    using OpenBody = std::variant<ast::Session, ast::Block, ast::Repeat>;

    /// Reports a setting given twice in the same scope.
    void duplicate(std::string_view what, SourceRange again, SourceRange first);
    /// The statement list of the innermost open body.
    std::vector<ast::Statement>& current_body();
    void push_body(OpenBody body, SourceRange at);
    void add_statement(ast::Statement statement);

    const SourceFile& source_;
    ast::Protocol protocol_;
    DiagnosticList diagnostics_;

    // registers
    ast::Literal literal_;
    ast::Value value_;
    ast::Literal range_lo_;
    ast::Literal range_hi_;
    std::optional<ast::RangeLit> range_;
    std::optional<ast::Literal> seed_;
    std::optional<ast::Interval> interval_;
    std::optional<ast::Interval> every_;
    ast::StringLit string_;
    ast::StringLit reason_;
    ast::Name name_;
    std::optional<ast::StringLit> method_;
    std::vector<ast::Literal> mni_;
    std::optional<ast::IntensitySetting> intensity_;
    std::optional<ast::StringLit> block_name_;
    ast::Subject::Threshold threshold_ = ast::Subject::Threshold::Rmt;
    std::optional<ast::Value> rate_, duration_, count_, intensity_value_, default_, threshold_value_,
        paired_gap_, paired_a_, paired_b_, burst_pulses_;
    ast::Train::Size train_size_ = ast::Train::Size::Pulses;
    std::optional<ast::Value> train_amount_;
    std::optional<ast::Train> train_;
    std::optional<ast::Burst> burst_;
    ast::CourseClause::Kind course_kind_ = ast::CourseClause::Kind::Days;
    ast::CourseClause::Anchor anchor_ = ast::CourseClause::Anchor::Unspecified;
    std::vector<ast::CourseClause> clauses_;

    // open bodies, innermost last, each with its statement list
    std::vector<OpenBody> open_;
    std::vector<std::vector<ast::Statement>> bodies_;
};

} // namespace tmsc
