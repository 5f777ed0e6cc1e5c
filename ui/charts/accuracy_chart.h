#pragma once

#include "ui/charts/epoch_chart.h"

namespace tlw::ui {

// "Training and Validation Accuracy": y from the lowest accuracy up to 1, legend in the lower right.
class AccuracyChart : public EpochChart {
    Q_OBJECT
public:
    explicit AccuracyChart(QWidget* parent = nullptr);

protected:
    double trainingValue(const EpochPoint& point) const override { return point.accuracy; }
    double validationValue(const EpochPoint& point) const override { return point.valAccuracy; }
    Style chartStyle() const override;
    QCPRange valueRange(const QCPRange& data) const override;
};

}  // namespace tlw::ui
