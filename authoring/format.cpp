#include "authoring/format.hpp"

#include "authoring/format_comments.hpp"
#include "grammar/parser.hpp"

#include <algorithm>
#include <functional>

namespace tmsc {

namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string literal_text(const ast::Literal& l) {
    const std::string unit = ast::unit_spelling(l.unit);
    return unit.empty() ? l.spelling : l.spelling + ' ' + unit;
}

std::string value_text(const ast::Value& v) {
    if (const auto* lit = std::get_if<ast::Literal>(&v.node)) {
        return literal_text(*lit);
    }
    return std::get<ast::ParamRef>(v.node).name.text;
}

std::string range_text(const ast::RangeLit& r) {
    if (r.lo.unit == r.hi.unit) {
        const std::string unit = ast::unit_spelling(r.hi.unit);
        return r.lo.spelling + ".." + r.hi.spelling + (unit.empty() ? "" : ' ' + unit);
    }
    return literal_text(r.lo) + ".." + literal_text(r.hi);
}

std::string interval_text(const ast::Interval& i) {
    std::string out = std::holds_alternative<ast::Value>(i.node)
                          ? value_text(std::get<ast::Value>(i.node))
                          : range_text(std::get<ast::RangeLit>(i.node));
    if (i.seed) {
        out += " seed " + i.seed->spelling;
    }
    return out;
}

/// "1 pulse" / "40 pulses": the noun agrees with a literal one.
std::string counted(const ast::Value& v, const char* singular, const char* plural) {
    const auto* lit = std::get_if<ast::Literal>(&v.node);
    const bool one = lit && lit->number == Rational(1);
    return value_text(v) + ' ' + (one ? singular : plural);
}

std::string intensity_suffix(const std::optional<ast::IntensitySetting>& s) {
    return s ? " intensity " + value_text(s->value) : "";
}

std::string target_text(const ast::Target& t) {
    std::string out = "target " + t.label.text;
    if (t.method) {
        out += " method " + quoted(t.method->value);
    }
    if (t.mni) {
        out += " at mni(" + (*t.mni)[0].spelling + ", " + (*t.mni)[1].spelling + ", " +
               (*t.mni)[2].spelling + ')';
    }
    return out;
}

std::string clause_text(const ast::CourseClause& c) {
    using Kind = ast::CourseClause::Kind;
    switch (c.kind) {
    case Kind::SessionsPerDay: return counted(c.amount, "session", "sessions") + " per day";
    case Kind::DaysPerWeek: return counted(c.amount, "day", "days") + " per week";
    case Kind::Weeks: return counted(c.amount, "week", "weeks");
    case Kind::Days: return counted(c.amount, "day", "days");
    case Kind::BetweenSessions: break;
    }
    const char* anchor = c.anchor == ast::CourseClause::Anchor::EndToStart     ? " end to start"
                         : c.anchor == ast::CourseClause::Anchor::StartToStart ? " start to start"
                                                                               : "";
    return value_text(c.amount) + " between sessions" + anchor;
}

/// Writes lines with indentation, placing the source's comments and blank lines around them.
class Printer {
  public:
    Printer(const SourceFile& source, std::vector<SourceComment> comments)
        : source_(source), comments_(std::move(comments)) {}

    /// Comments and at most one blank line that stand before `offset` in the source.
    void before(std::size_t offset) {
        while (next_ < comments_.size() && comments_[next_].begin < offset) {
            blank_if_any(comments_[next_].begin);
            lines_.push_back({indent() + comments_[next_].text, {}});
            last_end_ = comments_[next_].end;
            at_open_ = false;
            ++next_;
        }
        blank_if_any(offset);
    }

    /// One line of output for source [first, last]; trailing comments of those lines follow.
    void line(const std::string& text, std::size_t first, std::size_t last) {
        before(first);
        OutputLine out{indent() + text, {}};
        const std::size_t stop = line_end(last);
        while (next_ < comments_.size() && comments_[next_].begin < stop) {
            out.comment += (out.comment.empty() ? "" : " ") + comments_[next_].text;
            ++next_;
        }
        lines_.push_back(std::move(out));
        last_end_ = std::max(stop, last);
        at_open_ = false;
    }

    /// A line ending in '{' and the indentation of the body that follows.
    void open(const std::string& head, std::size_t first) {
        line(head + " {", first, first);
        ++depth_;
        at_open_ = true;
    }

    /// The '}' at `brace` (its byte offset), after the comments that precede it.
    void close(std::size_t brace) {
        before_close(brace);
        --depth_;
        line("}", brace, brace);
    }

    /// The text, with the trailing comments of consecutive lines aligned in one column.
    std::string finish() {
        before(source_.text().size());
        std::string out;
        for (std::size_t i = 0; i < lines_.size();) {
            std::size_t run_end = i;
            std::size_t width = 0;
            while (run_end < lines_.size() && !lines_[run_end].comment.empty()) {
                width = std::max(width, lines_[run_end].code.size());
                ++run_end;
            }
            if (run_end == i) {
                out += lines_[i++].code + '\n';
                continue;
            }
            for (; i < run_end; ++i) {
                std::string code = lines_[i].code;
                code.resize(width + 2, ' ');
                out += code + lines_[i].comment + '\n';
            }
        }
        return out;
    }

  private:
    std::string indent() const { return std::string(static_cast<std::size_t>(depth_) * 2, ' '); }

    std::size_t line_end(std::size_t offset) const {
        const std::size_t nl = source_.text().find('\n', offset);
        return nl == std::string::npos ? source_.text().size() : nl;
    }

    /// One blank line when the source has an empty line between the last output and `offset`,
    /// except right after an opening brace or at the top of the file.
    void blank_if_any(std::size_t offset) {
        if (at_open_ || lines_.empty() || offset <= last_end_) {
            return;
        }
        std::size_t newlines = 0;
        for (std::size_t i = last_end_; i < offset && i < source_.text().size(); ++i) {
            const char c = source_.text()[i];
            if (c == '\n') {
                ++newlines;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                newlines = 0;
            }
        }
        if (newlines >= 2) {
            lines_.push_back({});
        }
    }

    /// Comments inside a body just before its '}' stay inside, at the body's indentation.
    void before_close(std::size_t brace) {
        const bool was_open = at_open_;
        while (next_ < comments_.size() && comments_[next_].begin < brace) {
            blank_if_any(comments_[next_].begin);
            lines_.push_back({indent() + comments_[next_].text, {}});
            last_end_ = comments_[next_].end;
            at_open_ = false;
            ++next_;
        }
        at_open_ = was_open && at_open_;
        last_end_ = std::max(last_end_, brace); // no blank line before a closing brace
    }

    const SourceFile& source_;
    std::vector<SourceComment> comments_;
    std::size_t next_ = 0;
    std::size_t last_end_ = 0;
    int depth_ = 0;
    bool at_open_ = false;
    /// A line of output: code, and the trailing comment to align after it.
    struct OutputLine {
        std::string code;
        std::string comment;
    };
    std::vector<OutputLine> lines_;
};

/// An item of a body or of the protocol, printed in source order.
using Item = std::pair<std::size_t, std::function<void()>>;

void print_in_order(std::vector<Item> items) {
    std::stable_sort(items.begin(), items.end(),
                     [](const Item& a, const Item& b) { return a.first < b.first; });
    for (const Item& item : items) {
        item.second();
    }
}

class ProtocolPrinter {
  public:
    explicit ProtocolPrinter(Printer& p) : p_(p) {}

    void protocol(const ast::Protocol& proto) {
        p_.open("protocol " + quoted(proto.name.value), proto.range.begin.offset);
        std::vector<Item> items;
        for (const auto& c : proto.cites) {
            items.push_back(simple(c.range, "cite " + quoted(c.value)));
        }
        if (proto.indication) {
            items.push_back(simple(proto.indication->range, "indication " + quoted(proto.indication->value)));
        }
        for (const auto& n : proto.notes) {
            items.push_back(simple(n.range, "notes " + quoted(n.value)));
        }
        if (proto.target) {
            items.push_back(simple(proto.target->range, target_text(*proto.target)));
        }
        if (proto.coil) {
            items.push_back(simple(proto.coil->range, "coil " + proto.coil->text));
        }
        if (proto.waveform) {
            items.push_back(simple(proto.waveform->range, "waveform " + proto.waveform->text));
        }
        if (proto.intensity) {
            items.push_back(simple(proto.intensity->range, "intensity " + value_text(proto.intensity->value)));
        }
        for (const auto& param : proto.params) {
            items.push_back(simple(param.range, "param " + param.name.text + " = " +
                                                    value_text(param.default_value) + " in " +
                                                    range_text(param.range_lit)));
        }
        for (const auto& s : proto.subjects) {
            const char* which = s.threshold == ast::Subject::Threshold::Rmt ? "rmt" : "amt";
            items.push_back(simple(s.range, std::string("subject ") + which +
                                                (s.range_lit ? " in " + range_text(*s.range_lit)
                                                             : " = " + value_text(*s.value))));
        }
        for (const auto& w : proto.waivers) {
            items.push_back(simple(w.range, "waive " + w.rule.text + ' ' + quoted(w.reason.value)));
        }
        for (const auto& s : proto.sessions) {
            items.push_back({s.range.begin.offset, [this, &s] { session(s); }});
        }
        for (const auto& c : proto.courses) {
            items.push_back({c.range.begin.offset, [this, &c] { course(c); }});
        }
        print_in_order(std::move(items));
        p_.close(proto.range.end.offset - 1);
    }

  private:
    Item simple(const SourceRange& r, std::string text) {
        return {r.begin.offset, [this, r, text = std::move(text)] {
                    p_.line(text, r.begin.offset, r.end.offset - 1);
                }};
    }

    void course(const ast::Course& c) {
        std::string text = "course ";
        for (std::size_t i = 0; i < c.clauses.size(); ++i) {
            text += (i ? ", " : "") + clause_text(c.clauses[i]);
        }
        p_.line(text, c.range.begin.offset, c.range.end.offset - 1);
    }

    void body(const std::optional<ast::Target>& target,
              const std::optional<ast::IntensitySetting>& intensity,
              const std::vector<ast::Statement>& statements) {
        std::vector<Item> items;
        if (target) {
            items.push_back(simple(target->range, target_text(*target)));
        }
        if (intensity) {
            items.push_back(simple(intensity->range, "intensity " + value_text(intensity->value)));
        }
        for (const ast::Statement& s : statements) {
            items.push_back({start_of(s), [this, &s] { statement(s); }});
        }
        print_in_order(std::move(items));
    }

    void session(const ast::Session& s) {
        p_.open("session", s.range.begin.offset);
        body(s.target, s.intensity, s.body);
        p_.close(s.range.end.offset - 1);
    }

    static std::size_t start_of(const ast::Statement& s) {
        return std::visit([](const auto& node) { return node.range.begin.offset; }, s.node);
    }

    void statement(const ast::Statement& s) {
        std::visit([this](const auto& node) { print(node); }, s.node);
    }

    void print(const ast::Train& t) {
        using Size = ast::Train::Size;
        std::string head = "train ";
        head += t.size == Size::Duration ? "for " + value_text(t.amount)
                : t.size == Size::Bursts ? counted(t.amount, "burst", "bursts")
                                         : counted(t.amount, "pulse", "pulses");
        head += " at " + value_text(t.frequency) + intensity_suffix(t.intensity);
        if (!t.burst) {
            p_.line(head, t.range.begin.offset, t.range.end.offset - 1);
            return;
        }
        p_.open(head, t.range.begin.offset);
        const ast::Burst& b = *t.burst;
        p_.line("burst " + counted(b.pulses, "pulse", "pulses") + " at " + value_text(b.frequency) +
                    intensity_suffix(b.intensity),
                b.range.begin.offset, b.range.end.offset - 1);
        p_.close(t.range.end.offset - 1);
    }
    void print(const ast::Pulse& p) {
        p_.line("pulse" + intensity_suffix(p.intensity), p.range.begin.offset, p.range.end.offset - 1);
    }
    void print(const ast::Paired& p) {
        p_.line("paired " + value_text(p.interval) + " (" + value_text(p.first) + ", " +
                    value_text(p.second) + ')',
                p.range.begin.offset, p.range.end.offset - 1);
    }
    void print(const ast::Wait& w) {
        p_.line("wait " + interval_text(w.duration), w.range.begin.offset, w.range.end.offset - 1);
    }
    void print(const ast::Repeat& r) {
        std::string head = "repeat " + value_text(r.count);
        if (r.every) {
            head += " every " + interval_text(*r.every);
        }
        p_.open(head, r.range.begin.offset);
        body(std::nullopt, std::nullopt, r.body);
        p_.close(r.range.end.offset - 1);
    }
    void print(const ast::Block& b) {
        p_.open(b.name ? "block " + quoted(b.name->value) : "block", b.range.begin.offset);
        body(b.target, b.intensity, b.body);
        p_.close(b.range.end.offset - 1);
    }

    Printer& p_;
};

} // namespace

FormatResult format_source(const SourceFile& source) {
    FormatResult result;
    ParseResult parsed = parse_protocol(source);
    result.diagnostics = parsed.diagnostics;
    if (!parsed.protocol || parsed.diagnostics.has_errors()) {
        return result;
    }
    Printer printer(source, scan_comments(source));
    ProtocolPrinter(printer).protocol(*parsed.protocol);
    result.text = printer.finish();
    return result;
}

} // namespace tmsc
