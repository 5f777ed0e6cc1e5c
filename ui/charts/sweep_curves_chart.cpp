#include "ui/charts/sweep_curves_chart.h"

#include <QEvent>
#include <algorithm>

namespace tlw::ui {

namespace {
// matplotlib's tab10, as the other charts use.
const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                           QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};
}  // namespace

SweepCurvesChart::SweepCurvesChart(QWidget* parent) : QCustomPlot(parent), m_title(new QCPTextElement(this)) {
    setObjectName(QStringLiteral("sweepCurvesChart"));
    setMinimumSize(320, 220);
    setAntialiasedElements(QCP::aeAll);
    QFont titleFont = font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);
    xAxis->setTicker(QSharedPointer<QCPAxisTickerFixed>::create());
    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(0xcc, 0xcc, 0xcc)));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    clear();
    retranslateUi();
}

void SweepCurvesChart::clear() {
    clearGraphs();
    m_curves.clear();
    m_highlighted = -1;
    xAxis->setRange(0.5, 3.5);
    yAxis->setRange(0.0, 1.0);
    replot(QCustomPlot::rpQueuedReplot);
}

QCPGraph* SweepCurvesChart::curveOf(int fineTuneAt) const {
    const auto found = m_curves.find(fineTuneAt);
    return found == m_curves.end() ? nullptr : found->second;
}

QCPGraph* SweepCurvesChart::addCurve(int fineTuneAt) {
    QCPGraph* curve = addGraph();
    const QColor color = kPalette[m_curves.size() % (sizeof kPalette / sizeof kPalette[0])];
    curve->setPen(QPen(color, 2));
    curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 5));
    m_curves[fineTuneAt] = curve;
    retranslateUi();
    return curve;
}

void SweepCurvesChart::appendEpoch(int fineTuneAt, int epoch, double valAccuracy) {
    QCPGraph* curve = curveOf(fineTuneAt);
    if (!curve) curve = addCurve(fineTuneAt);
    curve->addData(epoch, valAccuracy);
    // Both axes grow to hold every curve: the x axis from epoch 1, the y axis around the figures.
    double high = 1.0;
    double low = 1.0;
    for (const auto& entry : m_curves)
        for (auto it = entry.second->data()->constBegin(); it != entry.second->data()->constEnd(); ++it) {
            high = std::max(high, it->key);
            low = std::min(low, it->value);
        }
    xAxis->setRange(0.5, high + 0.5);
    yAxis->setRange(std::max(0.0, low - 0.05), 1.0);
    replot(QCustomPlot::rpQueuedReplot);
}

void SweepCurvesChart::highlight(int fineTuneAt) {
    m_highlighted = fineTuneAt;
    for (const auto& entry : m_curves) {
        QPen pen = entry.second->pen();
        pen.setWidthF(entry.first == fineTuneAt ? 4.0 : 2.0);
        entry.second->setPen(pen);
    }
    replot(QCustomPlot::rpQueuedReplot);
}

QString SweepCurvesChart::title() const { return m_title->text(); }

void SweepCurvesChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QCustomPlot::changeEvent(event);
}

void SweepCurvesChart::retranslateUi() {
    m_title->setText(tr("Validation accuracy per epoch"));
    xAxis->setLabel(tr("Epoch"));
    yAxis->setLabel(tr("Validation accuracy"));
    for (const auto& entry : m_curves) entry.second->setName(tr("from layer %1").arg(entry.first));
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
