#include "ui/charts/roc_chart.h"

#include <QEvent>
#include <cmath>

#include "ui/charts/threshold_chart_style.h"

namespace tlw::ui {

namespace {
const QColor kCurveColor(0x1f, 0x77, 0xb4);
}  // namespace

RocChart::RocChart(QWidget* parent)
    : QCustomPlot(parent),
      m_title(nullptr),
      m_chance(addGraph()),
      m_curve(new QCPCurve(xAxis, yAxis)),
      m_marker(addGraph()) {
    setObjectName(QStringLiteral("rocChart"));
    m_title = styleThresholdChart(this, m_chance, m_curve, m_marker, kCurveColor, Qt::AlignRight);
    m_chance->setData({0.0, 1.0}, {0.0, 1.0});
    clear();
}

void RocChart::setCurves(const tlw::BinaryCurves& curves) {
    clear();
    for (const tlw::ThresholdPoint& point : curves.points)
        m_curve->addData(point.falsePositiveRate, point.truePositiveRate);
    m_auc = curves.rocAuc;
    retranslateUi();
}

void RocChart::setMarker(const std::optional<tlw::ThresholdPoint>& point) {
    m_marker->data()->clear();
    if (point) m_marker->addData(point->falsePositiveRate, point->truePositiveRate);
    replot(QCustomPlot::rpQueuedReplot);
}

void RocChart::clear() {
    m_curve->data()->clear();
    m_marker->data()->clear();
    m_auc = 0.0;
    retranslateUi();
}

QString RocChart::title() const { return m_title->text(); }

void RocChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QCustomPlot::changeEvent(event);
}

void RocChart::retranslateUi() {
    if (!hasCurve())
        m_title->setText(tr("ROC Curve"));
    else if (std::isnan(m_auc))
        m_title->setText(tr("ROC Curve (needs images of both classes)"));
    else
        m_title->setText(tr("ROC Curve: AUC %1").arg(QLocale().toString(m_auc, 'f', 3)));
    xAxis->setLabel(tr("False positive rate"));
    yAxis->setLabel(tr("True positive rate (recall)"));
    m_chance->setName(tr("Chance"));
    m_curve->setName(tr("Model"));
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
