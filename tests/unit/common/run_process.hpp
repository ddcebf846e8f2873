#pragma once
// Runs the tmsc binary as a separate process (popen), the way users and scripts see it: its
// exit status, standard output and standard error, each captured whole.

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace tmsc::testing_support {

/// What a finished process left behind.
struct ProcessResult {
    int exit_code = -1; ///< -1 when the process did not exit normally (a crash or signal)
    std::string out;
    std::string err;
};

/// Reads a whole file as bytes ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Quotes one argument for /bin/sh.
inline std::string shell_quote(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

/// A fresh, empty scratch directory under the system temp folder, unique to this process.
inline std::filesystem::path scratch_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("tmsc-test-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

/// Runs `command` (a /bin/sh command line) in `dir`; standard input is empty.
inline ProcessResult run_shell(const std::string& command, const std::filesystem::path& dir) {
    static int counter = 0;
    const auto err_path =
        std::filesystem::temp_directory_path() /
        ("tmsc-test-" + std::to_string(::getpid()) + "-stderr-" + std::to_string(counter++));
    // Standard input is empty unless the command pipes into tmsc itself.
    const std::string line = "cd " + shell_quote(dir.string()) + " && exec </dev/null && " +
                             command + " 2>" + shell_quote(err_path.string());
    ProcessResult result;
    FILE* pipe = ::popen(line.c_str(), "r");
    if (pipe == nullptr) {
        ADD_FAILURE() << "popen failed for: " << line;
        return result;
    }
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        result.out.append(buffer, n);
    }
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.err = read_file(err_path);
    std::filesystem::remove(err_path);
    return result;
}

/// Runs the tmsc binary with `args` (each quoted) in `dir`.
inline ProcessResult run_tmsc(const std::vector<std::string>& args,
                              const std::filesystem::path& dir = std::filesystem::current_path()) {
    std::string command = shell_quote(TMSC_BINARY);
    for (const std::string& arg : args) {
        command += ' ' + shell_quote(arg);
    }
    return run_shell(command, dir);
}

/// Number of lines in `text` (a last line without a newline counts).
inline std::size_t count_lines(const std::string& text) {
    std::size_t lines = 0;
    for (char c : text) {
        lines += c == '\n' ? 1 : 0;
    }
    return lines + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

} // namespace tmsc::testing_support
