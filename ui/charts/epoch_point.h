#pragma once

#include <QMetaType>

namespace tlw::ui {

// One epoch's figures as the charts plot them (the lead adapts core's EpochMetrics to this).
// Accuracies are fractions in 0..1; a negative validation value means "no validation this epoch".
struct EpochPoint {
    int epoch = 0;  // the x coordinate: numbering is the caller's (1-based in the workbench)
    double loss = 0.0;
    double accuracy = 0.0;
    double valLoss = -1.0;
    double valAccuracy = -1.0;
};

}  // namespace tlw::ui

Q_DECLARE_METATYPE(tlw::ui::EpochPoint)
