#include "ui/charts/roc_chart.h"

#include <QEvent>
#include <cmath>

namespace tlw::ui {

namespace {
const QColor kCurveColor(0x1f, 0x77, 0xb4);
const QColor kMarkerColor(0x2c, 0xa0, 0x2c);

// The look the page's charts share: bold title row, unit axes, antialiased.
QCPTextElement* addTitle(QCustomPlot* plot) {
    auto* title = new QCPTextElement(plot);
    QFont font = plot->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    title->setFont(font);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, title);
    return title;
}
}  // namespace

RocChart::RocChart(QWidget* parent)
    : QCustomPlot(parent),
      m_title(addTitle(this)),
      m_chance(addGraph()),
      m_curve(new QCPCurve(xAxis, yAxis)),
      m_marker(addGraph()) {
    setObjectName(QStringLiteral("rocChart"));
    setMinimumSize(240, 220);
    setAntialiasedElements(QCP::aeAll);
    m_chance->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.2, Qt::DashLine));
    m_chance->setData({0.0, 1.0}, {0.0, 1.0});
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
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
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
