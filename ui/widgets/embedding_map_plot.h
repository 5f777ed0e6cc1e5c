#pragma once

#include <qcustomplot.h>

#include <QList>
#include <QPointF>
#include <QPolygonF>
#include <QString>
#include <QStringList>

class QLabel;

namespace tlw::ui {

// One image on the map, as the Map shows it (plain Qt values: the controller converts core's result).
struct MapPointItem {
    QString file;
    QString split;  // "train", "validation", "test"
    int label = 0;  // index into the class names
    QPointF pca;
    QPointF tsne;
    bool suspect = false;        // the audit doubts its label
    bool misclassified = false;  // its out-of-fold prediction is another class
};

enum class MapProjection { Pca, Tsne };

// The embedding map's scatter: one graph per class (a colour-blind-safe colour and a shape each, in the
// legend), suspects and out-of-fold mistakes ringed, the selection outlined. Hovering a point shows a card
// with its thumbnail, file name and class; a click on a point emits pointActivated; a free-hand lasso
// (in select mode, or dragging with Shift held) selects the points inside it. Otherwise dragging pans and
// the wheel zooms.
class EmbeddingMapPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit EmbeddingMapPlot(QWidget* parent = nullptr);

    void setPoints(const QList<MapPointItem>& points, const QStringList& classNames);
    void setProjection(MapProjection projection);
    void setLassoMode(bool on) { m_lassoMode = on; }
    // Drops the points of these files (moved away) and any selection of them.
    void removeFiles(const QStringList& files);
    void clearSelection();

    const QList<MapPointItem>& points() const { return m_points; }
    int pointCount() const { return static_cast<int>(m_points.size()); }
    QList<int> selectedRows() const { return m_selected; }
    QStringList selectedFiles() const;
    QPointF pixelPosition(int row) const;   // where the point is drawn, in widget pixels
    int rowAt(const QPointF& pixel) const;  // the nearest point within a few pixels; -1: none
    int hoveredRow() const { return m_hovered; }
    QWidget* hoverCard() const { return m_card; }
    QString hoverText() const;
    QCPGraph* classGraph(int label) const { return m_classGraphs.value(label); }
    QCPGraph* suspectGraph() const { return m_suspectGraph; }

    static QColor classColor(int label);
    static QCPScatterStyle::ScatterShape classShape(int label);

signals:
    void pointActivated(int row);
    void selectionChanged();

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QPointF coordinates(const MapPointItem& point) const;
    void rebuildGraphs();
    void fitRanges();
    void showMarks();
    void finishLasso();
    void hover(int row, const QPoint& at);
    void retranslateUi();

    QList<MapPointItem> m_points;
    QStringList m_classNames;
    MapProjection m_projection = MapProjection::Tsne;
    QList<QCPGraph*> m_classGraphs;
    QCPGraph* m_misclassifiedGraph;
    QCPGraph* m_suspectGraph;
    QCPGraph* m_selectionGraph;
    QCPCurve* m_lassoCurve;
    QPolygonF m_lasso;  // pixels, while drawing
    bool m_lassoMode = false;
    bool m_lassoing = false;
    QPoint m_pressAt;
    bool m_pressed = false;
    QList<int> m_selected;
    int m_hovered = -1;
    QFrame* m_card;
    QLabel* m_cardImage;
    QLabel* m_cardText;
};

}  // namespace tlw::ui
