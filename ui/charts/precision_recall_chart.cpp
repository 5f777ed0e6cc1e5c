#include "ui/charts/precision_recall_chart.h"

#include <QEvent>
#include <cmath>

#include "ui/charts/threshold_chart_style.h"

namespace tlw::ui {

namespace {
const QColor kCurveColor(0xff, 0x7f, 0x0e);
}  // namespace

PrecisionRecallChart::PrecisionRecallChart(QWidget* parent)
    : QCustomPlot(parent),
      m_title(nullptr),
      m_baseline(addGraph()),
      m_curve(new QCPCurve(xAxis, yAxis)),
      m_marker(addGraph()) {
    setObjectName(QStringLiteral("precisionRecallChart"));
    m_title = styleThresholdChart(this, m_baseline, m_curve, m_marker, kCurveColor, Qt::AlignLeft);
    clear();
}

void PrecisionRecallChart::setCurves(const tlw::BinaryCurves& curves) {
    clear();
    // The strictest point (nothing called positive) has no precision worth drawing.
    for (std::size_t i = 1; i < curves.points.size(); ++i)
        m_curve->addData(curves.points[i].truePositiveRate, curves.points[i].precision);
    const std::size_t images = curves.positives + curves.negatives;
    const double share =
        images > 0 ? static_cast<double>(curves.positives) / static_cast<double>(images) : 0.0;
    m_baseline->setData({0.0, 1.0}, {share, share});
    m_averagePrecision = curves.averagePrecision;
    retranslateUi();
}

void PrecisionRecallChart::setMarker(const std::optional<tlw::ThresholdPoint>& point) {
    m_marker->data()->clear();
    if (point) m_marker->addData(point->truePositiveRate, point->precision);
    replot(QCustomPlot::rpQueuedReplot);
}

void PrecisionRecallChart::clear() {
    m_curve->data()->clear();
    m_baseline->data()->clear();
    m_marker->data()->clear();
    m_averagePrecision = 0.0;
    retranslateUi();
}

QString PrecisionRecallChart::title() const { return m_title->text(); }

void PrecisionRecallChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QCustomPlot::changeEvent(event);
}

void PrecisionRecallChart::retranslateUi() {
    if (!hasCurve() || std::isnan(m_averagePrecision))
        m_title->setText(tr("Precision-Recall Curve"));
    else
        m_title->setText(
            tr("Precision-Recall: Average Precision %1").arg(QLocale().toString(m_averagePrecision, 'f', 3)));
    xAxis->setLabel(tr("Recall"));
    yAxis->setLabel(tr("Precision"));
    m_baseline->setName(tr("Share of positives"));
    m_curve->setName(tr("Model"));
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
