#include "targets/devices/device_registry.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace tmsc::targets {

namespace {

std::optional<std::string> embedded_text(std::string_view name) {
    for (const EmbeddedProfile& p : embedded_profiles()) {
        if (p.name == name) {
            return std::string(p.json);
        }
    }
    return std::nullopt;
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        return std::nullopt;
    }
    return text.str();
}

bool ends_with_json(std::string_view text) {
    return text.size() > 5 && text.substr(text.size() - 5) == ".json";
}

std::string known_list() {
    std::string out;
    for (const std::string& name : builtin_device_names()) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

} // namespace

std::vector<std::string> builtin_device_names() {
    std::vector<std::string> names;
    for (const EmbeddedProfile& p : embedded_profiles()) {
        // Family files hold shared limits only; the loader refuses them as devices.
        if (p.name.find("-family") == std::string_view::npos) {
            names.emplace_back(p.name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

ProfileLoadResult load_device(std::string_view name_or_path) {
    if (ends_with_json(name_or_path)) {
        const std::filesystem::path path{std::string(name_or_path)};
        const std::optional<std::string> text = read_file(path);
        if (!text) {
            return {std::nullopt, std::string(name_or_path) + ": cannot read the profile file"};
        }
        // A user's profile may extend a file beside it or a built-in family.
        const auto parents = [dir = path.parent_path()](std::string_view name) {
            if (auto beside = read_file(dir / (std::string(name) + ".json"))) {
                return beside;
            }
            return embedded_text(name);
        };
        return load_profile_text(name_or_path, *text, parents);
    }
    const std::optional<std::string> text = embedded_text(name_or_path);
    if (!text || std::string_view(name_or_path).find("-family") != std::string_view::npos) {
        return {std::nullopt, "unknown device \"" + std::string(name_or_path) +
                                  "\"; known devices: " + known_list() +
                                  " (or a profile file ending in .json)"};
    }
    return load_profile_text("builtin:" + std::string(name_or_path), *text, embedded_text);
}

} // namespace tmsc::targets
