#include "grammar/builder.hpp"

#include "grammar/parser.hpp"

#include <utility>

namespace tmsc {

namespace {

/// Moves the value out of an optional register and clears it.
template <typename T>
T take(std::optional<T>& slot) {
    T out = std::move(*slot);
    slot.reset();
    return out;
}

ast::Unit unit_from(const std::string& text) {
    using ast::Unit;
    if (text == "Hz") return Unit::Hertz;
    if (text == "s") return Unit::Second;
    if (text == "ms") return Unit::Millisecond;
    if (text == "us") return Unit::Microsecond;
    if (text == "min") return Unit::Minute;
    if (text == "h") return Unit::Hour;
    if (text == "%rMT") return Unit::PercentRmt;
    if (text == "%aMT") return Unit::PercentAmt;
    return Unit::PercentMso;
}

/// Whether a number that does not fit failed for its fine fraction ("1e-30", "0.000...1")
/// rather than its size: a negative exponent or more fraction digits than 64 bits can hold.
bool too_precise(const std::string& digits) {
    if (digits.find("e-") != std::string::npos || digits.find("E-") != std::string::npos) {
        return true;
    }
    const std::size_t point = digits.find('.');
    if (point == std::string::npos) {
        return false;
    }
    const std::size_t fraction_end = digits.find_first_of("eE", point);
    const std::size_t end = fraction_end == std::string::npos ? digits.size() : fraction_end;
    const std::size_t fraction = end - point - 1;
    return fraction > 18;
}

} // namespace

SourceRange AstBuilder::range(std::size_t begin, std::size_t size) const {
    return SourceRange{source_.location(begin), source_.location(begin + size)};
}

void AstBuilder::number(const std::string& text, SourceRange at) {
    literal_ = ast::Literal{};
    literal_.spelling = text;
    literal_.range = at;
    // A leading '+' is accepted and ignored; '-' is kept so the resolver can say "must be
    // positive" rather than the parser saying "unexpected '-'".
    const bool negative = !text.empty() && text[0] == '-';
    const std::string digits = (!text.empty() && (text[0] == '-' || text[0] == '+'))
                                   ? text.substr(1) : text;
    if (auto value = Rational::parse_decimal(digits)) {
        literal_.number = negative ? -*value : *value;
    } else {
        diagnostics_.error("E0002",
                           "number '" + text + "' is too " +
                               (too_precise(digits) ? "precise" : "large") +
                               " to represent exactly; numbers must fit a fraction of 64-bit "
                               "integers",
                           at);
    }
}

void AstBuilder::unit(const std::string& text) { literal_.unit = unit_from(text); }

void AstBuilder::literal(SourceRange at) {
    literal_.range = at;
    value_ = ast::Value{literal_, at};
}

void AstBuilder::param_ref(const std::string& text, SourceRange at) {
    value_ = ast::Value{ast::ParamRef{ast::Name{text, at}}, at};
}

void AstBuilder::range_end(bool high, SourceRange at) {
    literal_.range = at;
    (high ? range_hi_ : range_lo_) = literal_;
}

void AstBuilder::range_lit(SourceRange at) {
    // `4..6 s`: a unit written on one end only applies to both.
    if (range_lo_.unit == ast::Unit::None) {
        range_lo_.unit = range_hi_.unit;
    } else if (range_hi_.unit == ast::Unit::None) {
        range_hi_.unit = range_lo_.unit;
    }
    range_ = ast::RangeLit{range_lo_, range_hi_, at};
}

void AstBuilder::seed(const std::string& text, SourceRange at) {
    number(text, at);
    seed_ = literal_;
}

void AstBuilder::interval(SourceRange at) {
    ast::Interval out;
    if (range_) {
        out.node = take(range_);
    } else {
        out.node = value_;
    }
    if (seed_) {
        out.seed = take(seed_);
    }
    out.range = at;
    interval_ = std::move(out);
}

void AstBuilder::string_body(const std::string& raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) {
            const char c = raw[++i];
            out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
            out += raw[i];
        }
    }
    string_.value = std::move(out);
}

void AstBuilder::slot(Slot which, SourceRange at) {
    ast::Value v = value_;
    v.range = at;
    switch (which) {
    case Slot::Rate: rate_ = v; break;
    case Slot::Duration: duration_ = v; break;
    case Slot::Count: count_ = v; break;
    case Slot::Intensity: intensity_value_ = v; break;
    case Slot::Default: default_ = v; break;
    case Slot::Threshold: threshold_value_ = v; break;
    case Slot::PairedGap: paired_gap_ = v; break;
    case Slot::PairedA: paired_a_ = v; break;
    case Slot::PairedB: paired_b_ = v; break;
    case Slot::BurstPulses: burst_pulses_ = v; break;
    }
}

void AstBuilder::intensity_clause(SourceRange at) {
    intensity_ = ast::IntensitySetting{take(intensity_value_), at};
}

void AstBuilder::method(SourceRange at) {
    method_ = string_;
    (void)at;
}

void AstBuilder::mni(const std::string& text, SourceRange at) {
    number(text, at);
    mni_.push_back(literal_);
}

void AstBuilder::duplicate(std::string_view what, SourceRange again, SourceRange first) {
    diagnostics_.error("E0103", std::string(what) + " is set more than once", again)
        .notes.push_back({"first set here", first});
}

void AstBuilder::target(SourceRange at, bool in_body) {
    ast::Target t{name_, std::move(method_), std::nullopt, at};
    method_.reset();
    if (!mni_.empty()) {
        t.mni = std::move(mni_);
        mni_.clear();
    }
    std::optional<ast::Target>* owner = &protocol_.target;
    if (in_body) {
        std::visit([&](auto& body) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(body)>, ast::Repeat>) {
                owner = &body.target;
            }
        }, open_.back());
    }
    if (*owner) {
        duplicate("the target", at, (*owner)->range);
        return;
    }
    *owner = std::move(t);
}

void AstBuilder::protocol_name(SourceRange at) { protocol_.name = ast::StringLit{string_.value, at}; }
void AstBuilder::cite(SourceRange) { protocol_.cites.push_back(string_); }
void AstBuilder::notes(SourceRange) { protocol_.notes.push_back(string_); }

void AstBuilder::indication(SourceRange at) {
    if (protocol_.indication) {
        duplicate("the indication", at, protocol_.indication->range);
        return;
    }
    protocol_.indication = string_;
}

void AstBuilder::coil(SourceRange at) {
    if (protocol_.coil) {
        duplicate("the coil", at, protocol_.coil->range);
        return;
    }
    protocol_.coil = name_;
}

void AstBuilder::waveform(SourceRange at) {
    if (protocol_.waveform) {
        duplicate("the waveform", at, protocol_.waveform->range);
        return;
    }
    protocol_.waveform = name_;
}

void AstBuilder::intensity(SourceRange at, bool in_body) {
    ast::IntensitySetting setting{take(intensity_value_), at};
    std::optional<ast::IntensitySetting>* owner = &protocol_.intensity;
    if (in_body) {
        std::visit([&](auto& body) {
            if constexpr (!std::is_same_v<std::decay_t<decltype(body)>, ast::Repeat>) {
                owner = &body.intensity;
            }
        }, open_.back());
    }
    if (*owner) {
        duplicate("the intensity", at, (*owner)->range);
        return;
    }
    *owner = std::move(setting);
}

void AstBuilder::param(SourceRange at) {
    protocol_.params.push_back(ast::Param{name_, take(default_), take(range_), at});
}

void AstBuilder::subject(SourceRange at) {
    ast::Subject s;
    s.threshold = threshold_;
    if (range_) {
        s.range_lit = take(range_);
    } else if (threshold_value_) {
        s.value = take(threshold_value_);
    }
    s.range = at;
    protocol_.subjects.push_back(std::move(s));
}

void AstBuilder::train_size(ast::Train::Size size) {
    train_size_ = size;
    train_amount_ = value_;
}

void AstBuilder::train_head(SourceRange at) {
    ast::Train t;
    t.size = train_size_;
    t.amount = take(train_amount_);
    t.frequency = take(rate_);
    t.intensity = std::move(intensity_);
    intensity_.reset();
    t.range = at;
    train_ = std::move(t);
}

void AstBuilder::burst(SourceRange at) {
    ast::Burst b;
    b.pulses = take(burst_pulses_);
    b.frequency = take(rate_);
    b.intensity = std::move(intensity_);
    intensity_.reset();
    b.range = at;
    burst_ = std::move(b);
}

void AstBuilder::train(SourceRange at) {
    ast::Train t = take(train_);
    if (burst_) {
        t.burst = take(burst_);
    }
    t.range = at;
    add_statement(ast::Statement{std::move(t)});
}

void AstBuilder::pulse(SourceRange at) {
    ast::Pulse p{std::move(intensity_), at};
    intensity_.reset();
    add_statement(ast::Statement{std::move(p)});
}

void AstBuilder::paired(SourceRange at) {
    add_statement(ast::Statement{
        ast::Paired{take(paired_gap_), take(paired_a_), take(paired_b_), at}});
}

void AstBuilder::wait(SourceRange at) {
    add_statement(ast::Statement{ast::Wait{take(interval_), at}});
}

void AstBuilder::every(SourceRange) { every_ = take(interval_); }

void AstBuilder::push_body(OpenBody body, SourceRange at) {
    if (open_.size() >= kMaxNestingDepth) {
        Diagnostic d{Severity::Error, "E0003",
                     "this body is nested " + std::to_string(kMaxNestingDepth + 1) +
                         " levels deep; at most " + std::to_string(kMaxNestingDepth) +
                         " levels of session, block and repeat bodies are allowed",
                     at, {}};
        throw ParseStop{std::move(d)};
    }
    open_.push_back(std::move(body));
    bodies_.emplace_back();
}

void AstBuilder::repeat_head(SourceRange at) {
    ast::Repeat r;
    r.count = take(count_);
    r.every = std::move(every_);
    every_.reset();
    r.range = at;
    push_body(std::move(r), at);
}

void AstBuilder::block_name(SourceRange at) { block_name_ = ast::StringLit{string_.value, at}; }

void AstBuilder::block_head(SourceRange at) {
    ast::Block b;
    b.name = std::move(block_name_);
    block_name_.reset();
    b.range = at;
    push_body(std::move(b), at);
}

void AstBuilder::session_head(SourceRange at) {
    ast::Session s;
    s.range = at;
    push_body(std::move(s), at);
}

std::vector<ast::Statement>& AstBuilder::current_body() { return bodies_.back(); }

void AstBuilder::add_statement(ast::Statement statement) {
    current_body().push_back(std::move(statement));
}

void AstBuilder::close_body(SourceRange at) {
    OpenBody body = std::move(open_.back());
    std::vector<ast::Statement> statements = std::move(bodies_.back());
    open_.pop_back();
    bodies_.pop_back();
    std::visit([&](auto& b) {
        b.body = std::move(statements);
        b.range = at;
    }, body);
    if (auto* session = std::get_if<ast::Session>(&body)) {
        protocol_.sessions.push_back(std::move(*session));
    } else if (auto* block = std::get_if<ast::Block>(&body)) {
        add_statement(ast::Statement{std::move(*block)});
    } else {
        add_statement(ast::Statement{std::move(std::get<ast::Repeat>(body))});
    }
}

void AstBuilder::course_clause(SourceRange at) {
    clauses_.push_back(ast::CourseClause{course_kind_, value_, anchor_, at});
    anchor_ = ast::CourseClause::Anchor::Unspecified;
}

void AstBuilder::course(SourceRange at) {
    protocol_.courses.push_back(ast::Course{std::move(clauses_), at});
    clauses_.clear();
}

} // namespace tmsc
