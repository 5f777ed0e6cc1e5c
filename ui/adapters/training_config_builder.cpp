#include "ui/adapters/training_config_builder.h"

#include <algorithm>
#include <vector>

#include "core/models/backbone.h"
#include "ui/adapters/paths.h"

namespace tlw::ui {

namespace {

// The most readable spec that freezes exactly these layers: "all", Keras's layers[:K], or indices.
tlw::FreezeSpec freezeSpecFrom(const std::vector<bool>& trainable) {
    if (trainable.empty() || std::none_of(trainable.begin(), trainable.end(), [](bool t) { return t; }))
        return tlw::FreezeSpec::all();
    const auto firstTrainable = std::find(trainable.begin(), trainable.end(), true);
    if (firstTrainable == trainable.begin() &&
        std::all_of(trainable.begin(), trainable.end(), [](bool t) { return t; }))
        return tlw::FreezeSpec();  // nothing frozen
    if (std::all_of(firstTrainable, trainable.end(), [](bool t) { return t; }))
        return tlw::FreezeSpec::fineTuneAt(static_cast<int>(firstTrainable - trainable.begin()));
    std::vector<int> frozen;
    for (std::size_t i = 0; i < trainable.size(); ++i)
        if (!trainable[i]) frozen.push_back(static_cast<int>(i));
    return tlw::FreezeSpec::layerIndices(std::move(frozen));
}

tlw::AugmentationSettings augmentationFrom(const AugmentationChoice& choice) {
    tlw::AugmentationSettings settings;
    settings.horizontalFlip = choice.horizontalFlip;
    settings.rotation = choice.rotation;
    settings.zoom = choice.zoom;
    settings.translation = choice.translation;
    settings.contrast = choice.contrast;
    return settings;
}

}  // namespace

tlw::TrainingConfig buildTrainingConfig(const TrainingInputs& inputs) {
    tlw::TrainingConfig config;
    const TrainingSettings& training = inputs.training;
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
    config.freeze = freezeSpecFrom(model.trainable);
    if (!inputs.weightsFile.isEmpty()) config.weightsFile = toPath(inputs.weightsFile);
    // The Model page offers the download with progress; a run never starts one behind the user's back.
    config.allowDownload = false;
    config.allowRandomInit = !model.pretrained;

    config.epochs = training.epochs;
    config.batchSize = training.batchSize;
    config.learningRate = training.learningRate;
    config.optimizer = tlw::parseOptimizerKind(training.optimizer.toStdString());
    config.momentum = training.momentum;
    config.classWeighting =
        training.balancedClassWeights ? tlw::ClassWeighting::Balanced : tlw::ClassWeighting::None;
    const tlw::MonitoredMetric monitor = tlw::parseMonitoredMetric(training.monitor.toStdString());
    config.earlyStopping.enabled = training.earlyStopping;
    config.earlyStopping.monitor = monitor;
    config.earlyStopping.patience = training.patience;
    config.earlyStopping.minDelta = training.minDelta;
    config.reduceLr.enabled = training.reduceLrOnPlateau;
    config.reduceLr.monitor = monitor;
    config.augmentation = augmentationFrom(training.augmentation);
    if (training.fineTunePhase) {
        tlw::FineTuneSettings fineTune;
        fineTune.epochs = training.fineTuneEpochs;
        fineTune.fineTuneAt = training.fineTuneAt >= 0 ? training.fineTuneAt : inputs.presetFineTuneAt;
        fineTune.learningRate = training.fineTuneLearningRate;
        config.fineTune = fineTune;
    }
    config.threads = training.threads;
    config.cache.enabled = training.featureCache;
    config.precision = tlw::parsePrecision(training.precision.toStdString());
    config.outputModel = toPath(inputs.outputModel);
    config.validate();
    return config;
}

}  // namespace tlw::ui
