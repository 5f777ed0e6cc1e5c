#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/scan_notice.h"

namespace tlw {

// A file with an image extension found by the walk; nothing of it has been read yet.
struct IndexedFile {
    std::filesystem::path path;
    int label = 0;
    Subset subset = Subset::Train;  // from the split folder; Train when there are none
};

// An entry that is not usable, and why ("broken symbolic link", "cannot open folder: Permission denied").
struct SkippedFile {
    std::filesystem::path path;
    std::string reason;
};

// The fast first pass of a scan: the folder tree walked without opening a single file. It decides the
// layout and the classes, lists the candidate images (by extension, case-insensitive), and records what
// it ignored and why. Indexing 100,000 files takes well under 2 s (bench/scan_bench).
struct DatasetIndex {
    std::filesystem::path root;
    SplitLayout layout = SplitLayout::NoSplit;  // NoSplit or SplitFolders
    std::vector<std::string> classNames;        // sorted by UTF-8 bytes
    std::vector<IndexedFile> files;             // sorted by class, then path bytes
    std::vector<SkippedFile> skipped;           // broken links, link loops, unreadable folders, ...
    std::vector<std::filesystem::path> ignoredRootEntries;  // files (or unknown folders) beside the classes
    std::vector<std::filesystem::path> ignoredOtherFiles;   // files without an image extension
    std::size_t hiddenEntries = 0;                          // names starting with '.', never descended into
    std::vector<ScanNotice> warnings;
};

// Image extensions recognised (case-insensitive): jpg jpeg png bmp gif webp tif tiff ppm pgm pbm.
bool hasImageExtension(const std::filesystem::path& file);

// Whether the entry's name starts with '.': hidden files and folders are never images of a dataset.
bool isHiddenEntry(const std::filesystem::path& path);

// Class folders are the root's immediate sub-folders; a root holding train/ and val/ (or validation/)
// and optionally test/ is one dataset with fixed splits whose classes are the sub-folders of those.
// Files in nested folders belong to their class; symbolic links are followed (loops are reported).
// Throws tlw::Error only when the root itself is unusable (missing, not a folder, unreadable).
DatasetIndex indexDataset(const std::filesystem::path& root);

}  // namespace tlw
