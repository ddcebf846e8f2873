#include "targets/attest/strict_json.hpp"

#include <set>
#include <vector>

namespace tmsc {

std::optional<nlohmann::ordered_json> parse_strict_json(std::string_view text, std::string& why) {
    using Json = nlohmann::ordered_json;
    std::vector<std::set<std::string>> open_objects; // member names seen, per open object
    std::string problem;
    const auto watch = [&](int depth, Json::parse_event_t event, Json& parsed) {
        if (!problem.empty()) {
            return false;
        }
        switch (event) {
        case Json::parse_event_t::object_start:
        case Json::parse_event_t::array_start:
            if (depth >= kMaxJsonDepth) {
                problem = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
                return false;
            }
            if (event == Json::parse_event_t::object_start) {
                open_objects.emplace_back();
            }
            return true;
        case Json::parse_event_t::object_end:
            if (!open_objects.empty()) {
                open_objects.pop_back();
            }
            return true;
        case Json::parse_event_t::key: {
            const std::string name = parsed.get<std::string>();
            if (!open_objects.empty() && !open_objects.back().insert(name).second) {
                problem = "the member \"" + name + "\" appears twice in one object";
                return false;
            }
            return true;
        }
        default:
            return true;
        }
    };
    Json out = Json::parse(text.begin(), text.end(), watch, false);
    if (!problem.empty()) {
        why = problem;
        return std::nullopt;
    }
    if (out.is_discarded()) {
        why = "not valid JSON";
        return std::nullopt;
    }
    return out;
}

} // namespace tmsc
