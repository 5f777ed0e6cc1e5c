#pragma once

#include <QWidget>

#include "ui/charts/epoch_point.h"

namespace tlw::ui {

class AccuracyChart;
class LossChart;

// The tutorial's figure: the accuracy chart beside the loss chart, fed together.
class TrainingCharts : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCharts(QWidget* parent = nullptr);

    AccuracyChart* accuracyChart() const { return m_accuracy; }
    LossChart* lossChart() const { return m_loss; }

public slots:
    void appendEpoch(const tlw::ui::EpochPoint& point);
    // One batch: `epochPosition` is fractional, see EpochChart::appendBatch().
    void appendBatch(double epochPosition, double loss, double accuracy);
    void setBatchCurvesVisible(bool visible);
    void setFineTuneStart(double epoch);
    void clear();

private:
    AccuracyChart* m_accuracy;
    LossChart* m_loss;
};

}  // namespace tlw::ui
