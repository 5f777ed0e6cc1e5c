#pragma once

#include "ui/charts/epoch_chart.h"

namespace tlw::ui {

// "Training and Validation Loss": cross entropy from 0, at least up to 1, legend in the upper right.
class LossChart : public EpochChart {
    Q_OBJECT
public:
    explicit LossChart(QWidget* parent = nullptr);

protected:
    double trainingValue(const EpochPoint& point) const override { return point.loss; }
    double validationValue(const EpochPoint& point) const override { return point.valLoss; }
    Style chartStyle() const override;
    QCPRange valueRange(const QCPRange& data) const override;
};

}  // namespace tlw::ui
