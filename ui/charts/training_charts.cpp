#include "ui/charts/training_charts.h"

#include <QHBoxLayout>
#include <QVBoxLayout>

#include "ui/charts/accuracy_chart.h"
#include "ui/charts/cross_validation_chart.h"
#include "ui/charts/loss_chart.h"

namespace tlw::ui {

TrainingCharts::TrainingCharts(QWidget* parent)
    : QWidget(parent),
      m_accuracy(nullptr),
      m_loss(nullptr),
      m_crossValidation(new CrossValidationChart(this)),
      m_epochCharts(new QWidget(this)) {
    m_accuracy = new AccuracyChart(m_epochCharts);
    m_loss = new LossChart(m_epochCharts);
    auto* epochLayout = new QHBoxLayout(m_epochCharts);
    epochLayout->setContentsMargins(0, 0, 0, 0);
    epochLayout->setSpacing(12);
    epochLayout->addWidget(m_accuracy);
    epochLayout->addWidget(m_loss);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_crossValidation);
    layout->addWidget(m_epochCharts);
    m_crossValidation->setVisible(false);
}

bool TrainingCharts::crossValidationShown() const { return !m_crossValidation->isHidden(); }
bool TrainingCharts::epochChartsShown() const { return !m_epochCharts->isHidden(); }

void TrainingCharts::appendEpoch(const EpochPoint& point) {
    m_accuracy->appendEpoch(point);
    m_loss->appendEpoch(point);
    // The solve is the frozen phase's one epoch; a second point is fine-tuning, which has real curves.
    if (!epochChartsShown() && m_accuracy->trainingPointCount() > 1) setEpochChartsShown(true);
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

void TrainingCharts::setKeptEpoch(int epoch) {
    m_accuracy->setKeptEpoch(epoch);
    m_loss->setKeptEpoch(epoch);
}

void TrainingCharts::showHeadSolve(const tlw::HeadSolveReport& report) {
    m_crossValidation->setReport(report);
    m_crossValidation->setVisible(true);
    setEpochChartsShown(m_accuracy->trainingPointCount() > 1);
}

void TrainingCharts::clear() {
    m_accuracy->clear();
    m_loss->clear();
    m_crossValidation->clear();
    m_crossValidation->setVisible(false);
    setEpochChartsShown(true);
}

void TrainingCharts::setEpochChartsShown(bool shown) { m_epochCharts->setVisible(shown); }

}  // namespace tlw::ui
