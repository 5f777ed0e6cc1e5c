#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>

#include "core/data/dataset.h"
#include "core/data/image_header.h"
#include "core/data/scan_report.h"

namespace tlw {

struct ScanOptions {
    // Fraction of each class held out for validation when the folder has no train/val folders: stratified
    // per class, deterministic for a seed, byte-identical files of a class always in the same subset.
    // 0 = no validation subset. Ignored (with a warning) for split folders or a manifest.
    double validationSplit = 0.0;
    std::uint64_t seed = 1337;
    DecodeLimits limits;
    int threads = 0;     // 0 = one per core
    bool verify = true;  // decode every image fully; false: header and structure checks only (faster)
    std::optional<std::filesystem::path> manifest;  // reuse the subsets of a split manifest
    // The cache folder that keeps a memo of verdicts between scans (scanMemoFile): an image verified before
    // and unchanged since is not decoded again. Empty: no memo, every image is checked. Used only with
    // verify; a headers-only scan reads every header anyway.
    std::filesystem::path memoDirectory;
    // Called on the calling thread, a few times a second and once at the end, with files checked so far.
    std::function<void(std::size_t done, std::size_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;  // set it from any thread to stop early (report.cancelled)
};

struct ScanResult {
    Dataset dataset;
    ScanReport report;
};

// Indexes the folder (see indexDataset), reads and checks every image file on worker threads, splits,
// finds duplicates, and judges whether the dataset can be trained on. Bad files never throw: they are
// listed in report.skipped with the reason. Throws tlw::Error only when the root itself is unusable, the
// manifest cannot be read, or an option is out of range.
ScanResult scanDataset(const std::filesystem::path& root, const ScanOptions& options = {});

// Below this many images a class gets a warning (seal_script_regions's Yan has 5).
inline constexpr std::size_t kTinyClassImages = 10;
// Largest class over smallest class at or above this ratio gets an imbalance warning.
inline constexpr double kImbalanceRatio = 3.0;

}  // namespace tlw
