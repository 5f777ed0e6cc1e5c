#include "core/models/export_self_check.h"

#include <algorithm>

#include "core/util/error.h"

namespace tlw {
namespace {

// Images per run of the exported file: bounds memory when many check images are given.
constexpr std::size_t kCheckBatch = 16;

}  // namespace

ExportCheckReport selfCheckExport(const TrainedModel& model, const std::filesystem::path& file,
                                  const ExportCheckImages& check, const std::string& runtime,
                                  const ExportedModelRunner& run) {
    const ModelDescription& description = model.description();
    std::vector<std::vector<float>> exported;
    for (std::size_t first = 0; first < check.images.size(); first += kCheckBatch) {
        const std::size_t count = std::min(kCheckBatch, check.images.size() - first);
        const std::vector<RgbImage> images(check.images.begin() + static_cast<std::ptrdiff_t>(first),
                                           check.images.begin() + static_cast<std::ptrdiff_t>(first + count));
        std::vector<std::vector<float>> rows =
            run(exportInputBatch(images, description.imageSize, description.cropToAspectRatio), count);
        exported.insert(exported.end(), rows.begin(), rows.end());
    }
    ExportCheckReport report = compareProbabilities(exported, model.probabilities(check.images));
    report.runtime = runtime;
    report.imageSource = check.source;
    if (!report.passed())
        throw Error(file, "the exported model disagrees with TL Workbench, so it was not written (" +
                              exportCheckSummary(report) + ")");
    return report;
}

}  // namespace tlw
