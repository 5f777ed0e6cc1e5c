#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <array>
#include <vector>

#include "core/data/scan_notice.h"

namespace tlw::ui {

// The Dataset page's value types: what a scan found, as plain values (Qt's, and core's plain ScanNotice), so
// the page can be built and tested without a scan; ui/adapters/ fills them from core's ScanReport. The page
// words them (tr()), so they are re-worded when the language changes.

enum class DatasetSubset { Train, Validation, Test };
inline constexpr int kDatasetSubsetCount = 3;

struct DatasetClassSummary {
    QString name;
    QStringList imagePaths;                         // the usable images, every subset
    QList<DatasetSubset> imageSubsets{};            // each image's subset, or none when unknown
    std::array<int, kDatasetSubsetCount> counts{};  // usable images per subset
    int skipped = 0;                                // files of this class that cannot be used
    // Usable images: the sum of the subset counts, or the number of paths when no count is set.
    int total() const;
};

struct SkippedFileEntry {
    QString path;
    QString reason;  // core's words: "not an image (text file)", "truncated JPEG"
};

struct DuplicateGroupEntry {
    // The most serious first: the same picture in training and validation inflates validation accuracy.
    enum class Kind { WithinClass, AcrossClasses, AcrossSubsets };
    Kind kind = Kind::WithinClass;
    QStringList files;
    qint64 sizeBytes = 0;
};

// What the scan report lists, section by section.
struct DatasetReport {
    std::vector<tlw::ScanNotice> errors;  // why the dataset cannot be trained on
    std::vector<tlw::ScanNotice> warnings;
    std::vector<SkippedFileEntry> skipped;
    std::vector<DuplicateGroupEntry> duplicates;
    QStringList ignoredRootEntries;  // files or unknown folders beside the class folders
    QStringList ignoredOtherFiles;   // files without an image extension
    int hiddenEntries = 0;           // names starting with '.', never looked into
    QStringList notInManifest;       // images found but left out by the manifest
    QStringList missingFromManifest;
    QStringList changedSinceManifest;
    bool hasProblems() const;  // anything but hidden entries
};

// Where the training and validation subsets come from.
enum class DatasetSplitSource { None, SplitFolders, ValidationFraction, Manifest };

struct DatasetOverview {
    QString folder;
    std::vector<DatasetClassSummary> classes;
    DatasetReport report;
    DatasetSplitSource splitSource = DatasetSplitSource::None;
    QStringList splitFolders;  // "train", "val", "test": the split folders the set has
    QString manifestPath;      // the manifest the split came from
    bool trainable = true;
    int imageFiles = 0;       // files with an image extension
    int usableImages = 0;     // of which can be trained on
    double seconds = 0.0;     // how long the scan took
    int verifiedEarlier = 0;  // images an earlier scan verified, unchanged since: not decoded again
    bool hasSubset(DatasetSubset subset) const;
    int totalImages() const;
};

// The page's split settings: a seeded validation fraction, or a split manifest that fixes the subsets.
// Folders with train/ and val/ sub-folders ignore both.
struct SplitSettings {
    double validationFraction = 0.2;  // Keras's validation_split
    int seed = 123;                   // Keras's seed (the tutorial's value)
    QString manifestPath;             // when set, the manifest's subsets are used
    bool operator==(const SplitSettings& other) const;
    bool operator!=(const SplitSettings& other) const { return !(*this == other); }
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::DatasetOverview)
Q_DECLARE_METATYPE(tlw::ui::SplitSettings)
