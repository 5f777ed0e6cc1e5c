#include "ui/widgets/embedding_map_plot.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QMouseEvent>
#include <algorithm>
#include <limits>

#include "ui/charts/chart_legend.h"

namespace tlw::ui {
namespace {

constexpr double kPointSize = 7.0;
constexpr double kHitRadius = 8.0;  // pixels: how near the cursor a point must be to be hovered or clicked
constexpr int kCardSide = 112;
constexpr int kClickSlack = 4;  // pixels a press may move and still be a click

// Okabe and Ito's palette (colour-blind safe), without its black, which the marks use.
const QColor kPalette[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73),
                           QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x72, 0xB2), QColor(0xCC, 0x79, 0xA7),
                           QColor(0xF0, 0xE4, 0x42)};
constexpr int kPaletteSize = sizeof kPalette / sizeof kPalette[0];
const QCPScatterStyle::ScatterShape kShapes[] = {QCPScatterStyle::ssDisc, QCPScatterStyle::ssSquare,
                                                 QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond,
                                                 QCPScatterStyle::ssTriangleInverted};
constexpr int kShapeCount = sizeof kShapes / sizeof kShapes[0];

QPixmap thumbnail(const QString& file) {
    QImageReader reader(file);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid()) reader.setScaledSize(size.scaled(kCardSide, kCardSide, Qt::KeepAspectRatio));
    return QPixmap::fromImage(reader.read());
}

QCPGraph* scatterGraph(QCustomPlot* plot, const QCPScatterStyle& style) {
    QCPGraph* graph = plot->addGraph();
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(style);
    return graph;
}

}  // namespace

EmbeddingMapPlot::EmbeddingMapPlot(QWidget* parent) : QCustomPlot(parent) {
    setObjectName(QStringLiteral("embeddingMapPlot"));
    setMinimumSize(320, 240);
    setMouseTracking(true);
    setAntialiasedElements(QCP::aeAll);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    addLayer(QStringLiteral("marks"), layer(QStringLiteral("main")), QCustomPlot::limAbove);
    m_misclassifiedGraph =
        scatterGraph(this, QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1.2), Qt::NoBrush, 13));
    m_suspectGraph =
        scatterGraph(this, QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(Qt::black, 2.0), Qt::NoBrush, 17));
    m_selectionGraph =
        scatterGraph(this, QCPScatterStyle(QCPScatterStyle::ssCircle,
                                           QPen(QColor(0x00, 0x00, 0x00, 200), 2.5), Qt::NoBrush, 11));
    m_selectionGraph->setName(QString());  // a highlight of the selected points, never in the legend
    m_selectionGraph->removeFromLegend();
    m_lassoCurve = new QCPCurve(xAxis, yAxis);
    m_lassoCurve->setPen(QPen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine));
    m_lassoCurve->removeFromLegend();
    legend->setVisible(true);
    legend->setIconSize(32, 22);     // the suspect's square (17 px and its pen) whole
    placeLegendBelowPlot(*this, 5);  // under the plot, never over the points

    m_card = new QFrame(this, Qt::ToolTip);
    m_card->setFrameShape(QFrame::StyledPanel);
    m_card->setObjectName(QStringLiteral("mapHoverCard"));
    m_cardImage = new QLabel(m_card);
    m_cardImage->setFixedSize(kCardSide, kCardSide);
    m_cardImage->setAlignment(Qt::AlignCenter);
    m_cardText = new QLabel(m_card);
    auto* cardLayout = new QHBoxLayout(m_card);
    cardLayout->addWidget(m_cardImage);
    cardLayout->addWidget(m_cardText);
    retranslateUi();
}

QColor EmbeddingMapPlot::classColor(int label) { return kPalette[label % kPaletteSize]; }

// Colour and shape cycle at different lengths, so that 35 classes have 35 different looks.
QCPScatterStyle::ScatterShape EmbeddingMapPlot::classShape(int label) { return kShapes[label % kShapeCount]; }

void EmbeddingMapPlot::setPoints(const QList<MapPointItem>& points, const QStringList& classNames) {
    m_points = points;
    m_classNames = classNames;
    m_selected.clear();
    hover(-1, {});
    for (QCPGraph* graph : m_classGraphs) removeGraph(graph);
    m_classGraphs.clear();
    for (int label = 0; label < classNames.size(); ++label) {
        const QColor color = classColor(label);
        QCPGraph* graph =
            scatterGraph(this, QCPScatterStyle(classShape(label), color.darker(130), color, kPointSize));
        graph->setName(classNames[label]);
        graph->setLayer(QStringLiteral("main"));
        m_classGraphs.append(graph);
    }
    // The marks go over the classes' points, and after the classes in the legend.
    for (QCPGraph* mark : {m_misclassifiedGraph, m_suspectGraph, m_selectionGraph}) {
        mark->setLayer(QStringLiteral("marks"));
        if (mark != m_selectionGraph) {
            mark->removeFromLegend();
            mark->addToLegend();
        }
    }
    retranslateUi();
    rebuildGraphs();
    fitRanges();
    replot();
    emit selectionChanged();
}

void EmbeddingMapPlot::setProjection(MapProjection projection) {
    m_projection = projection;
    hover(-1, {});
    rebuildGraphs();
    fitRanges();
    retranslateUi();
    replot();
}

void EmbeddingMapPlot::removeFiles(const QStringList& files) {
    QList<MapPointItem> kept;
    for (const MapPointItem& point : m_points)
        if (!files.contains(point.file)) kept.append(point);
    if (kept.size() == m_points.size()) return;
    const QStringList selected = selectedFiles();
    m_points = kept;
    m_selected.clear();
    for (int row = 0; row < m_points.size(); ++row)
        if (selected.contains(m_points[row].file)) m_selected.append(row);
    hover(-1, {});
    rebuildGraphs();
    replot();
    emit selectionChanged();
}

void EmbeddingMapPlot::clearSelection() {
    m_selected.clear();
    showMarks();
    replot();
    emit selectionChanged();
}

QStringList EmbeddingMapPlot::selectedFiles() const {
    QStringList files;
    for (const int row : m_selected) files.append(m_points[row].file);
    return files;
}

QPointF EmbeddingMapPlot::coordinates(const MapPointItem& point) const {
    return m_projection == MapProjection::Pca ? point.pca : point.tsne;
}

QPointF EmbeddingMapPlot::pixelPosition(int row) const {
    const QPointF at = coordinates(m_points.at(row));
    return {xAxis->coordToPixel(at.x()), yAxis->coordToPixel(at.y())};
}

int EmbeddingMapPlot::rowAt(const QPointF& pixel) const {
    int nearest = -1;
    double best = kHitRadius * kHitRadius;
    for (int row = 0; row < m_points.size(); ++row) {
        const QPointF offset = pixelPosition(row) - pixel;
        const double distance = QPointF::dotProduct(offset, offset);
        if (distance <= best) {
            best = distance;
            nearest = row;
        }
    }
    return nearest;
}

void EmbeddingMapPlot::rebuildGraphs() {
    for (QCPGraph* graph : m_classGraphs) graph->data()->clear();
    for (const MapPointItem& point : m_points) {
        if (point.label < 0 || point.label >= m_classGraphs.size()) continue;
        const QPointF at = coordinates(point);
        m_classGraphs[point.label]->addData(at.x(), at.y());
    }
    showMarks();
}

void EmbeddingMapPlot::showMarks() {
    m_misclassifiedGraph->data()->clear();
    m_suspectGraph->data()->clear();
    m_selectionGraph->data()->clear();
    for (const MapPointItem& point : m_points) {
        const QPointF at = coordinates(point);
        if (point.misclassified) m_misclassifiedGraph->addData(at.x(), at.y());
        if (point.suspect) m_suspectGraph->addData(at.x(), at.y());
    }
    for (const int row : m_selected) {
        const QPointF at = coordinates(m_points[row]);
        m_selectionGraph->addData(at.x(), at.y());
    }
}

// The points with a margin, so that the edge points and their rings stay whole.
void EmbeddingMapPlot::fitRanges() {
    if (m_points.isEmpty()) {
        xAxis->setRange(-1.0, 1.0);
        yAxis->setRange(-1.0, 1.0);
        return;
    }
    double left = std::numeric_limits<double>::max();
    double right = std::numeric_limits<double>::lowest();
    double bottom = left;
    double top = right;
    for (const MapPointItem& point : m_points) {
        const QPointF at = coordinates(point);
        left = std::min(left, at.x());
        right = std::max(right, at.x());
        bottom = std::min(bottom, at.y());
        top = std::max(top, at.y());
    }
    const double marginX = std::max((right - left) * 0.06, 1e-3);
    const double marginY = std::max((top - bottom) * 0.06, 1e-3);
    xAxis->setRange(left - marginX, right + marginX);
    yAxis->setRange(bottom - marginY, top + marginY);
}

void EmbeddingMapPlot::mousePressEvent(QMouseEvent* event) {
    m_pressAt = event->pos();
    m_pressed = event->button() == Qt::LeftButton;
    const bool lasso = m_lassoMode || event->modifiers().testFlag(Qt::ShiftModifier);
    if (m_pressed && lasso) {
        m_lassoing = true;
        m_lasso = QPolygonF({event->position()});
        hover(-1, {});
        return;  // no panning while a lasso is drawn
    }
    QCustomPlot::mousePressEvent(event);
}

void EmbeddingMapPlot::mouseMoveEvent(QMouseEvent* event) {
    if (m_lassoing) {
        m_lasso.append(event->position());
        QVector<double> keys;
        QVector<double> values;
        for (const QPointF& pixel : m_lasso) {
            keys.append(xAxis->pixelToCoord(pixel.x()));
            values.append(yAxis->pixelToCoord(pixel.y()));
        }
        m_lassoCurve->setData(keys, values);
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    QCustomPlot::mouseMoveEvent(event);
    if (!m_pressed) hover(rowAt(event->position()), event->pos());
}

void EmbeddingMapPlot::mouseReleaseEvent(QMouseEvent* event) {
    if (m_lassoing) {
        m_lasso.append(event->position());
        finishLasso();
        m_pressed = false;
        return;
    }
    QCustomPlot::mouseReleaseEvent(event);
    const bool click = m_pressed && (event->pos() - m_pressAt).manhattanLength() <= kClickSlack;
    m_pressed = false;
    if (!click) return;
    const int row = rowAt(event->position());
    if (row >= 0) emit pointActivated(row);
}

void EmbeddingMapPlot::finishLasso() {
    m_lassoing = false;
    m_selected.clear();
    if (m_lasso.size() >= 3) {
        for (int row = 0; row < m_points.size(); ++row)
            if (m_lasso.containsPoint(pixelPosition(row), Qt::OddEvenFill)) m_selected.append(row);
    }
    m_lasso.clear();
    m_lassoCurve->data()->clear();
    showMarks();
    replot();
    emit selectionChanged();
}

void EmbeddingMapPlot::leaveEvent(QEvent* event) {
    hover(-1, {});
    QCustomPlot::leaveEvent(event);
}

void EmbeddingMapPlot::hover(int row, const QPoint& at) {
    if (row == m_hovered) return;
    m_hovered = row;
    if (row < 0) {
        m_card->hide();
        return;
    }
    m_cardImage->setPixmap(thumbnail(m_points[row].file));
    m_cardText->setText(hoverText());
    m_card->adjustSize();
    m_card->move(mapToGlobal(at + QPoint(16, 16)));
    m_card->show();
}

QString EmbeddingMapPlot::hoverText() const {
    if (m_hovered < 0) return {};
    const MapPointItem& point = m_points[m_hovered];
    const QString split = point.split == QLatin1String("validation") ? tr("validation")
                          : point.split == QLatin1String("test")     ? tr("test")
                                                                     : tr("training");
    QString text = QFileInfo(point.file).fileName() + QLatin1Char('\n') +
                   tr("Class: %1 (%2)").arg(m_classNames.value(point.label), split);
    if (point.suspect)
        text += QLatin1Char('\n') + tr("The audit doubts its label");
    else if (point.misclassified)
        text += QLatin1Char('\n') + tr("Misclassified out of fold");
    return text;
}

void EmbeddingMapPlot::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QCustomPlot::changeEvent(event);
}

void EmbeddingMapPlot::retranslateUi() {
    m_misclassifiedGraph->setName(tr("Misclassified out of fold"));
    m_suspectGraph->setName(tr("Suspect label"));
    const bool pca = m_projection == MapProjection::Pca;
    xAxis->setLabel(pca ? tr("First principal component") : tr("t-SNE 1"));
    yAxis->setLabel(pca ? tr("Second principal component") : tr("t-SNE 2"));
    // t-SNE's coordinates have no unit worth reading; PCA's are distances along the components.
    xAxis->setTickLabels(pca);
    yAxis->setTickLabels(pca);
    if (m_hovered >= 0) m_cardText->setText(hoverText());
    replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tlw::ui
