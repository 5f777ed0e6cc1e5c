#include "core/models/export_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/data/preprocess.h"
#include "core/util/error.h"

namespace tlw {
namespace {

std::size_t argMax(const std::vector<float>& row) {
    return static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin());
}

std::string scientific(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2g", value);
    return text;
}

}  // namespace

ExportCheckReport compareProbabilities(const std::vector<std::vector<float>>& exported,
                                       const std::vector<std::vector<float>>& workbench) {
    if (exported.size() != workbench.size())
        throw Error("export check: " + std::to_string(exported.size()) + " answers for " +
                    std::to_string(workbench.size()) + " images");
    ExportCheckReport report;
    report.imageCount = workbench.size();
    for (std::size_t i = 0; i < workbench.size(); ++i) {
        if (exported[i].size() != workbench[i].size())
            throw Error("export check: " + std::to_string(exported[i].size()) + " probabilities per image, " +
                        "expected " + std::to_string(workbench[i].size()));
        if (argMax(exported[i]) == argMax(workbench[i])) ++report.labelsAgreeing;
        for (std::size_t c = 0; c < workbench[i].size(); ++c) {
            const double difference = std::abs(static_cast<double>(exported[i][c]) - workbench[i][c]);
            // NaN compares false: count it as the worst difference, not as none.
            report.largestDifference =
                std::isnan(difference) ? INFINITY : std::max(report.largestDifference, difference);
        }
    }
    return report;
}

std::vector<float> exportInputBatch(const std::vector<RgbImage>& images, ImageSize size,
                                    bool cropToAspectRatio) {
    PreprocessOptions options;
    options.width = size.width;
    options.height = size.height;
    options.cropToAspectRatio = cropToAspectRatio;
    std::vector<float> batch;
    batch.reserve(images.size() * 3 * static_cast<size_t>(size.width) * static_cast<size_t>(size.height));
    for (const RgbImage& image : images) {
        const FloatImage resized = resizeForModel(image, options);
        batch.insert(batch.end(), resized.pixels.begin(), resized.pixels.end());
    }
    return batch;
}

std::string exportCheckSummary(const ExportCheckReport& report) {
    if (!report.checked()) return "not checked";
    return "checked with " + report.runtime + " on " + report.imageSource + ": " +
           std::to_string(report.labelsAgreeing) + " of " + std::to_string(report.imageCount) +
           " labels agree, largest difference " + scientific(report.largestDifference) + " (tolerance " +
           scientific(kExportCheckTolerance) + ")";
}

}  // namespace tlw
