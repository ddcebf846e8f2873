#pragma once
// `tmsc explain`: for each train, gap and session total, the limits that apply and the margin
// to each in the worst case over every allowed parameter, subject and jitter value
// ("4 s of 4.2 s allowed, 4.8 % margin").

#include "compiler/check/resolve.hpp"
#include "safety/verify.hpp"

#include <string>

namespace tmsc::safety {

/// The explanation as text, one block per subject.
std::string explain_protocol(const ResolvedProtocol& protocol, Verifier& verifier);

} // namespace tmsc::safety
