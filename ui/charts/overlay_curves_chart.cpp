#include "ui/charts/overlay_curves_chart.h"

#include <algorithm>
#include <limits>

#include "ui/charts/chart_legend.h"

namespace tlw::ui {

namespace {
// matplotlib's tab10, as the other charts use.
const QColor kPalette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                           QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                           QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f)};
}  // namespace

OverlayCurvesChart::OverlayCurvesChart(QWidget* parent, int legendColumns)
    : QCustomPlot(parent), m_title(new QCPTextElement(this)) {
    setMinimumSize(320, 220);
    setAntialiasedElements(QCP::aeAll);
    QFont titleFont = font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);
    // Whole epochs, in steps of 1, 2, 5, 10... so that long runs do not crowd the axis.
    auto epochs = QSharedPointer<QCPAxisTickerFixed>::create();
    epochs->setTickStep(1.0);
    epochs->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(epochs);
    placeLegendBelowPlot(*this, legendColumns);
    clear();
}

void OverlayCurvesChart::clear() {
    clearGraphs();
    m_curves.clear();
    fitAxes();
}

QCPGraph* OverlayCurvesChart::curveOf(const QString& key) const {
    const auto found =
        std::find_if(m_curves.begin(), m_curves.end(),
                     [&](const std::pair<QString, QCPGraph*>& curve) { return curve.first == key; });
    return found == m_curves.end() ? nullptr : found->second;
}

QStringList OverlayCurvesChart::curveNames() const {
    QStringList names;
    for (const auto& curve : m_curves) names.push_back(curve.second->name());
    return names;
}

QCPGraph* OverlayCurvesChart::addCurve(const QString& key) {
    QCPGraph* curve = addGraph();
    const QColor color = kPalette[m_curves.size() % (sizeof kPalette / sizeof kPalette[0])];
    curve->setPen(QPen(color, 2));
    curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 5));
    curve->setName(key);
    m_curves.emplace_back(key, curve);
    return curve;
}

void OverlayCurvesChart::appendPoint(const QString& key, double x, double y) {
    QCPGraph* curve = curveOf(key);
    if (!curve) curve = addCurve(key);
    curve->addData(x, y);
    fitAxes();
}

void OverlayCurvesChart::setCurveName(const QString& key, const QString& name) {
    if (QCPGraph* curve = curveOf(key)) curve->setName(name);
    replot(QCustomPlot::rpQueuedReplot);
}

void OverlayCurvesChart::highlight(const QString& key) {
    for (const auto& curve : m_curves) {
        QPen pen = curve.second->pen();
        pen.setWidthF(curve.first == key ? 4.0 : 2.0);
        curve.second->setPen(pen);
    }
    replot(QCustomPlot::rpQueuedReplot);
}

void OverlayCurvesChart::setScale(Scale scale) {
    m_scale = scale;
    fitAxes();
}

QString OverlayCurvesChart::title() const { return m_title->text(); }

void OverlayCurvesChart::setTitle(const QString& title) { m_title->setText(title); }

void OverlayCurvesChart::fitAxes() {
    // The x axis from epoch 1 to the last; the y axis around the figures (accuracies up to 1, losses from 0).
    double lastX = 3.0;
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    for (const auto& curve : m_curves)
        for (auto it = curve.second->data()->constBegin(); it != curve.second->data()->constEnd(); ++it) {
            lastX = std::max(lastX, it->key);
            low = std::min(low, it->value);
            high = std::max(high, it->value);
        }
    xAxis->setRange(0.5, lastX + 0.5);
    const bool empty = low > high;
    if (m_scale == Scale::Fraction)
        yAxis->setRange(empty ? 0.0 : std::max(0.0, low - 0.05), 1.0);
    else
        yAxis->setRange(0.0, empty || high <= 0.0 ? 1.0 : high * 1.1);
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
