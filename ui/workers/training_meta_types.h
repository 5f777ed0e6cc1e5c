#pragma once

#include <QMetaType>
#include <memory>

#include "core/train/training_config.h"
#include "core/train/training_observer.h"
#include "core/train/training_session.h"

// Core's training structs as Qt meta-types, for the worker's queued signals. Every header whose signals
// or slots carry them includes this first: a type must be declared before any moc output uses it.
Q_DECLARE_METATYPE(tlw::TrainingConfig)
Q_DECLARE_METATYPE(tlw::RunStarted)
Q_DECLARE_METATYPE(tlw::PhaseStarted)
Q_DECLARE_METATYPE(tlw::BatchProgress)
Q_DECLARE_METATYPE(tlw::EpochMetrics)
Q_DECLARE_METATYPE(tlw::HeadSolveReport)
Q_DECLARE_METATYPE(tlw::RunNotice)
Q_DECLARE_METATYPE(std::shared_ptr<const tlw::TrainingResult>)

namespace tlw::ui {
// Registers them with Qt's queued connections; idempotent.
void registerTrainingMetaTypes();
}  // namespace tlw::ui
