#pragma once
// Internal to rule loading: typed reads from a JSON rule file that name the JSON pointer of
// anything wrong, so a site editing its own file is told exactly where the mistake is.

#include "safety/rules/rules.hpp"
#include "support/rational.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

namespace tmsc::safety::detail {

/// A schema violation at a JSON pointer ("/rules/3/severity").
class SchemaError : public std::runtime_error {
  public:
    SchemaError(const std::string& pointer, const std::string& message)
        : std::runtime_error(pointer + ": " + message) {}
};

/// A JSON object being read, with the pointer to it; rejects fields nobody reads.
class ObjectReader {
  public:
    ObjectReader(const nlohmann::json& json, std::string pointer);

    const std::string& pointer() const { return pointer_; }
    bool has(const std::string& key) const { return json_.contains(key); }
    /// The member `key` (which must exist) and its pointer.
    const nlohmann::json& at(const std::string& key);
    std::string child(const std::string& key) const { return pointer_ + "/" + key; }

    std::string string(const std::string& key);
    std::string optional_string(const std::string& key, const std::string& fallback);
    bool boolean(const std::string& key);
    /// A number written as a JSON number or a decimal string, exact.
    Rational number(const std::string& key);
    /// Like number() but must be above zero.
    Rational positive(const std::string& key);
    Confidence confidence(const std::string& key);
    IntensityRef reference(const std::string& key);

    /// Fails on any member not read so far (catches misspelt field names).
    void finish() const;

  private:
    const nlohmann::json& json_;
    std::string pointer_;
    std::set<std::string> read_;
};

/// An exact number from a JSON number or decimal string.
Rational json_number(const nlohmann::json& json, const std::string& pointer);

/// Reads one rule object.
Rule read_rule(const nlohmann::json& json, const std::string& pointer);

/// Reads one train-duration table.
DurationTable read_table(const std::string& id, const nlohmann::json& json,
                         const std::string& pointer);

} // namespace tmsc::safety::detail
