#pragma once
// Readers for the fields of a device profile (JSON). Each checks one kind of value and, when
// it is wrong, throws ProfileFieldError naming the file and the JSON path, so the loader can
// report one exact line instead of a half-read profile. Internal to the loader.

#include "targets/devices/device_profile.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace tmsc::targets::detail {

/// A problem in one profile field; what() is the whole message ("file: /path: problem").
class ProfileFieldError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Reads typed values out of one profile's JSON, knowing its sources for provenance checks.
class FieldReader {
  public:
    FieldReader(std::string origin, const std::map<std::string, SourceInfo>& sources)
        : origin_(std::move(origin)), sources_(sources) {}

    /// Throws ProfileFieldError "origin: path: what".
    [[noreturn]] void fail(const std::string& path, const std::string& what) const;

    /// The member `key` of object `object`; fails when it is missing.
    const nlohmann::json& member(const nlohmann::json& object, const std::string& path,
                                 const char* key) const;
    /// Fails when `object` is not an object or has a key outside `allowed`.
    void only_keys(const nlohmann::json& object, const std::string& path,
                   const std::vector<std::string_view>& allowed) const;

    /// A non-empty string.
    std::string text(const nlohmann::json& value, const std::string& path) const;
    /// A whole number (JSON integer).
    std::int64_t integer(const nlohmann::json& value, const std::string& path) const;
    /// An exact decimal: a JSON integer or a string such as "0.1". JSON floats are refused
    /// because they are binary approximations.
    Rational decimal(const nlohmann::json& value, const std::string& path) const;

    /// {"source": KEY, "confidence"?: TAG} inside a limit object; KEY must be a known source.
    Provenance provenance(const nlohmann::json& limit, const std::string& path) const;
    /// {"grid": [[lo, hi, step], ...]} or {"value": v}, plus provenance.
    ValueGrid grid(const nlohmann::json& limit, const std::string& path) const;
    /// {"min": a, "max": b}, plus provenance.
    CountRange counts(const nlohmann::json& limit, const std::string& path) const;
    /// {"values": [101 entries]}, plus provenance; `rising` says which way the table must run
    /// with power (joules rise, maximum rates fall), which catches a mistyped row.
    PowerTable table(const nlohmann::json& limit, const std::string& path, bool rising) const;

  private:
    GridSegment segment(const nlohmann::json& triple, const std::string& path) const;

    std::string origin_;
    const std::map<std::string, SourceInfo>& sources_;
};

/// Parses a confidence tag as written in profiles: "DOC", "3x", "1x", "assumed".
std::optional<Confidence> parse_confidence(std::string_view tag);

} // namespace tmsc::targets::detail
