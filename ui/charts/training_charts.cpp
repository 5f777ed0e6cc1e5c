#include "ui/charts/training_charts.h"

#include <QHBoxLayout>

#include "ui/charts/accuracy_chart.h"
#include "ui/charts/loss_chart.h"

namespace tlw::ui {

TrainingCharts::TrainingCharts(QWidget* parent)
    : QWidget(parent), m_accuracy(new AccuracyChart(this)), m_loss(new LossChart(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_accuracy);
    layout->addWidget(m_loss);
}

void TrainingCharts::appendEpoch(const EpochPoint& point) {
    m_accuracy->appendEpoch(point);
    m_loss->appendEpoch(point);
}

void TrainingCharts::appendBatch(double epochPosition, double loss, double accuracy) {
    m_accuracy->appendBatch(epochPosition, accuracy);
    m_loss->appendBatch(epochPosition, loss);
}

void TrainingCharts::setBatchCurvesVisible(bool visible) {
    m_accuracy->setBatchCurveVisible(visible);
    m_loss->setBatchCurveVisible(visible);
}

void TrainingCharts::setFineTuneStart(double epoch) {
    m_accuracy->setFineTuneStart(epoch);
    m_loss->setFineTuneStart(epoch);
}

void TrainingCharts::clear() {
    m_accuracy->clear();
    m_loss->clear();
}

}  // namespace tlw::ui
