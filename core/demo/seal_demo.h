#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace tlw {

// The built-in demo dataset: synthetic red seal impressions (印章), one class per "engraver style" (a
// font, a carving, a border and a character layout), so that a first-time user can train without a
// dataset of their own. Torch-free: the CLI's make-demo and the GUI's "Try with demo data" both use it.

struct DemoOptions {
    int classes = 4;          // 2 .. demoStyleCount(); the first N styles of the table
    int perClass = 60;        // images per class, 1 .. 100000
    std::uint32_t seed = 42;  // same seed, options and fonts: byte-identical PNG files
    int imageSize = 224;      // square images, 32 .. 2048 pixels
    int threads = 0;          // rendering threads; 0: one per core (the output does not depend on it)
    // Folders searched (recursively) for the fonts; empty: the usual ones ($XDG_DATA_HOME/fonts,
    // ~/.local/share/fonts, ~/.fonts, /usr/local/share/fonts, /usr/share/fonts).
    std::vector<std::filesystem::path> fontDirs;
};

struct DemoClassInfo {
    std::string name;                // folder name, ASCII: "kai_baiwen_square"
    std::string chineseName;         // "楷书白文方印"
    std::string description;         // one English line: font, carving, border, layout
    std::filesystem::path fontFile;  // the font actually used
    std::string fontFamily;          // "AR PL UKai TW"
    bool fontFallback = false;       // the style's own font was missing and another one stands in
    int images = 0;
};

struct DemoSummary {
    std::filesystem::path dir;
    std::vector<DemoClassInfo> classes;
    int imageCount = 0;
    int imageSize = 0;
    std::uint32_t seed = 0;
    std::vector<std::string> warnings;  // e.g. a style drawn with a stand-in font
};

// Called on the calling thread as images are written; return false to cancel (generateSealDemo then
// throws tlw::Error and leaves DIR as it was).
using DemoProgress = std::function<bool(int done, int total)>;

// Renders the demo set into DIR/<class name>/<n>.png plus DIR/README.txt. DIR may be missing, empty or
// a previous demo set (which is replaced as a whole: the new set is written beside it and swapped in,
// so an interrupted run never leaves half a set); anything else is an error and nothing is touched.
// Throws tlw::Error: bad options, a non-empty folder that is not a demo set, no Chinese font installed
// (naming the Debian packages to install), or a write failure.
DemoSummary generateSealDemo(const std::filesystem::path& dir, const DemoOptions& options,
                             const DemoProgress& progress = {});

// $XDG_DATA_HOME/tlworkbench/demo-seals (~/.local/share/... when XDG_DATA_HOME is unset).
std::filesystem::path defaultDemoDir();

// True when DIR holds a complete set written by generateSealDemo (its marker file is there and valid).
bool isDemoSet(const std::filesystem::path& dir);

// How many styles (classes) the generator knows, and the Debian packages of the fonts it prefers.
int demoStyleCount();
std::vector<std::string> demoFontPackages();

}  // namespace tlw
