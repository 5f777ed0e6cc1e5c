#include "ui/adapters/training_config_builder.h"

#include <algorithm>
#include <vector>

#include "core/models/backbone.h"
#include "ui/adapters/paths.h"

namespace tlw::ui {

namespace {

// The table's flags as core's freeze set; a table not built yet freezes the whole base, as the tutorial.
tlw::FreezeSpec freezeSpecFrom(const std::vector<bool>& trainable) {
    if (trainable.empty()) return tlw::FreezeSpec::all();
    std::vector<bool> frozen;
    for (const bool flag : trainable) frozen.push_back(!flag);
    return tlw::FreezeSpec::fromMask(frozen);
}

}  // namespace

tlw::TrainingConfig buildTrainingConfig(const TrainingInputs& inputs) {
    // The Training page's settings are already core's; the dataset and Model pages add theirs.
    tlw::TrainingConfig config = inputs.training;
    const ModelSettings& model = inputs.model;

    config.dataDir = toPath(inputs.datasetFolder);
    // Split folders keep their split; a manifest fixes the subsets; otherwise Keras's validation_split.
    if (inputs.splitSource != DatasetSplitSource::SplitFolders) {
        if (!inputs.split.manifestPath.isEmpty())
            config.manifest = toPath(inputs.split.manifestPath);
        else
            config.validationSplit = inputs.split.validationFraction;
    }
    config.seed = static_cast<std::uint64_t>(inputs.split.seed);

    config.backbone = tlw::parseBackboneKind(model.backbone.toStdString());
    config.imageSize = {model.imageSize, model.imageSize};
    config.replaceImageNetTop = model.includeTop;
    config.dropout = model.dropout;
    config.normalizeFeatures = model.normalizeFeatures;
    config.updateBatchNormStatistics = model.updateBatchNormStatistics;
    config.freeze = freezeSpecFrom(model.trainable);
    if (!inputs.weightsFile.isEmpty()) config.weightsFile = toPath(inputs.weightsFile);
    // The Model page offers the download with progress; a run never starts one behind the user's back.
    config.allowDownload = false;
    config.allowRandomInit = !model.pretrained;
    config.outputModel = toPath(inputs.outputModel);
    config.validate();
    return config;
}

}  // namespace tlw::ui
