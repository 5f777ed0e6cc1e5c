#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tlw {

// Finds font files on disk. The demo generator asks for fonts by file name (the Debian packages install
// them under fixed names) rather than through fontconfig, so that a seed always picks the same font file
// and tests can point it at a folder of their own.
class FontLocator {
public:
    // Scans the folders recursively, in the order given; unreadable folders are skipped.
    explicit FontLocator(std::vector<std::filesystem::path> dirs);

    // The first font file called fileName (in folder order, then path order), if any.
    std::optional<std::filesystem::path> find(const std::string& fileName) const;

    // Every .ttf/.ttc/.otf file found, in folder order, then path order.
    const std::vector<std::filesystem::path>& fontFiles() const noexcept { return m_files; }
    const std::vector<std::filesystem::path>& dirs() const noexcept { return m_dirs; }

private:
    std::vector<std::filesystem::path> m_dirs;
    std::vector<std::filesystem::path> m_files;
};

// $XDG_DATA_HOME/fonts (or ~/.local/share/fonts), ~/.fonts, /usr/local/share/fonts, /usr/share/fonts.
std::vector<std::filesystem::path> defaultFontDirs();

}  // namespace tlw
