#include "targets/magventure/magventure_script.hpp"

#include "targets/magventure/magventure_frames.hpp"

#include <sstream>

namespace tmsc::targets::magventure {

std::string action_name(const Bytes& f) {
    const auto body = unframe(f);
    if (!body) {
        return "invalid";
    }
    switch ((*body)[0]) {
    case 0x00:
        return "status";
    case 0x01:
        return "amplitude";
    case 0x02:
        return body->size() == 2 && (*body)[1] == 1 ? "enable" : "disable";
    case 0x04:
        return "start";
    case 0x06:
        return "timing";
    case 0x07:
        return "page";
    case 0x09:
        return "waveform";
    default:
        return "unknown";
    }
}

std::string write_text(const Script& script) {
    std::ostringstream out;
    out << "# tmsc magventure command script, format 1\n"
        << "# protocol: " << script.protocol << '\n'
        << "# device: " << script.device << "; the device must report model code "
        << script.model_code << '\n'
        << "# link: 38400 baud, 8 data bits, no parity, 1 stop bit, port COM2, null-modem\n"
        << "# frame: FE LEN BODY CRC8(BODY) FF; CRC-8/MAXIM; multi-byte values big-endian\n"
        << "# lines: setup|end ACTION HEX... | at MICROSECONDS ACTION HEX...\n"
        << "# the session clock starts after the last setup line is acknowledged\n";
    for (const ScriptLine& l : script.lines) {
        out << (l.phase == Phase::Setup ? "setup" : l.phase == Phase::End ? "end" : "at");
        if (l.phase == Phase::Timed) {
            out << ' ' << l.time_us;
        }
        out << ' ' << action_name(l.frame) << ' ' << to_hex(l.frame);
        if (!l.comment.empty()) {
            out << " ; " << l.comment;
        }
        out << '\n';
    }
    return out.str();
}

namespace {

std::string parse_line(const std::vector<std::string>& t, ScriptLine& l) {
    std::size_t i = 1;
    if (t[0] == "at") {
        if (t.size() < 2 || t[1].empty() || t[1].size() > 15 ||
            t[1].find_first_not_of("0123456789") != std::string::npos) {
            return "expected a time in microseconds after 'at'";
        }
        l.phase = Phase::Timed;
        l.time_us = std::stoll(t[1]);
        i = 2;
    } else if (t[0] == "setup" || t[0] == "end") {
        l.phase = t[0] == "setup" ? Phase::Setup : Phase::End;
    } else {
        return "unknown line '" + t[0] + "'";
    }
    if (i >= t.size()) {
        return "missing the action";
    }
    const std::string action = t[i++];
    std::string hex;
    for (; i < t.size(); ++i) {
        hex += t[i] + ' ';
    }
    const auto f = from_hex(hex);
    if (!f || !unframe(*f)) {
        return "malformed frame (framing, length or CRC)";
    }
    l.frame = *f;
    return action_name(l.frame) == action ? "" : "the action does not match the frame";
}

} // namespace

std::optional<Script> read_text(const std::string& text, std::string& error) {
    Script script;
    std::istringstream in(text);
    std::size_t line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::vector<std::string> t;
        std::istringstream fields(line.substr(0, line.find(" ;")));
        for (std::string token; fields >> token;) {
            t.push_back(token);
        }
        if (t.empty()) {
            continue;
        }
        ScriptLine l;
        const std::string problem = parse_line(t, l);
        if (!problem.empty()) {
            error = "line " + std::to_string(line_no) + ": " + problem;
            return std::nullopt;
        }
        script.lines.push_back(std::move(l));
    }
    return script;
}

} // namespace tmsc::targets::magventure
