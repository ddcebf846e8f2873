#pragma once
// Numbers in back-end messages and scripts: exact when the decimal terminates, otherwise
// marked as approximate, so a message never passes a rounded value off as exact.

#include "support/rational.hpp"

#include <string>
#include <string_view>

namespace tmsc {

/// "26.1", "2.5", or "about 2.222" (three decimals) when the decimal does not terminate
/// within six digits.
std::string show(const Rational& value);

/// show(value) followed by a space and the unit: "26.1 s", "about 18.78 s".
std::string show(const Rational& value, std::string_view unit);

} // namespace tmsc
