#pragma once

#include <QWidget>

#include "ui/charts/epoch_point.h"
#include "ui/workers/training_meta_types.h"  // first: the slots carry tlw::HeadSolveReport

namespace tlw::ui {

class AccuracyChart;
class CrossValidationChart;
class LossChart;

// The tutorial's figure: the accuracy chart beside the loss chart, fed together. After an exact head solve
// the cross-validation chart stands above them, and the epoch charts stay hidden until epochs that are
// more than the solve (a fine-tuning phase) arrive.
class TrainingCharts : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCharts(QWidget* parent = nullptr);

    AccuracyChart* accuracyChart() const { return m_accuracy; }
    LossChart* lossChart() const { return m_loss; }
    CrossValidationChart* crossValidationChart() const { return m_crossValidation; }
    // Not isVisible(): these hold while the page itself is hidden.
    bool crossValidationShown() const;
    bool epochChartsShown() const;

public slots:
    void appendEpoch(const tlw::ui::EpochPoint& point);
    // One batch: `epochPosition` is fractional, see EpochChart::appendBatch().
    void appendBatch(double epochPosition, double loss, double accuracy);
    void setBatchCurvesVisible(bool visible);
    void setFineTuneStart(double epoch);
    void setKeptEpoch(int epoch);  // the epoch whose weights the model holds; 0: none
    void showHeadSolve(const tlw::HeadSolveReport& report);
    void clear();

private:
    void setEpochChartsShown(bool shown);

    AccuracyChart* m_accuracy;
    LossChart* m_loss;
    CrossValidationChart* m_crossValidation;
    QWidget* m_epochCharts;
};

}  // namespace tlw::ui
