#include "targets/magstim/magstim_console_format.hpp"

#include <sstream>

namespace tmsc::targets::console {

namespace {

std::string join(const char* tag, std::initializer_list<std::int64_t> fields) {
    std::string out = tag;
    for (std::int64_t f : fields) {
        out += ',' + std::to_string(f);
    }
    return out + '\r';
}

struct LineWriter {
    std::string operator()(const TrainLine& t) const {
        return join("Train", {t.power, t.frequency_hz, t.duration_tenths, t.pulses, t.wait_tenths,
                              t.trains});
    }
    std::string operator()(const BurstLine& b) const {
        return join("Burst", {b.power, b.frequency_hz, b.pulses_per_burst, b.burst_frequency_hz,
                              b.bursts, b.cycle_tenths, b.cycles});
    }
};

/// Splits "Tag,1,2,3" into the tag and whole numbers; nullopt when a field is not a number.
std::optional<std::vector<std::int64_t>> numbers(const std::string& line, std::string& tag) {
    std::istringstream in(line);
    std::getline(in, tag, ',');
    std::vector<std::int64_t> out;
    for (std::string field; std::getline(in, field, ',');) {
        if (field.empty() || field.size() > 9 ||
            field.find_first_not_of("0123456789") != std::string::npos) {
            return std::nullopt;
        }
        out.push_back(std::stoll(field));
    }
    return out;
}

} // namespace

std::string write_lines(const std::vector<Line>& lines) {
    std::string out;
    for (const Line& line : lines) {
        out += std::visit(LineWriter{}, line);
    }
    return out;
}

std::optional<std::vector<Line>> read_lines(const std::string& text, std::string& error) {
    std::vector<Line> lines;
    std::istringstream in(text);
    std::size_t line_no = 0;
    for (std::string line; std::getline(in, line, '\r');) {
        ++line_no;
        std::string tag;
        const auto f = numbers(line, tag);
        const auto positive = [&f](std::initializer_list<std::size_t> at) {
            for (std::size_t i : at) {
                if ((*f)[i] <= 0) {
                    return false;
                }
            }
            return true;
        };
        if (f && tag == "Train" && f->size() == 6 && positive({1, 3, 5})) {
            lines.push_back(TrainLine{(*f)[0], (*f)[1], (*f)[2], (*f)[3], (*f)[4], (*f)[5]});
        } else if (f && tag == "Burst" && f->size() == 7 && positive({1, 2, 3, 4, 6})) {
            lines.push_back(
                BurstLine{(*f)[0], (*f)[1], (*f)[2], (*f)[3], (*f)[4], (*f)[5], (*f)[6]});
        } else {
            error = "line " + std::to_string(line_no) +
                    ": expected a Train line with 6 numbers "
                    "or a Burst line with 7 (rates and counts above 0)";
            return std::nullopt;
        }
    }
    if (!text.empty() && text.back() != '\r') {
        error = "the last line does not end with a carriage return";
        return std::nullopt;
    }
    return lines;
}

namespace {

/// Appends the trains of one line starting at `t`; returns when the line ends.
struct TrainMaker {
    std::vector<TargetTrain>& out;
    Rational t;

    Rational operator()(const TrainLine& l) {
        const Rational tenth(1, 10);
        for (std::int64_t k = 0; k < l.trains; ++k) {
            TargetTrain train;
            train.onset_s = t;
            train.units = l.pulses;
            train.unit_period_s = Rational(1, l.frequency_hz);
            train.on_time_s = Rational(l.duration_tenths) * tenth;
            train.first_to_last_s = Rational(l.pulses - 1, l.frequency_hz);
            train.power_mso = Rational(l.power);
            out.push_back(train);
            t = t + Rational(l.duration_tenths + l.wait_tenths) * tenth;
        }
        return t;
    }
    Rational operator()(const BurstLine& l) {
        for (std::int64_t k = 0; k < l.cycles; ++k) {
            TargetTrain train;
            train.onset_s = t;
            train.units = l.bursts;
            train.pulses_per_unit = l.pulses_per_burst;
            train.unit_period_s = Rational(1, l.burst_frequency_hz);
            train.pulse_period_s = Rational(1, l.frequency_hz);
            train.on_time_s = Rational(l.bursts, l.burst_frequency_hz);
            train.first_to_last_s = Rational(l.bursts - 1, l.burst_frequency_hz) +
                                    Rational(l.pulses_per_burst - 1, l.frequency_hz);
            train.power_mso = Rational(l.power);
            out.push_back(train);
            t = t + Rational(l.cycle_tenths, 10);
        }
        return t;
    }
};

} // namespace

std::vector<TargetTrain> trains_of(const std::vector<Line>& lines) {
    std::vector<TargetTrain> trains;
    TrainMaker maker{trains, Rational(0)};
    for (const Line& line : lines) {
        maker.t = std::visit(maker, line);
    }
    for (std::size_t i = 0; i < trains.size(); ++i) {
        trains[i].index = static_cast<std::int64_t>(i);
        trains[i].next_onset_s = i + 1 < trains.size() ? trains[i + 1].onset_s : end_of(lines);
    }
    return trains;
}

Rational end_of(const std::vector<Line>& lines) {
    std::vector<TargetTrain> scratch;
    TrainMaker maker{scratch, Rational(0)};
    for (const Line& line : lines) {
        maker.t = std::visit(maker, line);
    }
    return maker.t;
}

} // namespace tmsc::targets::console
