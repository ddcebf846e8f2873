#include "targets/magstim/magstim_script.hpp"

#include "targets/magstim/magstim_frames.hpp"

#include <sstream>

namespace tmsc::targets::magstim {

bool Step::same_as(const Step& other) const {
    return phase == other.phase && time_us == other.time_us && action == other.action &&
           frame == other.frame && expect == other.expect;
}

namespace {

struct ActionName {
    Action action;
    const char* name;
    bool has_frame;
};

constexpr ActionName kActions[] = {
    {Action::Send, "send", true},
    {Action::ReadBack, "read-back", true},
    {Action::RemoteOn, "remote-on", true},
    {Action::Arm, "arm", true},
    {Action::WaitReady, "wait-ready", false},
    {Action::Fire, "fire", true},
    {Action::Disarm, "disarm", true},
    {Action::RemoteOff, "remote-off", true},
};

const ActionName* by_action(Action a) {
    for (const ActionName& n : kActions) {
        if (n.action == a) {
            return &n;
        }
    }
    return nullptr;
}

const ActionName* by_name(const std::string& name) {
    for (const ActionName& n : kActions) {
        if (name == n.name) {
            return &n;
        }
    }
    return nullptr;
}

/// The printable command of a frame: every byte but the checksum (RemoteOn has none).
std::string printable(const Step& s) {
    const std::size_t n = s.action == Action::RemoteOn ? s.frame.size() : s.frame.size() - 1;
    return std::string(s.frame.begin(), s.frame.begin() + static_cast<std::ptrdiff_t>(n));
}

std::string expectation_text(const Expectation& e) {
    const auto field = [](const std::optional<std::int64_t>& v, int width) {
        return v ? *digits(*v, width) : std::string("-");
    };
    return "expect power=" + *digits(e.power, 3) + " frequency=" + field(e.frequency_tenths, 4) +
           " pulses=" + field(e.pulses, 5) + " duration=" + (e.duration_approximate ? "~" : "") +
           *digits(e.duration_tenths, 4);
}

void write_step(std::ostringstream& out, const Step& s) {
    out << (s.phase == Phase::Setup ? "setup" : s.phase == Phase::End ? "end" : "at");
    if (s.phase == Phase::Timed) {
        out << ' ' << s.time_us;
    }
    const ActionName* name = by_action(s.action);
    out << ' ' << name->name;
    if (name->has_frame) {
        out << ' ' << printable(s) << ' ' << to_hex(s.frame);
    }
    if (s.expect) {
        out << ' ' << expectation_text(*s.expect);
    }
    if (!s.comment.empty()) {
        out << " ; " << s.comment;
    }
    out << '\n';
}

} // namespace

std::string write_text(const Script& script) {
    std::ostringstream out;
    out << "# tmsc magstim-rapid2 command script, format 1\n"
        << "# protocol: " << script.protocol << '\n'
        << "# device: " << script.device << '\n'
        << "# link: 9600 baud, 8 data bits, no parity, 1 stop bit, no flow control\n"
        << "# frame: command byte, ASCII data, checksum = NOT(low 8 bits of the byte sum)\n"
        << "# lines: setup|end ACTION [ASCII HEX...] | at MICROSECONDS ACTION ASCII HEX...\n"
        << "# the session clock starts when wait-ready completes; send keepalive on its period\n"
        << "# whenever no other frame went out, from the first setup line to the last end line\n"
        << "keepalive " << script.keepalive_us << ' ' << to_hex(script.keepalive_frame) << '\n';
    for (const Step& s : script.steps) {
        write_step(out, s);
    }
    return out.str();
}

namespace {

/// Reads "key=value" from an expectation token; nullopt when the key differs.
std::optional<std::string> value_of(const std::string& token, const std::string& key) {
    if (token.rfind(key + "=", 0) != 0) {
        return std::nullopt;
    }
    return token.substr(key.size() + 1);
}

/// A decimal field of at most 15 digits (microsecond times fit; no overflow possible).
std::optional<std::int64_t> number(const std::string& text) {
    if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != text.npos) {
        return std::nullopt;
    }
    return std::stoll(text);
}

bool parse_expectation(const std::vector<std::string>& t, std::size_t i, Expectation& e) {
    if (t.size() != i + 4) {
        return false;
    }
    const auto power = value_of(t[i], "power");
    const auto freq = value_of(t[i + 1], "frequency");
    const auto pulses = value_of(t[i + 2], "pulses");
    auto duration = value_of(t[i + 3], "duration");
    if (!power || !freq || !pulses || !duration || !number(*power)) {
        return false;
    }
    e.power = *number(*power);
    e.frequency_tenths = *freq == "-" ? std::nullopt : number(*freq);
    e.pulses = *pulses == "-" ? std::nullopt : number(*pulses);
    if ((*freq != "-" && !e.frequency_tenths) || (*pulses != "-" && !e.pulses)) {
        return false;
    }
    e.duration_approximate = !duration->empty() && duration->front() == '~';
    const auto tenths = number(e.duration_approximate ? duration->substr(1) : *duration);
    e.duration_tenths = tenths.value_or(-1);
    return tenths.has_value();
}

/// Parses one step line; "" on success, else the problem.
std::string parse_step(const std::vector<std::string>& t, Step& s) {
    std::size_t i = 1;
    if (t[0] == "at") {
        const auto time = t.size() > 1 ? number(t[1]) : std::nullopt;
        if (!time) {
            return "expected a time in microseconds after 'at'";
        }
        s.phase = Phase::Timed;
        s.time_us = *time;
        i = 2;
    } else {
        s.phase = t[0] == "setup" ? Phase::Setup : Phase::End;
    }
    const ActionName* name = i < t.size() ? by_name(t[i]) : nullptr;
    if (!name) {
        return "unknown action";
    }
    s.action = name->action;
    ++i;
    if (!name->has_frame) {
        return i == t.size() ? "" : "unexpected fields after " + std::string(name->name);
    }
    if (i >= t.size()) {
        return "missing the frame";
    }
    const std::string shown = t[i++];
    std::string hex;
    for (; i < t.size() && t[i] != "expect"; ++i) {
        hex += t[i] + ' ';
    }
    const auto frame = from_hex(hex);
    if (!frame || frame->empty()) {
        return "malformed hex bytes";
    }
    s.frame = *frame;
    if (printable(s) != shown) {
        return "the ASCII field does not match the bytes";
    }
    if (i < t.size()) {
        Expectation e;
        if (s.action != Action::ReadBack || !parse_expectation(t, i + 1, e)) {
            return "malformed expectation";
        }
        s.expect = e;
    }
    return s.action == Action::ReadBack && !s.expect ? "read-back without an expectation" : "";
}

std::vector<std::string> tokens_of(const std::string& line) {
    std::vector<std::string> tokens;
    std::istringstream in(line.substr(0, line.find(" ;")));
    for (std::string t; in >> t;) {
        tokens.push_back(t);
    }
    return tokens;
}

} // namespace

std::optional<Script> read_text(const std::string& text, std::string& error) {
    Script script;
    std::istringstream in(text);
    std::size_t line_no = 0;
    bool have_keepalive = false;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const std::vector<std::string> t = tokens_of(line);
        if (t.empty()) {
            continue;
        }
        std::string problem;
        if (t[0] == "keepalive") {
            const auto period = t.size() > 2 ? number(t[1]) : std::nullopt;
            std::string hex;
            for (std::size_t i = 2; i < t.size(); ++i) {
                hex += t[i] + ' ';
            }
            const auto frame = from_hex(hex);
            problem = period && frame ? "" : "malformed keepalive line";
            script.keepalive_us = period.value_or(0);
            script.keepalive_frame = frame.value_or(Bytes{});
            have_keepalive = true;
        } else if (t[0] == "setup" || t[0] == "at" || t[0] == "end") {
            Step s;
            problem = parse_step(t, s);
            script.steps.push_back(std::move(s));
        } else {
            problem = "unknown line '" + t[0] + "'";
        }
        if (!problem.empty()) {
            error = "line " + std::to_string(line_no) + ": " + problem;
            return std::nullopt;
        }
    }
    if (!have_keepalive) {
        error = "no keepalive line";
        return std::nullopt;
    }
    return script;
}

} // namespace tmsc::targets::magstim
