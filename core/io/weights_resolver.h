#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/io/download.h"
#include "core/io/weights_discovery.h"

namespace tlw {

struct WeightsDownloadOptions {
    bool allowed = true;  // false: discovery only (offline by choice)
    std::function<void(const DownloadProgress&)> progress;
    const std::atomic<bool>* cancel = nullptr;
    std::string urlOverride;  // instead of the official URL (a mirror; file:// in tests)
};

struct WeightsResolution {
    std::filesystem::path file;
    bool downloaded = false;
    WeightsSearch search;  // where discovery looked
};

// The backbone's Keras ImageNet weights: discovery (explicit path, $TLW_WEIGHTS_DIR, ~/.keras/models/, the
// app data folder), then, when nothing is found, a download from the official Keras URL into ~/.keras/models/
// with its MD5 verified. Throws tlw::Error saying what failed and where to put the file; a caller may then
// go on with random initialisation (and label its results "not pretrained").
WeightsResolution resolveBackboneWeights(BackboneKind kind, bool includeTop,
                                         const std::optional<std::filesystem::path>& explicitPath,
                                         const WeightsEnvironment& environment,
                                         const WeightsDownloadOptions& download = {});

}  // namespace tlw
