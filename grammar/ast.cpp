#include "grammar/ast.hpp"

namespace tmsc::ast {

const char* unit_spelling(Unit unit) {
    switch (unit) {
    case Unit::None: return "";
    case Unit::Hertz: return "Hz";
    case Unit::Second: return "s";
    case Unit::Millisecond: return "ms";
    case Unit::Microsecond: return "us";
    case Unit::Minute: return "min";
    case Unit::Hour: return "h";
    case Unit::PercentRmt: return "%rMT";
    case Unit::PercentAmt: return "%aMT";
    case Unit::PercentMso: return "%MSO";
    }
    return "";
}

Dimension unit_dimension(Unit unit) {
    switch (unit) {
    case Unit::None: return Dimension::Count;
    case Unit::Hertz: return Dimension::Frequency;
    case Unit::Second:
    case Unit::Millisecond:
    case Unit::Microsecond:
    case Unit::Minute:
    case Unit::Hour: return Dimension::Duration;
    case Unit::PercentRmt:
    case Unit::PercentAmt:
    case Unit::PercentMso: return Dimension::Intensity;
    }
    return Dimension::Count;
}

const char* dimension_phrase(Dimension dimension) {
    switch (dimension) {
    case Dimension::Count: return "a plain number";
    case Dimension::Frequency: return "a frequency";
    case Dimension::Duration: return "a duration";
    case Dimension::Intensity: return "an intensity";
    }
    return "a value";
}

} // namespace tmsc::ast
