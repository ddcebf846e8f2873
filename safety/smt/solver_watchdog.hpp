#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace tmsc::safety::smt {

/// A hard wall-clock limit around one solver call, behind the solver's own timeout.
///
/// Z3 4.8's non-linear arithmetic can ignore its cooperative timeout (x^3 + y^3 = z^3 over
/// integers up to 1e9 runs for ever), and "never hang" is a promise of the tool. When the call
/// outlives `soft`, the watchdog asks the solver to stop (`interrupt`); if it is still running
/// `grace` later, the process ends with exit code 1 and a diagnostic on stderr. That fails
/// closed: verification precedes every write, so no table exists for an unproved protocol.
class SolverWatchdog {
  public:
    SolverWatchdog(std::chrono::milliseconds soft, std::chrono::milliseconds grace,
                   std::function<void()> interrupt);
    /// Disarms the watchdog; the solver call has returned.
    ~SolverWatchdog();
    SolverWatchdog(const SolverWatchdog&) = delete;
    SolverWatchdog& operator=(const SolverWatchdog&) = delete;

  private:
    void watch(std::chrono::milliseconds soft, std::chrono::milliseconds grace);

    std::function<void()> interrupt_;
    std::mutex mutex_;
    std::condition_variable returned_;
    bool done_ = false;
    std::thread thread_;
};

} // namespace tmsc::safety::smt
