#include "safety/check_result.hpp"

namespace tmsc {

const char* verdict_name(Verdict verdict) {
    switch (verdict) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::Unknown: return "unknown";
    }
    return "fail";
}

} // namespace tmsc
