#include "compiler/check/semantic.hpp"

namespace tmsc::semantic {

namespace {

using Kind = ast::CourseClause::Kind;
using Anchor = ast::CourseClause::Anchor;

const char* clause_name(Kind kind) {
    switch (kind) {
    case Kind::SessionsPerDay: return "sessions per day";
    case Kind::BetweenSessions: return "the interval between sessions";
    case Kind::DaysPerWeek: return "days per week";
    case Kind::Weeks: return "the number of weeks";
    case Kind::Days: return "the number of days";
    }
    return "course clause";
}

std::int64_t whole(const ast::Value& v) {
    return ValueEvaluator(ParamTable{}, ParamChoice::Default).number(v).floor();
}

} // namespace

std::optional<CourseSpec> check_course(Context& ctx, const ast::Course& course) {
    CourseSpec spec;
    spec.range = course.range;
    std::map<Kind, const ast::CourseClause*> seen;
    bool ok = true;
    for (const ast::CourseClause& c : course.clauses) {
        if (auto [it, inserted] = seen.emplace(c.kind, &c); !inserted) {
            ctx.diagnostics
                .error("E0601", std::string(clause_name(c.kind)) + " is given more than once",
                       c.range)
                .notes.push_back({"first given here", it->second->range});
            ok = false;
            continue;
        }
        if (std::holds_alternative<ast::ParamRef>(c.amount.node)) {
            ctx.diagnostics.error("E0607", "a course clause takes a literal value, not a parameter",
                                  c.amount.range);
            ok = false;
            continue;
        }
        const bool duration = c.kind == Kind::BetweenSessions;
        if (!check_value(ctx, c.amount, duration ? ast::Dimension::Duration : ast::Dimension::Count,
                         clause_name(c.kind))) {
            ok = false;
            continue;
        }
        switch (c.kind) {
        case Kind::SessionsPerDay: spec.sessions_per_day = whole(c.amount); break;
        case Kind::BetweenSessions:
            spec.between_sessions_s =
                canonical(std::get<ast::Literal>(c.amount.node));
            spec.anchor = c.anchor;
            break;
        case Kind::DaysPerWeek: spec.days_per_week = whole(c.amount); break;
        case Kind::Weeks: spec.weeks = whole(c.amount); break;
        case Kind::Days: spec.days = whole(c.amount); break;
        }
    }
    if (!ok) {
        return std::nullopt;
    }
    if (spec.days_per_week && *spec.days_per_week > 7) {
        ctx.diagnostics.error("E0604", "a week has 7 days, but the course asks for " +
                                           std::to_string(*spec.days_per_week) + " days per week",
                              seen[Kind::DaysPerWeek]->range);
        ok = false;
    }
    if (spec.weeks && spec.days) {
        ctx.diagnostics.error("E0605", "give the course length in weeks or in days, not both",
                              seen[Kind::Days]->range)
            .notes.push_back({"weeks given here", seen[Kind::Weeks]->range});
        ok = false;
    }
    if (!spec.weeks && !spec.days) {
        ctx.diagnostics.error("E0606", "the course does not say how long it lasts: add '<N> days' "
                                       "or '<N> weeks'",
                              course.range);
        ok = false;
    }
    if (spec.sessions_per_day > 1 && !spec.between_sessions_s) {
        ctx.diagnostics
            .error("E0602",
                   "the course has " + std::to_string(spec.sessions_per_day) +
                       " sessions per day but no interval between them",
                   seen[Kind::SessionsPerDay]->range)
            .notes.push_back({"add '<D> min between sessions end to start' (or 'start to start')",
                              std::nullopt});
        ok = false;
    }
    if (spec.between_sessions_s && spec.anchor == Anchor::Unspecified) {
        ctx.diagnostics
            .error("E0603",
                   "say how the interval between sessions is measured: 'end to start' or "
                   "'start to start'",
                   seen[Kind::BetweenSessions]->range)
            .notes.push_back({"published courses differ here: SAINT's day lasts 32,920 s one way "
                              "and 27,592 s the other",
                              std::nullopt});
        ok = false;
    }
    if (spec.between_sessions_s && spec.sessions_per_day == 1) {
        ctx.diagnostics.warning("W0601",
                                "an interval between sessions has no effect with one session per day",
                                seen[Kind::BetweenSessions]->range);
    }
    if (!ok) {
        return std::nullopt;
    }
    return spec;
}

} // namespace tmsc::semantic
