#pragma once

#include <vector>

#include "core/train/training_history.h"
#include "ui/charts/overlay_curves_chart.h"

namespace tlw::ui {

// Recorded runs side by side: one figure per epoch (validation accuracy or validation loss), one curve per
// run, its legend entry naming the run.
class RunCurvesChart : public OverlayCurvesChart {
    Q_OBJECT
public:
    enum class Figure { ValAccuracy, ValLoss };
    struct Run {
        QString key;   // the run's model file
        QString name;  // what the legend says
        tlw::TrainingHistory history;
    };

    explicit RunCurvesChart(QWidget* parent = nullptr);

    void showRuns(const std::vector<Run>& runs);
    void setFigure(Figure figure);
    Figure figure() const { return m_figure; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void redraw();
    void retranslateUi();

    std::vector<Run> m_runs;
    Figure m_figure = Figure::ValAccuracy;
};

}  // namespace tlw::ui
