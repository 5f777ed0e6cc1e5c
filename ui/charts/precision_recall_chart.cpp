#include "ui/charts/precision_recall_chart.h"

#include <QEvent>
#include <cmath>

namespace tlw::ui {

namespace {
const QColor kCurveColor(0xff, 0x7f, 0x0e);
const QColor kMarkerColor(0x2c, 0xa0, 0x2c);
}  // namespace

PrecisionRecallChart::PrecisionRecallChart(QWidget* parent)
    : QCustomPlot(parent),
      m_title(new QCPTextElement(this)),
      m_baseline(addGraph()),
      m_curve(new QCPCurve(xAxis, yAxis)),
      m_marker(addGraph()) {
    setObjectName(QStringLiteral("precisionRecallChart"));
    setMinimumSize(240, 220);
    setAntialiasedElements(QCP::aeAll);
    QFont font = this->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_title->setFont(font);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);
    m_baseline->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.2, Qt::DashLine));
    m_curve->setPen(QPen(kCurveColor, 2));
    m_marker->setLineStyle(QCPGraph::lsNone);
    m_marker->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kMarkerColor, 2), Qt::NoBrush, 12));
    m_marker->setName(QString());  // a ring, never in the legend
    m_marker->removeFromLegend();
    xAxis->setRange(0.0, 1.0);
    yAxis->setRange(0.0, 1.02);
    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(0xcc, 0xcc, 0xcc)));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
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
