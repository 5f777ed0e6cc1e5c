#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <vector>

namespace tlw::ui {

// The trained model in use (after a run, or opened from a file), as the Evaluation and Predict pages
// describe it. No core types, so the pages can be built and tested without a model.
struct TrainedModelInfo {
    QString path;      // the file it was loaded from or last saved to
    QString backbone;  // "VGG16", "SqueezeNet v1.1"
    QStringList classNames;
    int imageSize = 0;       // square input side, pixels
    bool pretrained = true;  // false: the backbone started from random weights
    QString weightsNote;
    std::vector<double> classThresholds;  // saved per-class thresholds, one per class, or none

    bool isValid() const { return !classNames.isEmpty(); }
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::TrainedModelInfo)
