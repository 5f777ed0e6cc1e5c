#include "ui/adapters/scan_overview.h"

#include <system_error>

#include "core/data/dataset_scanner.h"
#include "ui/adapters/paths.h"

namespace tlw::ui {

namespace {

DatasetSplitSource splitSourceOf(tlw::SplitLayout layout) {
    switch (layout) {
        case tlw::SplitLayout::NoSplit:
            return DatasetSplitSource::None;
        case tlw::SplitLayout::SplitFolders:
            return DatasetSplitSource::SplitFolders;
        case tlw::SplitLayout::ValidationFraction:
            return DatasetSplitSource::ValidationFraction;
        case tlw::SplitLayout::Manifest:
            return DatasetSplitSource::Manifest;
    }
    return DatasetSplitSource::None;
}

DuplicateGroupEntry::Kind duplicateKindOf(tlw::DuplicateKind kind) {
    switch (kind) {
        case tlw::DuplicateKind::WithinClass:
            return DuplicateGroupEntry::Kind::WithinClass;
        case tlw::DuplicateKind::AcrossClasses:
            return DuplicateGroupEntry::Kind::AcrossClasses;
        case tlw::DuplicateKind::AcrossSubsets:
            return DuplicateGroupEntry::Kind::AcrossSubsets;
    }
    return DuplicateGroupEntry::Kind::WithinClass;
}

// The split folders as they are spelt on disk, in the order train, validation, test.
QStringList splitFoldersOf(const std::filesystem::path& root) {
    QStringList folders;
    for (const char* name : {"train", "val", "validation", "test"}) {
        std::error_code error;
        if (std::filesystem::is_directory(root / name, error)) folders.append(QString::fromLatin1(name));
    }
    return folders;
}

DatasetReport reportOf(const tlw::ScanReport& report) {
    DatasetReport out;
    out.errors = report.errors;
    out.warnings = report.warnings;
    for (const tlw::SkippedFile& file : report.skipped)
        out.skipped.push_back({toQString(file.path), QString::fromStdString(file.reason)});
    for (const tlw::DuplicateGroup& group : report.duplicates)
        out.duplicates.push_back({duplicateKindOf(group.kind()), toQStringList(group.files),
                                  static_cast<qint64>(group.sizeBytes)});
    out.ignoredRootEntries = toQStringList(report.ignoredRootEntries);
    out.ignoredOtherFiles = toQStringList(report.ignoredOtherFiles);
    out.hiddenEntries = static_cast<int>(report.hiddenEntries);
    out.notInManifest = toQStringList(report.notInManifest);
    out.missingFromManifest = toQStringList(report.missingFromManifest);
    out.changedSinceManifest = toQStringList(report.changedSinceManifest);
    return out;
}

DatasetSubset datasetSubsetOf(tlw::Subset subset) {
    switch (subset) {
        case tlw::Subset::Validation:
            return DatasetSubset::Validation;
        case tlw::Subset::Test:
            return DatasetSubset::Test;
        case tlw::Subset::Train:
            break;
    }
    return DatasetSubset::Train;
}

}  // namespace

DatasetOverview datasetOverviewFromScan(const tlw::ScanResult& scan) {
    const tlw::ScanReport& report = scan.report;
    const tlw::Dataset& dataset = scan.dataset;
    DatasetOverview overview;
    overview.folder = toQString(report.root);
    for (const tlw::ClassCount& count : report.classes) {
        DatasetClassSummary summary;
        summary.name = QString::fromStdString(count.name);
        for (int subset = 0; subset < kDatasetSubsetCount; ++subset)
            summary.counts[static_cast<size_t>(subset)] =
                static_cast<int>(count.images[static_cast<size_t>(subset)]);
        summary.skipped = static_cast<int>(count.skipped);
        overview.classes.push_back(std::move(summary));
    }
    // Samples come in class order, each class's files in path order.
    for (const tlw::Sample& sample : dataset.samples) {
        const auto label = static_cast<size_t>(sample.label);
        if (label >= overview.classes.size()) continue;
        overview.classes[label].imagePaths.append(toQString(sample.path));
        overview.classes[label].imageSubsets.append(datasetSubsetOf(sample.subset));
    }
    overview.report = reportOf(report);
    overview.splitSource = splitSourceOf(report.layout);
    if (report.layout == tlw::SplitLayout::SplitFolders) overview.splitFolders = splitFoldersOf(report.root);
    if (report.manifest) overview.manifestPath = toQString(*report.manifest);
    overview.trainable = report.trainable();
    overview.imageFiles = static_cast<int>(report.imageFiles);
    overview.usableImages = static_cast<int>(report.usableImages);
    overview.seconds = report.seconds;
    overview.verifiedEarlier = static_cast<int>(report.memo.verifiedEarlier());
    return overview;
}

}  // namespace tlw::ui
