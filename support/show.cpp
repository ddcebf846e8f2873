#include "support/show.hpp"

namespace tmsc {

std::string show(const Rational& value) {
    const std::string exact = value.to_string(6);
    if (exact.find('/') == std::string::npos) {
        return exact;
    }
    return "about " + value.to_decimal(3);
}

std::string show(const Rational& value, std::string_view unit) {
    return show(value) + ' ' + std::string(unit);
}

} // namespace tmsc
