#pragma once
// The rule sets built into the binary (generated from safety/rules/*.json at build time).

#include <string_view>
#include <vector>

namespace tmsc::safety {

/// One shipped rule-set file: its name, its path in the source tree, and its exact bytes.
struct ShippedRuleFile {
    std::string_view name;
    std::string_view path;
    std::string_view text;
};

/// Every shipped rule set.
const std::vector<ShippedRuleFile>& shipped_rule_files();

} // namespace tmsc::safety
