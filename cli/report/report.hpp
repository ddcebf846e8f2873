#pragma once
// How `tmsc check` reports: human text (diagnostics, then a verdict table) or JSON.

#include "cli/driver/driver.hpp"

#include <string>
#include <vector>

namespace tmsc {

/// One checked file: its source (kept for carets) and the result.
struct FileReport {
    SourceFile source;
    CheckResult result;
};

/// Diagnostics of every file, then one row per file (verdict, errors, warnings, path), then the
/// rule set (id, SHA-256 of each file, review status) and every waiver with what became of it.
std::string render_check_text(const std::vector<FileReport>& files);

/// {"rules":{id,title,transcription_reviewed,review_note,files:[{path,sha256}]},
///  "files":[{"path","verdict","diagnostics":[...],"waivers":[...],
///            "safety":{"unknown","checks":[...],"counterexamples":[...]}}]}
std::string render_check_json(const std::vector<FileReport>& files);

} // namespace tmsc
