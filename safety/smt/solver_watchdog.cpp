#include "safety/smt/solver_watchdog.hpp"

#include <unistd.h>

#include <cstdlib>

namespace tmsc::safety::smt {

namespace {

/// Written with write(2) and ended with _exit(2): the solver thread still holds its locks, so
/// nothing that allocates, flushes streams or runs destructors is safe here.
[[noreturn]] void end_process_fail_closed() {
    static const char message[] =
        "tmsc: error[S0405]: the SMT solver ignored its time limit and was stopped; "
        "nothing was proved and nothing was written\n";
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(1);
}

} // namespace

SolverWatchdog::SolverWatchdog(std::chrono::milliseconds soft, std::chrono::milliseconds grace,
                               std::function<void()> interrupt)
    : interrupt_(std::move(interrupt)), thread_([this, soft, grace] { watch(soft, grace); }) {}

SolverWatchdog::~SolverWatchdog() {
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    returned_.notify_one();
    thread_.join();
}

void SolverWatchdog::watch(std::chrono::milliseconds soft, std::chrono::milliseconds grace) {
    std::unique_lock lock(mutex_);
    if (returned_.wait_for(lock, soft, [this] { return done_; })) {
        return;
    }
    interrupt_();
    if (returned_.wait_for(lock, grace, [this] { return done_; })) {
        return;
    }
    end_process_fail_closed();
}

} // namespace tmsc::safety::smt
