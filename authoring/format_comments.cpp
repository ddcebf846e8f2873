#include "authoring/format_comments.hpp"

namespace tmsc {

namespace {

/// Does only blank space precede `offset` on its line?
bool starts_line(const std::string& text, std::size_t offset) {
    while (offset > 0 && (text[offset - 1] == ' ' || text[offset - 1] == '\t')) {
        --offset;
    }
    return offset == 0 || text[offset - 1] == '\n';
}

std::size_t skip_string(const std::string& text, std::size_t i) {
    for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') {
            ++i;
        }
    }
    return i + 1;
}

} // namespace

std::vector<SourceComment> scan_comments(const SourceFile& source) {
    const std::string& text = source.text();
    std::vector<SourceComment> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '"') {
            i = skip_string(text, i);
            continue;
        }
        if (text.compare(i, 2, "//") == 0 || text.compare(i, 2, "/*") == 0) {
            const bool line_comment = text[i + 1] == '/';
            std::size_t end = line_comment ? text.find('\n', i) : text.find("*/", i + 2);
            end = end == std::string::npos ? text.size() : end + (line_comment ? 0 : 2);
            std::string body = text.substr(i, end - i);
            while (!body.empty() && (body.back() == '\r' || body.back() == ' ')) {
                body.pop_back();
            }
            out.push_back(SourceComment{i, end, source.location(i).line, !starts_line(text, i),
                                        std::move(body)});
            i = end;
            continue;
        }
        ++i;
    }
    return out;
}

} // namespace tmsc
