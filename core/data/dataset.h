#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/content_hash.h"

namespace tlw {

enum class Subset { Train, Validation, Test };
inline constexpr int kSubsetCount = 3;

const char* subsetName(Subset subset);  // "train", "validation", "test"
bool parseSubset(std::string_view name, Subset& subset);
inline constexpr int subsetIndex(Subset subset) { return static_cast<int>(subset); }

// Where a dataset's subsets come from.
enum class SplitLayout {
    NoSplit,             // one folder of classes, everything is training data
    SplitFolders,        // train/ + val/ or validation/ (+ test/) folders, each holding the classes
    ValidationFraction,  // a stratified, seeded validation_split of one folder of classes
    Manifest,            // the subsets recorded in a split manifest
};
const char* splitLayoutName(
    SplitLayout layout);  // "none", "split-folders", "validation-fraction", "manifest"

struct Sample {
    std::filesystem::path path;  // root / relative path
    int label = 0;               // index into Dataset::classNames
    Subset subset = Subset::Train;
    ContentHash hash;  // XXH3-128 of the file's bytes (duplicates, manifests, feature caches)
    std::uint64_t sizeBytes = 0;
};

// A dataset folder as image_dataset_from_directory sees it: classes sorted by the bytes of their UTF-8
// names, samples in class order then path order. Only images that decoded (or passed the header checks,
// for a scan without full decoding) are samples.
struct Dataset {
    std::filesystem::path root;
    std::vector<std::string> classNames;
    SplitLayout layout = SplitLayout::NoSplit;
    double validationSplit = 0.0;  // ValidationFraction only
    std::uint64_t seed = 0;        // ValidationFraction only
    std::vector<Sample> samples;

    std::vector<Sample> samplesIn(Subset subset) const;
    std::size_t count(Subset subset) const;
    std::size_t count(int label, Subset subset) const;
    std::size_t countOfClass(int label) const;
    bool hasSubset(Subset subset) const { return count(subset) > 0; }
    // "ants/ant photos.jpg": the sample's path relative to root, '/'-separated UTF-8.
    std::string relativePath(const Sample& sample) const;
};

// path relative to root as '/'-separated UTF-8; the full path when it does not lie under root.
std::string relativePathUnder(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace tlw
