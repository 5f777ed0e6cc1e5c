#pragma once

#include <QString>

#include "core/train/training_config.h"
#include "ui/pages/dataset_overview.h"
#include "ui/pages/model_page.h"

namespace tlw::ui {

// Everything the three pages decided, as the training controller gathers it.
struct TrainingInputs {
    QString datasetFolder;
    DatasetSplitSource splitSource = DatasetSplitSource::None;  // what the last scan found
    SplitSettings split;
    ModelSettings model;           // trainable: one flag per layer of the table
    QString weightsFile;           // the file the weights panel found or the user chose; empty: none
    tlw::TrainingConfig training;  // the Training page's settings
    QString outputModel;           // the .tlwm file the run writes
};

// The engine's settings from the pages: the split folders, manifest or seeded validation fraction; the
// backbone, size, ImageNet top, dropout, weights (or random initialisation when the user chose to go
// on without) and the freeze set as Keras layer indices (layers[:K] when it is a prefix), over the
// Training page's settings. Throws tlw::Error (from TrainingConfig::validate()) naming a setting out of
// range.
tlw::TrainingConfig buildTrainingConfig(const TrainingInputs& inputs);

}  // namespace tlw::ui
