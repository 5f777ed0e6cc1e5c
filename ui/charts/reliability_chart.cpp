#include "ui/charts/reliability_chart.h"

#include <QEvent>
#include <algorithm>

namespace tlw::ui {

namespace {
// The epoch charts' colours: calibrated as their training curve, uncalibrated as their validation curve.
const QColor kAfterColor(0x1f, 0x77, 0xb4);
const QColor kBeforeColor(0xff, 0x7f, 0x0e);
const QColor kCountColor(0xb0, 0xb0, 0xb0, 110);

void addBins(QCPGraph* graph, const tlw::ReliabilityDiagram& diagram) {
    for (const tlw::ReliabilityBin& bin : diagram.bins)
        if (bin.count > 0) graph->addData(bin.meanConfidence, bin.accuracy);
}
}  // namespace

ReliabilityChart::ReliabilityChart(QWidget* parent)
    : QCustomPlot(parent),
      m_title(new QCPTextElement(this)),
      m_diagonal(addGraph(xAxis, yAxis)),
      m_before(addGraph(xAxis, yAxis)),
      m_after(addGraph(xAxis, yAxis)),
      m_counts(new QCPBars(xAxis, yAxis2)) {
    setObjectName(QStringLiteral("reliabilityChart"));
    setMinimumSize(280, 220);
    setAntialiasedElements(QCP::aeAll);
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);

    // The counts go behind the curves, on an axis of their own.
    m_counts->setBrush(kCountColor);
    m_counts->setPen(Qt::NoPen);
    m_counts->setWidth(1.0 / tlw::kReliabilityBins * 0.9);
    m_counts->setLayer(QStringLiteral("background"));
    yAxis2->setVisible(true);
    m_diagonal->setPen(QPen(QColor(0x80, 0x80, 0x80), 1.2, Qt::DashLine));
    m_diagonal->setData({0.0, 1.0}, {0.0, 1.0});
    m_before->setPen(QPen(kBeforeColor, 1.5, Qt::DashLine));
    m_before->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kBeforeColor, Qt::white, 5));
    m_after->setPen(QPen(kAfterColor, 2));
    m_after->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kAfterColor, kAfterColor, 6));
    xAxis->setRange(0.0, 1.0);
    yAxis->setRange(0.0, 1.0);

    legend->setVisible(true);
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(0xcc, 0xcc, 0xcc)));
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    clear();
}

void ReliabilityChart::setFigures(const tlw::CalibrationFigures& figures) {
    clear();
    m_figures = figures;
    m_hasFigures = true;
    addBins(m_after, figures.after);
    if (figures.fitted) addBins(m_before, figures.before);
    std::size_t largest = 0;
    for (const tlw::ReliabilityBin& bin : figures.after.bins) {
        m_counts->addData((bin.lower + bin.upper) / 2.0, static_cast<double>(bin.count));
        largest = std::max(largest, bin.count);
    }
    // Bars up to two thirds of the height: they stay under the curves they explain.
    yAxis2->setRange(0.0, std::max<double>(1.0, static_cast<double>(largest) * 1.5));
    retranslateUi();
}

void ReliabilityChart::clear() {
    m_before->data()->clear();
    m_after->data()->clear();
    m_counts->data()->clear();
    m_figures = {};
    m_hasFigures = false;
    yAxis2->setRange(0.0, 1.0);
    retranslateUi();
}

QString ReliabilityChart::title() const { return m_title->text(); }

void ReliabilityChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QCustomPlot::changeEvent(event);
}

void ReliabilityChart::retranslateUi() {
    const QLocale locale;
    const auto ece = [&locale](const tlw::ReliabilityDiagram& diagram) {
        return locale.toString(diagram.expectedCalibrationError, 'f', 3);
    };
    if (!m_hasFigures)
        m_title->setText(tr("Reliability Diagram"));
    else if (m_figures.fitted)
        m_title->setText(tr("Reliability: ECE %1 → %2 (temperature %3)")
                             .arg(ece(m_figures.before), ece(m_figures.after),
                                  locale.toString(m_figures.temperature, 'g', 3)));
    else
        m_title->setText(tr("Reliability: ECE %1 (not calibrated)").arg(ece(m_figures.after)));
    xAxis->setLabel(tr("Confidence (top class probability)"));
    yAxis->setLabel(tr("Accuracy"));
    yAxis2->setLabel(tr("Images per bin"));
    m_diagonal->setName(tr("Perfectly calibrated"));
    m_after->setName(m_figures.fitted ? tr("Calibrated") : tr("Model"));
    m_before->setName(tr("Before calibration"));
    m_counts->setName(tr("Images per bin"));
    // Only what is drawn belongs in the legend.
    if (m_figures.fitted)
        m_before->addToLegend();
    else
        m_before->removeFromLegend();
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
