#include "ui/pages/dataset_overview.h"

#include <cmath>
#include <numeric>

namespace tlw::ui {

int DatasetClassSummary::total() const {
    const int counted = std::accumulate(counts.begin(), counts.end(), 0);
    return counted > 0 ? counted : static_cast<int>(imagePaths.size());
}

bool DatasetReport::hasProblems() const {
    return !errors.empty() || !warnings.empty() || !skipped.empty() || !duplicates.empty() ||
           !ignoredRootEntries.isEmpty() || !ignoredOtherFiles.isEmpty() || !notInManifest.isEmpty() ||
           !missingFromManifest.isEmpty() || !changedSinceManifest.isEmpty();
}

bool DatasetOverview::hasSubset(DatasetSubset subset) const {
    const auto index = static_cast<size_t>(subset);
    for (const DatasetClassSummary& summary : classes)
        if (summary.counts[index] > 0) return true;
    return false;
}

int DatasetOverview::totalImages() const {
    int total = 0;
    for (const DatasetClassSummary& summary : classes) total += summary.total();
    return total;
}

bool SplitSettings::operator==(const SplitSettings& other) const {
    // The spin box shows two decimals; closer values are the same setting.
    return std::abs(validationFraction - other.validationFraction) < 1e-6 && seed == other.seed &&
           manifestPath == other.manifestPath;
}

}  // namespace tlw::ui
