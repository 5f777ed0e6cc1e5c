#include "core/demo/font_locator.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <system_error>

namespace tlw {
namespace {

bool isFontFile(const std::filesystem::path& file) {
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".ttf" || extension == ".ttc" || extension == ".otf";
}

std::vector<std::filesystem::path> fontFilesUnder(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    // Folder symlinks are not followed: a loop among them must not hang the scan.
    const auto options = std::filesystem::directory_options::skip_permission_denied;
    std::filesystem::recursive_directory_iterator it(dir, options, error);
    // A missing or unreadable folder simply holds no fonts; so does a broken entry inside one.
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        std::error_code statError;
        if (it->is_regular_file(statError) && isFontFile(it->path())) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

FontLocator::FontLocator(std::vector<std::filesystem::path> dirs) : m_dirs(std::move(dirs)) {
    for (const auto& dir : m_dirs) {
        auto files = fontFilesUnder(dir);
        for (auto& file : files)
            if (std::find(m_files.begin(), m_files.end(), file) == m_files.end())
                m_files.push_back(std::move(file));
    }
}

std::optional<std::filesystem::path> FontLocator::find(const std::string& fileName) const {
    for (const auto& file : m_files)
        if (file.filename() == fileName) return file;
    return std::nullopt;
}

std::vector<std::filesystem::path> defaultFontDirs() {
    std::vector<std::filesystem::path> dirs;
    const char* home = std::getenv("HOME");
    const char* dataHome = std::getenv("XDG_DATA_HOME");
    if (dataHome && *dataHome == '/')
        dirs.emplace_back(std::filesystem::path(dataHome) / "fonts");
    else if (home && *home)
        dirs.emplace_back(std::filesystem::path(home) / ".local/share/fonts");
    if (home && *home) dirs.emplace_back(std::filesystem::path(home) / ".fonts");
    dirs.emplace_back("/usr/local/share/fonts");
    dirs.emplace_back("/usr/share/fonts");
    return dirs;
}

}  // namespace tlw
