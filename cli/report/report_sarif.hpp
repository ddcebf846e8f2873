#pragma once
// `tmsc check --format sarif`: the report as SARIF 2.1.0, the format code-scanning services
// (GitHub, GitLab, Azure DevOps) read to show findings on the line they are about.

#include "cli/report/report.hpp"

#include <string>
#include <vector>

namespace tmsc {

/// An input `tmsc check` could not read at all (missing, unreadable, a directory).
struct UnreadableInput {
    std::string path;    ///< as the user wrote it
    std::string message; ///< the one-line I/O error also printed on standard error
};

/// How the run went, for `invocations[0]`: its exit code and the inputs it could not read.
struct CheckInvocation {
    int exit_code = 0;
    std::vector<UnreadableInput> unreadable;
};

/// The project's URI, `tool.driver.informationUri`: the same name space as the attestation's
/// predicate type. Rules carry no `helpUri` (the documentation ships with the source, so no
/// absolute address for it is promised); their help text is in `help` and `fullDescription`.
inline constexpr const char* kInformationUri = "https://tmsc.dev/";

/// One SARIF 2.1.0 log with one run: `tool.driver.rules` holds every rule a result refers to
/// (a safety rule by its rule-set id with its text and citation, any other finding by its
/// diagnostic code), `results` one entry per diagnostic with its region (1-based lines and
/// Unicode code-point columns), notes as related locations, and each file's verdict in the
/// run's `properties`. Paths are given as the user wrote them, relative to `%SRCROOT%`.
/// `invocations[0]` says whether the run succeeded (every input read) and its exit code, with
/// one error notification per unreadable input, so the log is complete even then.
std::string render_check_sarif(const std::vector<FileReport>& files,
                               const CheckInvocation& invocation);

} // namespace tmsc
