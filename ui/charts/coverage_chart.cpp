#include "ui/charts/coverage_chart.h"

#include <QEvent>

#include "ui/charts/threshold_chart_style.h"

namespace tlw::ui {

namespace {
const QColor kCurveColor(0x94, 0x67, 0xbd);
}  // namespace

CoverageChart::CoverageChart(QWidget* parent)
    : QCustomPlot(parent),
      m_title(nullptr),
      m_everything(addGraph()),
      m_curve(new QCPCurve(xAxis, yAxis)),
      m_marker(addGraph()) {
    setObjectName(QStringLiteral("coverageChart"));
    m_title = styleThresholdChart(this, m_everything, m_curve, m_marker, kCurveColor, Qt::AlignLeft);
    clear();
}

void CoverageChart::setCurve(const std::vector<tlw::CoveragePoint>& curve) {
    clear();
    for (const tlw::CoveragePoint& point : curve) m_curve->addData(point.coverage(), point.accuracy());
    if (!curve.empty()) {
        const double all = curve.front().accuracy();  // threshold 0: every image answered
        m_everything->setData({0.0, 1.0}, {all, all});
    }
    retranslateUi();
}

void CoverageChart::setMarker(const std::optional<tlw::CoveragePoint>& point) {
    m_marker->data()->clear();
    if (point) m_marker->addData(point->coverage(), point->accuracy());
    replot(QCustomPlot::rpQueuedReplot);
}

void CoverageChart::clear() {
    m_curve->data()->clear();
    m_everything->data()->clear();
    m_marker->data()->clear();
    retranslateUi();
}

QString CoverageChart::title() const { return m_title->text(); }

void CoverageChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QCustomPlot::changeEvent(event);
}

void CoverageChart::retranslateUi() {
    m_title->setText(tr("Coverage and Accuracy"));
    xAxis->setLabel(tr("Coverage (share of images answered)"));
    yAxis->setLabel(tr("Accuracy on the answered images"));
    m_everything->setName(tr("Answering every image"));
    m_curve->setName(tr("One threshold for all classes"));
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
