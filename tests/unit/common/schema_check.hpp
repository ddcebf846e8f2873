#pragma once
// A compact validator for the subset of JSON Schema that docs/schemas/schedule-v1.schema.json
// uses (no JSON Schema validator is packaged for Debian's C++ or python3 standard library).
// Shared by the JSON emitter's tests and the examples' schema test.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

namespace tmsc::testing {

/// The subset of JSON Schema the schedule schema uses: $ref, type, const, enum, required,
/// properties, additionalProperties and items. Returns the first problem, or "".
class SchemaCheck {
  public:
    using Json = nlohmann::json;

    explicit SchemaCheck(Json root) : root_(std::move(root)) {}

    std::string check(const Json& value, const Json& schema, const std::string& at) const {
        if (schema.contains("$ref")) {
            const std::string ref = schema["$ref"];
            return check(value, root_.at(Json::json_pointer(ref.substr(1))), at);
        }
        if (schema.contains("type") && !type_matches(value, schema["type"])) {
            return at + ": wrong type " + value.type_name();
        }
        if (schema.contains("const") && value != schema["const"]) {
            return at + ": expected " + schema["const"].dump();
        }
        if (schema.contains("enum") &&
            std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
            return at + ": " + value.dump() + " is not allowed";
        }
        if (value.is_object()) {
            return check_object(value, schema, at);
        }
        if (value.is_array() && schema.contains("items")) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (std::string e = check(value[i], schema["items"], at + "/" + std::to_string(i));
                    !e.empty()) {
                    return e;
                }
            }
        }
        return "";
    }

  private:
    static bool type_matches(const Json& value, const Json& type) {
        if (type.is_array()) {
            return std::any_of(type.begin(), type.end(),
                               [&](const Json& t) { return type_matches(value, t); });
        }
        const std::string t = type;
        return (t == "object" && value.is_object()) || (t == "array" && value.is_array()) ||
               (t == "string" && value.is_string()) || (t == "boolean" && value.is_boolean()) ||
               (t == "null" && value.is_null()) || (t == "number" && value.is_number()) ||
               (t == "integer" && value.is_number_integer());
    }

    std::string check_object(const Json& value, const Json& schema, const std::string& at) const {
        for (const Json& key : schema.value("required", Json::array())) {
            if (!value.contains(key.get<std::string>())) {
                return at + ": missing required '" + key.get<std::string>() + "'";
            }
        }
        const Json properties = schema.value("properties", Json::object());
        for (const auto& [key, member] : value.items()) {
            if (properties.contains(key)) {
                if (std::string e = check(member, properties[key], at + "/" + key); !e.empty()) {
                    return e;
                }
            } else if (schema.contains("additionalProperties")) {
                const Json& extra = schema["additionalProperties"];
                if (extra.is_boolean() && !extra.get<bool>()) {
                    return at + ": unexpected member '" + key + "'";
                }
                if (extra.is_object()) {
                    if (std::string e = check(member, extra, at + "/" + key); !e.empty()) {
                        return e;
                    }
                }
            }
        }
        return "";
    }

    Json root_;
};

} // namespace tmsc::testing
