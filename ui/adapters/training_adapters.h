#pragma once

#include "core/train/training_history.h"
#include "core/train/training_observer.h"
#include "ui/charts/epoch_point.h"
#include "ui/pages/training_page.h"

// The Training page's picture of what the engine reports: core's observer structs as the page's value
// types, so the page and the charts stay free of core.
namespace tlw::ui {

EpochPoint epochPointFrom(const tlw::EpochMetrics& metrics);
// `phases`: 2 for a two-phase run.
TrainingProgress trainingProgressFrom(const tlw::BatchProgress& progress, int phases);
FeatureCacheStatus cacheStatusFrom(const tlw::PhaseStarted& phase);
// Where a batch sits on the charts' epoch axis: epoch e's batches lie in (e - 1, e].
double epochPosition(const tlw::BatchProgress& progress);

}  // namespace tlw::ui
