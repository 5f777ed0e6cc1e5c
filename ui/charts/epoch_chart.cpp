#include "ui/charts/epoch_chart.h"

#include <QBuffer>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/charts/chart_legend.h"

namespace tlw::ui {

namespace {
// matplotlib's first two default colours, so the curves look like the tutorial's figure.
const QColor kTrainingColor(0x1f, 0x77, 0xb4);
const QColor kValidationColor(0xff, 0x7f, 0x0e);
const QColor kMarkerColor(0x2c, 0xa0, 0x2c);
const QColor kKeptColor(0xd6, 0x27, 0x28);  // matplotlib's red: apart from both curves and the marker
constexpr int kDefaultExportWidth = 800;
constexpr double kFineTuneLabelY = 0.02;  // near the top of the plot, in axis-rect ratio
constexpr int kDefaultExportHeight = 500;

void extendRange(const QCPGraph* graph, double& low, double& high, bool keys) {
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
        const double v = keys ? it->key : it->value;
        low = std::min(low, v);
        high = std::max(high, v);
    }
}
}  // namespace

EpochChart::EpochChart(QWidget* parent)
    : QCustomPlot(parent),
      m_title(new QCPTextElement(this)),
      m_training(addGraph()),
      m_validation(addGraph()),
      m_batch(addGraph()),
      m_fineTuneLine(new QCPItemStraightLine(this)),
      m_fineTuneLabel(new QCPItemText(this)),
      m_kept(addGraph()),
      m_tracer(new QCPItemTracer(this)) {
    setMinimumSize(280, 220);
    setAntialiasedElements(QCP::aeAll);
    setNoAntialiasingOnDrag(true);
    // QCustomPlot repaints at once after each replot by default: every chart its own paint and flush of the
    // window. Marked for the next paint instead, the charts that replot together (each epoch, every batch)
    // are painted in one pass with the rest of the page.
    setPlottingHint(QCP::phImmediateRefresh, false);

    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);

    // Whole epochs only on x: "epoch 2.5" means nothing to the user.
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(ticker);

    const auto styleGraph = [](QCPGraph* graph, const QColor& color) {
        graph->setPen(QPen(color, 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 5));
    };
    styleGraph(m_training, kTrainingColor);
    styleGraph(m_validation, kValidationColor);
    QColor batchColor = kTrainingColor;
    batchColor.setAlpha(90);
    m_batch->setPen(QPen(batchColor, 1.2));
    m_batch->setVisible(false);
    m_batch->removeFromLegend();
    m_batch->setSelectable(QCP::stNone);

    placeLegendBelowPlot(*this, 2);

    QPen markerPen(kMarkerColor, 1.5, Qt::DashLine);
    m_fineTuneLine->setPen(markerPen);
    m_fineTuneLine->setVisible(false);
    m_fineTuneLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_fineTuneLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_fineTuneLabel->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_fineTuneLabel->setColor(kMarkerColor.darker(130));
    m_fineTuneLabel->setPadding(QMargins(4, 2, 4, 2));
    m_fineTuneLabel->setVisible(false);

    m_kept->setLineStyle(QCPGraph::lsNone);
    m_kept->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kKeptColor, 2), Qt::NoBrush, 15));
    m_kept->setSelectable(QCP::stNone);
    m_kept->setVisible(false);
    m_kept->removeFromLegend();

    m_tracer->setStyle(QCPItemTracer::tsCircle);
    m_tracer->setSize(9);
    m_tracer->setPen(QPen(Qt::black, 1.5));
    m_tracer->setInterpolating(false);
    m_tracer->setVisible(false);

    setMouseTracking(true);
    setContextMenuPolicy(Qt::DefaultContextMenu);
    // No rescale() here: it needs the subclass's valueRange(); applyStyle() in the subclass does it.
}

EpochChart::~EpochChart() = default;

void EpochChart::applyStyle() {
    const Style style = chartStyle();
    m_title->setText(style.title);
    yAxis->setLabel(style.yLabel);
    xAxis->setLabel(style.xLabel);
    m_training->setName(style.trainingName);
    m_validation->setName(style.validationName);
    m_batch->setName(tr("%1 (per batch, smoothed)").arg(style.trainingName));
    m_fineTuneLabel->setText(tr("Start Fine Tuning"));
    m_kept->setName(tr("Kept weights"));
    rescale();
}

QString EpochChart::title() const { return m_title->text(); }
QString EpochChart::fineTuneLabel() const { return m_fineTuneLabel->text(); }
QString EpochChart::keptLabel() const { return m_kept->visible() ? m_kept->name() : QString(); }

void EpochChart::appendEpoch(const EpochPoint& point) {
    m_training->addData(point.epoch, trainingValue(point));
    const double validation = validationValue(point);
    if (validation >= 0.0 && std::isfinite(validation)) m_validation->addData(point.epoch, validation);
    rescale();
}

void EpochChart::appendBatch(double epochPosition, double trainingValue) {
    if (!std::isfinite(trainingValue)) return;
    m_smoothed =
        m_hasSmoothed ? m_smoothing * m_smoothed + (1.0 - m_smoothing) * trainingValue : trainingValue;
    m_hasSmoothed = true;
    m_batch->addData(epochPosition, m_smoothed);
    if (m_batch->visible()) rescale();
}

void EpochChart::setBatchCurveVisible(bool visible) {
    m_batch->setVisible(visible);
    if (visible)
        m_batch->addToLegend();
    else
        m_batch->removeFromLegend();
    rescale();
}

bool EpochChart::batchCurveVisible() const { return m_batch->visible(); }

void EpochChart::setBatchSmoothing(double weight) { m_smoothing = std::clamp(weight, 0.0, 0.999); }

void EpochChart::setFineTuneStart(double epoch) {
    m_fineTuneEpoch = epoch;
    m_fineTuneLine->point1->setCoords(epoch, 0.0);
    m_fineTuneLine->point2->setCoords(epoch, 1.0);
    m_fineTuneLine->setVisible(true);
    m_fineTuneLabel->position->setCoords(epoch, kFineTuneLabelY);
    m_fineTuneLabel->setVisible(true);
    rescale();
}

void EpochChart::clearFineTuneStart() {
    m_fineTuneEpoch = -1.0;
    m_fineTuneLine->setVisible(false);
    m_fineTuneLabel->setVisible(false);
    rescale();
}

void EpochChart::setKeptEpoch(int epoch) {
    m_keptEpoch = epoch;
    rescale();
}

void EpochChart::clearKeptEpoch() {
    m_keptEpoch = 0;
    rescale();
}

void EpochChart::placeKeptMarker() {
    const QCPGraph* graph = m_validation->dataCount() > 0 ? m_validation : m_training;
    const auto point = graph->data()->findBegin(m_keptEpoch, false);
    const bool shown = m_keptEpoch > 0 && point != graph->data()->constEnd() && point->key == m_keptEpoch;
    m_kept->data()->clear();
    if (shown) m_kept->addData(point->key, point->value);
    if (shown)
        m_kept->addToLegend();
    else
        m_kept->removeFromLegend();
    m_kept->setVisible(shown);
}

bool EpochChart::hasFineTuneMarker() const { return m_fineTuneLine->visible(); }

void EpochChart::clear() {
    m_training->data()->clear();
    m_validation->data()->clear();
    m_batch->data()->clear();
    m_hasSmoothed = false;
    m_tracer->setVisible(false);
    m_keptEpoch = 0;
    clearFineTuneStart();
}

int EpochChart::trainingPointCount() const { return m_training->dataCount(); }
int EpochChart::validationPointCount() const { return m_validation->dataCount(); }
int EpochChart::batchPointCount() const { return m_batch->dataCount(); }

void EpochChart::rescale() {
    double keyLow = std::numeric_limits<double>::max();
    double keyHigh = std::numeric_limits<double>::lowest();
    double valueLow = keyLow;
    double valueHigh = keyHigh;
    for (const QCPGraph* graph : {m_training, m_validation, m_batch}) {
        if (!graph->visible()) continue;
        extendRange(graph, keyLow, keyHigh, true);
        extendRange(graph, valueLow, valueHigh, false);
    }
    if (m_fineTuneEpoch >= 0.0) {
        keyLow = std::min(keyLow, m_fineTuneEpoch);
        keyHigh = std::max(keyHigh, m_fineTuneEpoch);
    }
    if (keyLow > keyHigh) keyLow = keyHigh = 1.0;  // nothing yet: an empty epoch 1..2 frame
    if (keyHigh - keyLow < 1.0) keyHigh = keyLow + 1.0;
    const double margin = (keyHigh - keyLow) * 0.05;  // matplotlib's default margins
    xAxis->setRange(keyLow - margin, keyHigh + margin);
    yAxis->setRange(valueRange(valueLow <= valueHigh ? QCPRange(valueLow, valueHigh) : QCPRange(0.0, 0.0)));
    placeKeptMarker();
    queueReplot();
}

void EpochChart::queueReplot() { replot(QCustomPlot::rpQueuedReplot); }

QString EpochChart::readoutAt(double x) const {
    if (m_training->dataCount() == 0 && m_validation->dataCount() == 0) return {};
    double nearest = 0.0;
    double best = std::numeric_limits<double>::max();
    for (const QCPGraph* graph : {m_training, m_validation})
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            if (std::abs(it->key - x) < best) {
                best = std::abs(it->key - x);
                nearest = it->key;
            }
    const Style style = chartStyle();
    const QLocale locale;
    QString text = tr("Epoch %1").arg(locale.toString(nearest, 'g', 6));
    const auto appendValue = [&](const QCPGraph* graph, const QString& name) {
        const auto it = graph->data()->findBegin(nearest, false);
        if (it != graph->data()->constEnd() && it->key == nearest)
            text += QStringLiteral("\n%1: %2").arg(name, locale.toString(it->value, 'f', valueDecimals()));
    };
    appendValue(m_training, style.trainingName);
    appendValue(m_validation, style.validationName);
    return text;
}

void EpochChart::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    const QPointF position = event->position();
    if (!axisRect()->rect().contains(position.toPoint()) || m_training->dataCount() == 0) {
        if (m_tracer->visible()) {
            m_tracer->setVisible(false);
            QToolTip::hideText();
            queueReplot();
        }
        return;
    }
    const double x = xAxis->pixelToCoord(position.x());
    // The tracer sits on whichever curve is closer to the pointer at the nearest epoch.
    const double nearest = std::round(x);
    QCPGraph* graph = m_training;
    const auto validation = m_validation->data()->findBegin(nearest, false);
    const auto training = m_training->data()->findBegin(nearest, false);
    if (validation != m_validation->data()->constEnd() && training != m_training->data()->constEnd()) {
        const double mouseValue = yAxis->pixelToCoord(position.y());
        if (std::abs(validation->value - mouseValue) < std::abs(training->value - mouseValue))
            graph = m_validation;
    }
    m_tracer->setGraph(graph);
    m_tracer->setGraphKey(x);
    m_tracer->setVisible(true);
    QToolTip::showText(event->globalPosition().toPoint(), readoutAt(x), this);
    queueReplot();
}

void EpochChart::leaveEvent(QEvent* event) {
    QCustomPlot::leaveEvent(event);
    m_tracer->setVisible(false);
    queueReplot();
}

void EpochChart::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    menu.addAction(tr("Export as PNG…"), this, [this] { exportWithDialog(QStringLiteral("png")); });
    menu.addAction(tr("Export as PDF…"), this, [this] { exportWithDialog(QStringLiteral("pdf")); });
    menu.addSeparator();
    QAction* batch = menu.addAction(tr("Show Smoothed Per-Batch Curve"));
    batch->setCheckable(true);
    batch->setChecked(batchCurveVisible());
    connect(batch, &QAction::toggled, this, &EpochChart::setBatchCurveVisible);
    menu.exec(event->globalPos());
}

void EpochChart::exportWithDialog(const QString& format) {
    const QString filter =
        format == QLatin1String("png") ? tr("PNG images (*.png)") : tr("PDF documents (*.pdf)");
    QString suggested = m_title->text();
    suggested.replace(QRegularExpression(QStringLiteral("[\\\\/:*?\"<>|]")), QStringLiteral("_"));
    const QString folder = m_exportFolder.isEmpty() ? QDir::homePath() : m_exportFolder;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), QDir(folder).filePath(suggested + QLatin1Char('.') + format), filter);
    if (path.isEmpty()) return;
    if (!path.endsWith(QLatin1Char('.') + format, Qt::CaseInsensitive)) path += QLatin1Char('.') + format;
    QString error;
    const bool ok = format == QLatin1String("png") ? exportPng(path, &error) : exportPdf(path, &error);
    if (!ok) return emit exportFailed(path, error);
    m_exportFolder = QFileInfo(path).absolutePath();
    emit exported(path);
}

QSize EpochChart::exportSize(int width, int height) const {
    if (width > 0 && height > 0) return {width, height};
    const QSize current = size();
    return current.width() >= 200 && current.height() >= 150
               ? current
               : QSize(kDefaultExportWidth, kDefaultExportHeight);
}

bool EpochChart::writeAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    QSaveFile file(path);  // writes a temporary file and renames it over `path` on commit()
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error != nullptr) *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

bool EpochChart::exportPng(const QString& path, QString* error, int width, int height) {
    const QSize target = exportSize(width, height);
    // Twice the pixels: sharp on high-DPI screens and in slides.
    const QPixmap pixmap = toPixmap(target.width(), target.height(), 2.0);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (pixmap.isNull() || !pixmap.save(&buffer, "PNG")) {
        if (error != nullptr)
            *error = tr("%1: the chart could not be rendered").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return writeAtomically(path, bytes, error);
}

bool EpochChart::exportPdf(const QString& path, QString* error, int width, int height) {
    const QSize target = exportSize(width, height);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setCreator(QStringLiteral("TL Workbench"));
        writer.setTitle(m_title->text());
        writer.setResolution(72);  // one PDF point per chart pixel
        writer.setPageSize(QPageSize(QSizeF(target), QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QCPPainter painter;
        if (!painter.begin(&writer)) {
            if (error != nullptr)
                *error = tr("%1: the PDF could not be started").arg(QDir::toNativeSeparators(path));
            return false;
        }
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        toPainter(&painter, target.width(), target.height());
        painter.end();
    }
    return writeAtomically(path, bytes, error);
}

void EpochChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) applyStyle();
    QCustomPlot::changeEvent(event);
}

}  // namespace tlw::ui
