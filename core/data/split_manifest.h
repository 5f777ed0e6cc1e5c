#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/util/content_hash.h"

namespace tlw {

// Which subset each file of a dataset went to, saved as JSON so that a run can be reproduced later even
// if files are added: rescanning with the manifest keeps every listed file in its subset, leaves new files
// out (and says so), and reports listed files that are gone or whose content changed.
struct SplitManifestEntry {
    std::string path;  // relative to the dataset root, '/'-separated UTF-8
    std::string className;
    Subset subset = Subset::Train;
    ContentHash hash;  // XXH3-128 of the bytes
    std::uint64_t sizeBytes = 0;
};

struct SplitManifest {
    static constexpr int kVersion = 1;
    std::string createdAt;                      // ISO 8601, UTC: "2024-05-01T12:00:00Z"
    std::string createdBy;                      // "tlw 0.1.0"
    SplitLayout layout = SplitLayout::NoSplit;  // the layout the split came from
    double validationSplit = 0.0;
    std::uint64_t seed = 0;
    std::vector<std::string> classNames;
    std::vector<SplitManifestEntry> files;
};

// The manifest of a scanned dataset: every sample with its class, subset and content hash.
SplitManifest makeSplitManifest(const Dataset& dataset);

// Atomic write (temporary file + rename); throws tlw::Error naming the file.
void writeSplitManifest(const SplitManifest& manifest, const std::filesystem::path& file);

// Throws tlw::Error naming the file and what is wrong ("not a split manifest", "entry 3: unknown subset").
SplitManifest readSplitManifest(const std::filesystem::path& file);

}  // namespace tlw
