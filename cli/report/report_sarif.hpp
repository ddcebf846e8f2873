#pragma once
// `tmsc check --format sarif`: the report as SARIF 2.1.0, the format code-scanning services
// (GitHub, GitLab, Azure DevOps) read to show findings on the line they are about.

#include "cli/report/report.hpp"

#include <string>
#include <vector>

namespace tmsc {

/// One SARIF 2.1.0 log with one run: `tool.driver.rules` holds every rule a result refers to
/// (a safety rule by its rule-set id with its text and citation, any other finding by its
/// diagnostic code), `results` one entry per diagnostic with its region (1-based lines and
/// Unicode code-point columns), notes as related locations, and each file's verdict in the
/// run's `properties`. Paths are given as the user wrote them, relative to `%SRCROOT%`.
std::string render_check_sarif(const std::vector<FileReport>& files);

} // namespace tmsc
