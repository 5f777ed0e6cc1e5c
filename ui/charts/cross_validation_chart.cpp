#include "ui/charts/cross_validation_chart.h"

#include <QEvent>
#include <algorithm>
#include <limits>

#include "ui/charts/chart_legend.h"

namespace tlw::ui {

namespace {
// The epoch charts' colours: accuracy as their training curve, loss as their validation curve.
const QColor kAccuracyColor(0x1f, 0x77, 0xb4);
const QColor kLossColor(0xff, 0x7f, 0x0e);
const QColor kMarkerColor(0x2c, 0xa0, 0x2c);

QCPRange paddedRange(const QCPGraph* graph, double floorAtZero) {
    double low = std::numeric_limits<double>::max();
    double high = std::numeric_limits<double>::lowest();
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
        low = std::min(low, it->value);
        high = std::max(high, it->value);
    }
    if (low > high) return {0.0, 1.0};
    const double margin = std::max((high - low) * 0.08, 1e-3);
    return {std::max(floorAtZero, low - margin), high + margin};
}
}  // namespace

CrossValidationChart::CrossValidationChart(QWidget* parent)
    : QCustomPlot(parent),
      m_title(new QCPTextElement(this)),
      m_accuracy(addGraph(xAxis, yAxis)),
      m_loss(addGraph(xAxis, yAxis2)),
      m_chosen(addGraph(xAxis, yAxis)),
      m_marker(new QCPItemStraightLine(this)) {
    setObjectName(QStringLiteral("crossValidationChart"));
    setMinimumSize(280, 220);
    setAntialiasedElements(QCP::aeAll);
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);

    xAxis->setScaleType(QCPAxis::stLogarithmic);
    xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    xAxis->setNumberFormat(QStringLiteral("eb"));
    xAxis->setNumberPrecision(0);
    yAxis2->setVisible(true);

    m_accuracy->setPen(QPen(kAccuracyColor, 2));
    m_accuracy->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, kAccuracyColor, kAccuracyColor, 5));
    m_loss->setPen(QPen(kLossColor, 2));
    m_loss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kLossColor, kLossColor, 5));
    m_chosen->setLineStyle(QCPGraph::lsNone);
    m_chosen->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kMarkerColor, 2), Qt::NoBrush, 13));
    m_marker->setPen(QPen(kMarkerColor, 1.5, Qt::DashLine));

    placeLegendBelowPlot(*this, 2);
    clear();
    retranslateUi();
}

void CrossValidationChart::setReport(const tlw::HeadSolveReport& report) {
    clear();
    m_folds = report.folds;
    for (const tlw::CrossValidationPoint& point : report.path) {
        m_accuracy->addData(point.l2Strength, point.accuracy);
        m_loss->addData(point.l2Strength, point.loss);
    }
    m_chosenStrength = report.chosenStrength;
    if (report.chosenIndex < report.path.size()) {
        m_chosenAccuracy = report.path[report.chosenIndex].accuracy;
        m_chosen->addData(m_chosenStrength, m_chosenAccuracy);
    }
    placeMarker();
    retranslateUi();
}

void CrossValidationChart::clear() {
    m_accuracy->data()->clear();
    m_loss->data()->clear();
    m_chosen->data()->clear();
    m_chosenStrength = 0.0;
    m_folds = 0;
    m_marker->setVisible(false);
    m_chosen->removeFromLegend();
    xAxis->setRange(1e-5, 10.0);
    yAxis->setRange(0.0, 1.0);
    yAxis2->setRange(0.0, 1.0);
    replot(QCustomPlot::rpQueuedReplot);
}

void CrossValidationChart::placeMarker() {
    if (!hasReport()) return;
    bool found = false;
    const QCPRange strengths = m_accuracy->getKeyRange(found);
    if (found) xAxis->setRange(strengths.lower / 2.0, strengths.upper * 2.0);
    yAxis->setRange(paddedRange(m_accuracy, 0.0).lower, std::min(1.0, paddedRange(m_accuracy, 0.0).upper));
    yAxis2->setRange(paddedRange(m_loss, 0.0));
    m_marker->point1->setCoords(m_chosenStrength, 0.0);
    m_marker->point2->setCoords(m_chosenStrength, 1.0);
    m_marker->setVisible(m_chosenStrength > 0.0);
    if (m_chosenStrength > 0.0) m_chosen->addToLegend();
    replot(QCustomPlot::rpQueuedReplot);
}

QString CrossValidationChart::title() const { return m_title->text(); }
QString CrossValidationChart::chosenLabel() const { return m_chosen->name(); }

void CrossValidationChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QCustomPlot::changeEvent(event);
}

void CrossValidationChart::retranslateUi() {
    m_title->setText(m_folds > 0 ? tr("Head: %1-Fold Cross-Validation").arg(m_folds)
                                 : tr("Head: Cross-Validation"));
    xAxis->setLabel(tr("L2 strength (log scale)"));
    yAxis->setLabel(tr("Accuracy"));
    yAxis2->setLabel(tr("Loss"));
    m_accuracy->setName(tr("Cross-validation accuracy"));
    m_loss->setName(tr("Cross-validation loss"));
    m_chosen->setName(tr("Chosen: %1").arg(QLocale().toString(m_chosenStrength, 'g', 2)));
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
