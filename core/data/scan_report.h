#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/data/dataset_index.h"
#include "core/data/scan_notice.h"

namespace tlw {

// Byte-identical files among a dataset's images. Within one class they only weigh that image more;
// across classes the same picture carries two labels; across subsets a validation or test image was also
// trained on (leakage), which inflates validation accuracy.
enum class DuplicateKind { WithinClass, AcrossClasses, AcrossSubsets };
const char* duplicateKindName(DuplicateKind kind);  // "within-class", "across-classes", "across-subsets"

struct DuplicateGroup {
    std::vector<std::filesystem::path> files;  // sorted
    std::uint64_t sizeBytes = 0;
    bool acrossClasses = false;
    bool acrossSubsets = false;
    // The most serious of the three: AcrossSubsets (leakage) over AcrossClasses over WithinClass.
    DuplicateKind kind() const;
};

struct ClassCount {
    std::string name;
    std::array<std::size_t, kSubsetCount> images{};  // usable images per Subset
    std::size_t skipped = 0;                         // files of this class that could not be used
    std::size_t total() const { return images[0] + images[1] + images[2]; }
};

// How a verifying scan used its memo of earlier verdicts (core/data/scan_memo.h).
struct ScanMemoUse {
    std::filesystem::path file;      // the memo read and written; empty when the scan kept none
    std::size_t remembered = 0;      // images unchanged since a scan verified them: not even read
    std::size_t confirmed = 0;       // images whose stamp moved but whose bytes did not: hashed, not decoded
    std::size_t checked = 0;         // images read and checked now
    std::vector<std::string> notes;  // why the memo was ignored, or could not be written
    std::size_t verifiedEarlier() const { return remembered + confirmed; }
};

// Everything a scan found, for people (tlw scan's table, the GUI's dataset page) and for scripts (JSON).
struct ScanReport {
    std::filesystem::path root;
    SplitLayout layout = SplitLayout::NoSplit;
    double validationSplit = 0.0;
    std::uint64_t seed = 0;
    bool verified = true;  // every image fully decoded (false: header and structure checks only)

    std::vector<ClassCount> classes;   // in label order
    std::size_t imageFiles = 0;        // files with an image extension found
    std::size_t usableImages = 0;      // of which became samples
    std::vector<SkippedFile> skipped;  // sorted by path
    std::vector<std::filesystem::path> ignoredRootEntries;
    std::vector<std::filesystem::path> ignoredOtherFiles;
    std::size_t hiddenEntries = 0;
    std::vector<DuplicateGroup> duplicates;  // sorted by first file

    std::optional<std::filesystem::path> manifest;            // the manifest the split came from
    std::vector<std::filesystem::path> notInManifest;         // images found but left out
    std::vector<std::filesystem::path> missingFromManifest;   // listed but gone (or now unreadable)
    std::vector<std::filesystem::path> changedSinceManifest;  // content differs from the recorded hash

    std::vector<ScanNotice> warnings;
    std::vector<ScanNotice> errors;  // reasons the dataset cannot be trained on
    bool cancelled = false;
    double seconds = 0.0;
    ScanMemoUse memo;

    bool trainable() const { return errors.empty() && !cancelled; }
    std::size_t duplicateGroups(DuplicateKind kind) const;
    std::size_t imagesIn(Subset subset) const;
};

// The report as JSON (paths relative to root, '/'-separated UTF-8); what `tlw scan --json` prints.
std::string scanReportToJson(const ScanReport& report, int indent = 2);

}  // namespace tlw
