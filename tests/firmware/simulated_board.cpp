#include "tests/firmware/simulated_board.hpp"

#include <avr_ioport.h>
#include <avr_uart.h>
#include <sim_avr.h>
#include <sim_cycle_timers.h>
#include <sim_elf.h>
#include <sim_irq.h>

#include <cstring>
#include <stdexcept>

namespace tmsc::firmware_test {

namespace {

/// simavr's default sleep callback sleeps in real time to pace the simulation; a test wants
/// the simulated time only, so a sleeping core jumps straight to its next timer event.
void no_real_time_sleep(avr_t*, avr_cycle_count_t) {}

avr_irq_t* port_pin(avr_t* avr, char port, int pin) {
    return avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ(port), pin);
}

} // namespace

SimulatedBoard::SimulatedBoard(const std::string& elf) {
    elf_firmware_t firmware;
    std::memset(&firmware, 0, sizeof firmware);
    if (elf_read_firmware(elf.c_str(), &firmware) != 0) {
        throw std::runtime_error("simavr cannot read " + elf);
    }
    avr_ = avr_make_mcu_by_name("atmega328p");
    if (!avr_) {
        throw std::runtime_error("simavr has no atmega328p core");
    }
    avr_init(avr_);
    avr_load_firmware(avr_, &firmware);
    avr_->frequency = kHz;
    avr_->sleep = no_real_time_sleep;
    avr_irq_register_notify(port_pin(avr_, 'B', 1), on_pin, this);
    uint32_t flags = 0;
    avr_ioctl(avr_, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
    flags &= ~static_cast<uint32_t>(AVR_UART_FLAG_STDIO);
    avr_ioctl(avr_, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
    avr_irq_register_notify(avr_io_getirq(avr_, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT),
                            on_serial, this);
}

SimulatedBoard::~SimulatedBoard() {
    if (avr_) {
        avr_terminate(avr_);
    }
}

void SimulatedBoard::on_pin(avr_irq_t*, std::uint32_t value, void* self) {
    auto* board = static_cast<SimulatedBoard*>(self);
    const bool high = value != 0;
    if (high != board->pin_high_) {
        board->pin_high_ = high;
        board->edges_.push_back({board->avr_->cycle, high});
    }
}

void SimulatedBoard::on_serial(avr_irq_t*, std::uint32_t value, void* self) {
    static_cast<SimulatedBoard*>(self)->serial_ += static_cast<char>(value & 0xFF);
}

bool SimulatedBoard::run(std::uint64_t limit, const std::function<bool()>& until) {
    while (avr_->cycle < limit) {
        if (until()) {
            return true;
        }
        const int state = avr_run(avr_);
        if (state == cpu_Done || state == cpu_Crashed) {
            return false;
        }
    }
    return until();
}

void SimulatedBoard::drive_d(int pin, bool high) { avr_raise_irq(port_pin(avr_, 'D', pin), high); }

void SimulatedBoard::send(char byte) {
    avr_raise_irq(avr_io_getirq(avr_, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT),
                  static_cast<std::uint8_t>(byte));
}

namespace {

avr_cycle_count_t run_action(avr_t*, avr_cycle_count_t, void* action) {
    (*static_cast<std::function<void()>*>(action))();
    return 0;
}

} // namespace

void SimulatedBoard::at_cycle(std::uint64_t cycle, std::function<void()> action) {
    actions_.reserve(16); // the timer keeps a pointer into the vector: never reallocate
    if (actions_.size() == actions_.capacity()) {
        throw std::logic_error("at most 16 scheduled actions");
    }
    actions_.push_back(std::move(action));
    avr_cycle_timer_register(avr_, cycle - avr_->cycle, run_action, &actions_.back());
}

std::uint64_t SimulatedBoard::cycle() const { return avr_->cycle; }

} // namespace tmsc::firmware_test
