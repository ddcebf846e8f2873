#pragma once
// How `tmsc check` reports: human text (diagnostics, then a verdict table) or JSON.

#include "compiler/driver.hpp"

#include <string>
#include <vector>

namespace tmsc {

/// One checked file: its source (kept for carets) and the result.
struct FileReport {
    SourceFile source;
    CheckResult result;
};

/// Diagnostics of every file, then one row per file: verdict, errors, warnings, path.
std::string render_check_text(const std::vector<FileReport>& files);

/// {"files":[{"path","verdict","diagnostics":[{severity,code,message,line,column,...}]}]}
std::string render_check_json(const std::vector<FileReport>& files);

} // namespace tmsc
