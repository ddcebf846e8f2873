#pragma once
// An ATmega328P at 16 MHz in simavr running one avr-ttl image: what the trigger pin (PB1) did,
// cycle by cycle, what the firmware wrote on the serial port, and the two inputs (start on
// PD3, abort on PD2) driven as a wire would drive them.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

struct avr_t;
struct avr_irq_t;

namespace tmsc::firmware_test {

/// One change of the trigger pin.
struct Edge {
    std::uint64_t cycle;
    bool high;
};

/// A simulated board with one firmware image loaded.
class SimulatedBoard {
  public:
    static constexpr std::uint64_t kHz = 16000000;

    /// Loads `elf`; throws std::runtime_error when simavr cannot.
    explicit SimulatedBoard(const std::string& elf);
    ~SimulatedBoard();
    SimulatedBoard(const SimulatedBoard&) = delete;
    SimulatedBoard& operator=(const SimulatedBoard&) = delete;

    /// Runs until `until` returns true or the cycle count reaches `limit`; false when the
    /// limit came first or the core stopped.
    bool run(std::uint64_t limit, const std::function<bool()>& until);
    /// Drives an input pin of port D.
    void drive_d(int pin, bool high);
    /// Sends a byte to the firmware's serial receiver.
    void send(char byte);
    /// Calls `action` once the cycle count reaches `cycle` (exactly, as a simavr cycle timer).
    void at_cycle(std::uint64_t cycle, std::function<void()> action);

    std::uint64_t cycle() const;
    const std::vector<Edge>& edges() const { return edges_; }
    const std::string& serial() const { return serial_; }

  private:
    static void on_pin(::avr_irq_t*, std::uint32_t value, void* self);
    static void on_serial(::avr_irq_t*, std::uint32_t value, void* self);

    ::avr_t* avr_ = nullptr;
    std::vector<Edge> edges_;
    std::string serial_;
    std::vector<std::function<void()>> actions_;
    bool pin_high_ = false;
};

} // namespace tmsc::firmware_test
