#pragma once
// `--emit=ast`: the parsed protocol as JSON, every node with its source range.

#include "grammar/ast.hpp"

#include <string>

namespace tmsc {

/// The AST of `protocol` as an indented JSON document.
std::string emit_ast_json(const ast::Protocol& protocol);

} // namespace tmsc
