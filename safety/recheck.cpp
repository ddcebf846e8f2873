#include "safety/recheck.hpp"

namespace tmsc::safety {

Environment environment_from(const SafetyModel& model, const Assignment& values) {
    Environment env;
    for (const auto& [index, value] : values) {
        const Variable& v = model.variables.at(index);
        switch (v.kind) {
        case Variable::Kind::Param: env.params[v.name] = value; break;
        case Variable::Kind::Jitter: env.jitter[v.range.begin.offset] = value; break;
        case Variable::Kind::Threshold:
            (model.rmt && *model.rmt == index ? env.rmt : env.amt) = value;
            break;
        }
    }
    return env;
}

std::optional<std::string> recheck(const ResolvedProtocol& protocol, const SafetyModel& model,
                                   const RuleSet& rules, const Obligation& obligation,
                                   const Assignment& values) {
    const EvalOutcome outcome = evaluate_protocol(protocol, rules, environment_from(model, values));
    if (outcome.too_large) {
        return std::nullopt;
    }
    const std::string key = obligation.result_key();
    const auto& found = obligation.is_coverage() ? outcome.uncovered : outcome.violated;
    if (found.count(key)) {
        return std::nullopt;
    }
    return "the solver found '" + key + "' broken, but the plain evaluator does not at the same "
           "values; the finding is kept and the protocol fails";
}

} // namespace tmsc::safety
