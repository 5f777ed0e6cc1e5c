#include "ui/adapters/training_adapters.h"

namespace tlw::ui {

EpochPoint epochPointFrom(const tlw::EpochMetrics& metrics) {
    EpochPoint point;
    point.epoch = metrics.epoch;
    point.loss = metrics.loss;
    point.accuracy = metrics.accuracy;
    // The charts take a negative value for "no validation this epoch".
    point.valLoss = metrics.valLoss.value_or(-1.0);
    point.valAccuracy = metrics.valAccuracy.value_or(-1.0);
    return point;
}

TrainingProgress trainingProgressFrom(const tlw::BatchProgress& progress, int phases) {
    TrainingProgress result;
    switch (progress.stage) {
        case tlw::TrainingStage::Preparing:
            result.step = TrainingStep::Preparing;
            break;
        case tlw::TrainingStage::CachingFeatures:
            result.step = TrainingStep::CachingFeatures;
            break;
        case tlw::TrainingStage::Training:
            result.step = TrainingStep::Training;
            break;
        case tlw::TrainingStage::Validating:
            result.step = TrainingStep::Validating;
            break;
        case tlw::TrainingStage::Testing:
            result.step = TrainingStep::Testing;
            break;
        case tlw::TrainingStage::Saving:
            result.step = TrainingStep::Saving;
            break;
    }
    result.epoch = progress.epoch;
    result.epochs = progress.epochs;
    result.batch = static_cast<int>(progress.batch);
    result.batches = static_cast<int>(progress.batches);
    result.imagesPerSecond = progress.imagesPerSecond;
    result.etaSeconds = progress.etaSeconds;
    result.phase = progress.phase;
    result.phases = phases;
    return result;
}

FeatureCacheStatus cacheStatusFrom(const tlw::PhaseStarted& phase) {
    FeatureCacheStatus status;
    status.used = phase.cacheUsed;
    status.cachedLayer = QString::fromStdString(phase.cachedLayer);
    status.refusal = phase.cacheRefusal;
    return status;
}

double epochPosition(const tlw::BatchProgress& progress) {
    const double within = progress.batches > 0
                              ? static_cast<double>(progress.batch) / static_cast<double>(progress.batches)
                              : 1.0;
    return (progress.epoch - 1) + within;
}

}  // namespace tlw::ui
