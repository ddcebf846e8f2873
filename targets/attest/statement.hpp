#pragma once
// The in-toto Statement v1 one `tmsc compile` makes (docs/output-formats.md, "Attestation"):
// the files written, each by name and SHA-256 (the subjects), and the tmsc compile predicate
// saying what made them from what: tool, target, device, the options that re-derive them, the
// protocol's path and SHA-256, the rule set with the SHA-256 and review status of each of its
// files, the verdict, the findings (warnings, roundings included) and the waivers.

#include "safety/check_result.hpp"
#include "support/diagnostic.hpp"
#include "support/source.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tmsc {

/// `_type` of an in-toto Statement v1.
inline constexpr std::string_view kStatementType = "https://in-toto.io/Statement/v1";
/// `predicateType` of a tmsc compile (docs/output-formats.md, "Predicate").
inline constexpr std::string_view kCompilePredicateType = "https://tmsc.dev/attestation/compile/v1";
/// The DSSE payload type of an in-toto Statement in JSON.
inline constexpr std::string_view kInTotoPayloadType = "application/vnd.in-toto+json";

/// Why an attestation or a file was rejected: a stable code (V06xx) and a message.
struct AttestProblem {
    std::string code;
    std::string message;
    std::string file; ///< the file it is about, as given; empty: the attestation itself
};

/// One file an attestation vouches for.
struct Subject {
    std::string name;   ///< the file's name, without any folder
    std::string sha256; ///< lower-case hex
};

/// What the predicate of a compile is made from.
struct CompileFacts {
    std::string target;                    ///< "json", "csv", or a back end's name
    std::string device;                    ///< device profile as given; empty for tables
    const SourceFile& source;              ///< the protocol (path and SHA-256)
    const CheckResult& check;              ///< rule set, warnings, waivers
    std::vector<Diagnostic> more_warnings; ///< lowering's, the emitter's and the back end's
    nlohmann::ordered_json options;        ///< what re-derives the files, besides target/device
};

/// The predicate of a compile.
nlohmann::ordered_json compile_predicate(const CompileFacts& facts);

/// A statement: its subjects and its predicate.
struct CompileStatement {
    std::vector<Subject> subjects;
    nlohmann::ordered_json predicate;
};

/// The statement as compact JSON, members in a fixed order: the DSSE payload.
std::string statement_text(const CompileStatement& statement);

/// Reads a statement back: an in-toto Statement v1 whose predicate type is the tmsc compile
/// one, with subjects of distinct plain file names and SHA-256 digests, and a predicate with
/// every member of the right type. A problem (V0602) otherwise.
std::variant<CompileStatement, AttestProblem> parse_statement(std::string_view text);

/// True when `name` can name a subject: not empty, no '/', no NUL, not "." or "..".
bool is_subject_name(std::string_view name);

} // namespace tmsc
