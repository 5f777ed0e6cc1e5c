#include "ui/charts/sweep_curves_chart.h"

#include <QEvent>

namespace tlw::ui {

namespace {
QString keyOf(int fineTuneAt) { return QString::number(fineTuneAt); }
}  // namespace

SweepCurvesChart::SweepCurvesChart(QWidget* parent) : OverlayCurvesChart(parent) {
    setObjectName(QStringLiteral("sweepCurvesChart"));
    retranslateUi();
}

QCPGraph* SweepCurvesChart::curveOf(int fineTuneAt) const {
    return OverlayCurvesChart::curveOf(keyOf(fineTuneAt));
}

void SweepCurvesChart::appendEpoch(int fineTuneAt, int epoch, double valAccuracy) {
    const bool isNew = curveOf(fineTuneAt) == nullptr;
    appendPoint(keyOf(fineTuneAt), epoch, valAccuracy);
    if (isNew) setCurveName(keyOf(fineTuneAt), tr("from layer %1").arg(fineTuneAt));
}

void SweepCurvesChart::highlight(int fineTuneAt) { OverlayCurvesChart::highlight(keyOf(fineTuneAt)); }

void SweepCurvesChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    OverlayCurvesChart::changeEvent(event);
}

void SweepCurvesChart::retranslateUi() {
    setTitle(tr("Validation accuracy per epoch"));
    xAxis->setLabel(tr("Epoch"));
    yAxis->setLabel(tr("Validation accuracy"));
    for (const auto& curve : curves()) curve.second->setName(tr("from layer %1").arg(curve.first));
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
