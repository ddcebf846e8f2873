// `--emit=ast`: the parsed protocol as JSON, every node with its source range.

#include "grammar/ast_json.hpp"

#include <nlohmann/json.hpp>

namespace tmsc {

namespace {

using nlohmann::json;

json range_json(const SourceRange& r) {
    return json{{"line", r.begin.line}, {"column", r.begin.column},
                {"end_line", r.end.line}, {"end_column", r.end.column}};
}

json literal_json(const ast::Literal& l) {
    return json{{"literal", l.number.to_string()}, {"unit", ast::unit_spelling(l.unit)},
                {"range", range_json(l.range)}};
}

json value_json(const ast::Value& v) {
    if (const auto* lit = std::get_if<ast::Literal>(&v.node)) {
        return literal_json(*lit);
    }
    return json{{"param", std::get<ast::ParamRef>(v.node).name.text}, {"range", range_json(v.range)}};
}

json range_lit_json(const ast::RangeLit& r) {
    return json{{"lo", literal_json(r.lo)}, {"hi", literal_json(r.hi)}, {"range", range_json(r.range)}};
}

json interval_json(const ast::Interval& i) {
    json out = std::holds_alternative<ast::Value>(i.node)
                   ? json{{"fixed", value_json(std::get<ast::Value>(i.node))}}
                   : json{{"jitter", range_lit_json(std::get<ast::RangeLit>(i.node))}};
    if (i.seed) {
        out["seed"] = i.seed->number.to_string();
    }
    return out;
}

json intensity_json(const std::optional<ast::IntensitySetting>& s) {
    return s ? value_json(s->value) : json(nullptr);
}

json target_json(const std::optional<ast::Target>& t) {
    if (!t) {
        return nullptr;
    }
    json out{{"label", t->label.text}, {"range", range_json(t->range)}};
    if (t->method) {
        out["method"] = t->method->value;
    }
    if (t->mni) {
        out["mni"] = json::array();
        for (const ast::Literal& c : *t->mni) {
            out["mni"].push_back(c.number.to_string());
        }
    }
    return out;
}

json body_json(const std::vector<ast::Statement>& body);

struct StatementJson {
    json operator()(const ast::Train& t) const {
        static const char* sizes[] = {"pulses", "bursts", "duration"};
        json out{{"kind", "train"}, {"size", sizes[static_cast<int>(t.size)]},
                 {"amount", value_json(t.amount)}, {"rate", value_json(t.frequency)},
                 {"intensity", intensity_json(t.intensity)}, {"range", range_json(t.range)}};
        if (t.burst) {
            out["burst"] = json{{"pulses", value_json(t.burst->pulses)},
                                {"frequency", value_json(t.burst->frequency)},
                                {"intensity", intensity_json(t.burst->intensity)},
                                {"range", range_json(t.burst->range)}};
        }
        return out;
    }
    json operator()(const ast::Pulse& p) const {
        return json{{"kind", "pulse"}, {"intensity", intensity_json(p.intensity)},
                    {"range", range_json(p.range)}};
    }
    json operator()(const ast::Paired& p) const {
        return json{{"kind", "paired"}, {"interval", value_json(p.interval)},
                    {"first", value_json(p.first)}, {"second", value_json(p.second)},
                    {"range", range_json(p.range)}};
    }
    json operator()(const ast::Wait& w) const {
        return json{{"kind", "wait"}, {"duration", interval_json(w.duration)},
                    {"range", range_json(w.range)}};
    }
    json operator()(const ast::Repeat& r) const {
        return json{{"kind", "repeat"}, {"count", value_json(r.count)},
                    {"every", r.every ? interval_json(*r.every) : json(nullptr)},
                    {"body", body_json(r.body)}, {"range", range_json(r.range)}};
    }
    json operator()(const ast::Block& b) const {
        return json{{"kind", "block"}, {"name", b.name ? json(b.name->value) : json(nullptr)},
                    {"target", target_json(b.target)}, {"intensity", intensity_json(b.intensity)},
                    {"body", body_json(b.body)}, {"range", range_json(b.range)}};
    }
};

json body_json(const std::vector<ast::Statement>& body) {
    json out = json::array();
    for (const ast::Statement& s : body) {
        out.push_back(std::visit(StatementJson{}, s.node));
    }
    return out;
}

json course_json(const ast::Course& c) {
    static const char* kinds[] = {"sessions_per_day", "between_sessions", "days_per_week", "weeks",
                                  "days"};
    static const char* anchors[] = {"unspecified", "end_to_start", "start_to_start"};
    json clauses = json::array();
    for (const ast::CourseClause& cl : c.clauses) {
        clauses.push_back(json{{"kind", kinds[static_cast<int>(cl.kind)]},
                               {"amount", value_json(cl.amount)},
                               {"anchor", anchors[static_cast<int>(cl.anchor)]},
                               {"range", range_json(cl.range)}});
    }
    return json{{"clauses", clauses}, {"range", range_json(c.range)}};
}

} // namespace

std::string emit_ast_json(const ast::Protocol& p) {
    json out{{"name", p.name.value}, {"range", range_json(p.range)}};
    out["cites"] = json::array();
    for (const auto& c : p.cites) {
        out["cites"].push_back(c.value);
    }
    out["indication"] = p.indication ? json(p.indication->value) : json(nullptr);
    out["notes"] = json::array();
    for (const auto& n : p.notes) {
        out["notes"].push_back(n.value);
    }
    out["target"] = target_json(p.target);
    out["coil"] = p.coil ? json(p.coil->text) : json(nullptr);
    out["waveform"] = p.waveform ? json(p.waveform->text) : json(nullptr);
    out["intensity"] = intensity_json(p.intensity);
    out["params"] = json::array();
    for (const ast::Param& param : p.params) {
        out["params"].push_back(json{{"name", param.name.text},
                                     {"default", value_json(param.default_value)},
                                     {"range", range_lit_json(param.range_lit)}});
    }
    out["subjects"] = json::array();
    for (const ast::Subject& s : p.subjects) {
        json subject{{"threshold", s.threshold == ast::Subject::Threshold::Rmt ? "rmt" : "amt"}};
        if (s.range_lit) {
            subject["range"] = range_lit_json(*s.range_lit);
        } else if (s.value) {
            subject["value"] = value_json(*s.value);
        }
        out["subjects"].push_back(subject);
    }
    out["sessions"] = json::array();
    for (const ast::Session& s : p.sessions) {
        out["sessions"].push_back(json{{"target", target_json(s.target)},
                                       {"intensity", intensity_json(s.intensity)},
                                       {"body", body_json(s.body)},
                                       {"range", range_json(s.range)}});
    }
    out["courses"] = json::array();
    for (const ast::Course& c : p.courses) {
        out["courses"].push_back(course_json(c));
    }
    out["waivers"] = json::array();
    for (const ast::Waiver& w : p.waivers) {
        out["waivers"].push_back(json{{"rule", w.rule.text}, {"reason", w.reason.value},
                                      {"range", range_json(w.range)}});
    }
    return out.dump(2) + '\n';
}

} // namespace tmsc
