// A small line diff for `tmsc fmt --check`: longest common subsequence over lines, printed as
// unified-style hunks. Protocol files are small; past a size bound it reports the whole file.

#include "authoring/format.hpp"

#include <sstream>
#include <vector>

namespace tmsc {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

/// Largest table the LCS may fill (lines before × lines after).
constexpr std::size_t kMaxDiffCells = 4'000'000;

} // namespace

std::string line_diff(const std::string& path, const std::string& before, const std::string& after) {
    if (before == after) {
        return {};
    }
    const std::vector<std::string> a = split_lines(before);
    const std::vector<std::string> b = split_lines(after);
    std::string out = "--- " + path + "\n+++ " + path + " (formatted)\n";
    if ((a.size() + 1) * (b.size() + 1) > kMaxDiffCells) {
        return out + "@@ the whole file changes @@\n";
    }
    // lcs[i][j] = length of the LCS of a[i..] and b[j..].
    std::vector<std::vector<std::uint32_t>> lcs(a.size() + 1, std::vector<std::uint32_t>(b.size() + 1));
    for (std::size_t i = a.size(); i-- > 0;) {
        for (std::size_t j = b.size(); j-- > 0;) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    std::size_t i = 0;
    std::size_t j = 0;
    bool in_hunk = false;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            ++i;
            ++j;
            in_hunk = false;
            continue;
        }
        if (!in_hunk) {
            out += "@@ -" + std::to_string(i + 1) + " +" + std::to_string(j + 1) + " @@\n";
            in_hunk = true;
        }
        // Removals first, as diff(1) prints them.
        if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out += "-" + a[i++] + '\n';
        } else {
            out += "+" + b[j++] + '\n';
        }
    }
    return out;
}

} // namespace tmsc
