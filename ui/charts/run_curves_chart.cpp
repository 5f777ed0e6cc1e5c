#include "ui/charts/run_curves_chart.h"

#include <QEvent>

namespace tlw::ui {

// One legend entry per row: a run's name is its model file's, long.
RunCurvesChart::RunCurvesChart(QWidget* parent) : OverlayCurvesChart(parent, 1) {
    setObjectName(QStringLiteral("runCurvesChart"));
    retranslateUi();
}

void RunCurvesChart::showRuns(const std::vector<Run>& runs) {
    m_runs = runs;
    redraw();
}

void RunCurvesChart::setFigure(Figure figure) {
    m_figure = figure;
    setScale(figure == Figure::ValAccuracy ? Scale::Fraction : Scale::Positive);
    retranslateUi();
    redraw();
}

// Epochs without the figure (a run without validation images) leave no point.
void RunCurvesChart::redraw() {
    clear();
    for (const Run& run : m_runs) {
        for (const tlw::EpochMetrics& epoch : run.history.epochs) {
            const std::optional<double> value =
                m_figure == Figure::ValAccuracy ? epoch.valAccuracy : epoch.valLoss;
            if (value) appendPoint(run.key, epoch.epoch, *value);
        }
        setCurveName(run.key, run.name);
    }
}

void RunCurvesChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    OverlayCurvesChart::changeEvent(event);
}

void RunCurvesChart::retranslateUi() {
    const bool accuracy = m_figure == Figure::ValAccuracy;
    setTitle(accuracy ? tr("Validation accuracy per epoch") : tr("Validation loss per epoch"));
    xAxis->setLabel(tr("Epoch"));
    yAxis->setLabel(accuracy ? tr("Validation accuracy") : tr("Validation loss"));
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
