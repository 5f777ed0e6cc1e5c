#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include "ui/widgets/embedding_map_plot.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace tlw::ui {

class CancellableProgress;
class FileMoveBar;

class ImageViewerDialog;

// The Dataset page's Map: "Draw Map" runs the audit (the controller does, off the UI thread; the audit
// computes the map), then every image as a point of the chosen projection (PCA or t-SNE), coloured by class.
// A click opens the image; a lasso (the Select button, or Shift and drag) picks a group, which can be
// moved into a class folder or into the quarantine as the Audit view moves one image (the controller
// journals every move). It shows values and emits intentions.
class EmbeddingMapPanel : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingMapPanel(QWidget* parent = nullptr);

    void setClassNames(const QStringList& names);
    void showRunning();
    void showProgress(qint64 done, qint64 total);
    void showStopped();  // cancelled or failed: back to what was shown
    void showMap(const QList<MapPointItem>& points, const QStringList& classNames);
    // The files left their place (moved): off the map.
    void removeFiles(const QStringList& files);
    void setUndoAvailable(bool available);
    void clear();  // another dataset: no map

    EmbeddingMapPlot* plot() const { return m_plot; }
    QPushButton* drawButton() const { return m_draw; }
    QComboBox* projectionChoice() const { return m_projection; }
    QPushButton* selectButton() const { return m_select; }
    QComboBox* targetClass() const;
    QPushButton* moveButton() const;
    QPushButton* quarantineButton() const;
    QPushButton* undoButton() const;
    QLabel* selectionLine() const { return m_selection; }
    ImageViewerDialog* viewer() const { return m_viewer; }  // null until a point was opened

signals:
    void auditRequested();
    void cancelRequested();
    void moveRequested(const QStringList& files, const QString& className);
    void quarantineRequested(const QStringList& files);
    void undoRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void openPoint(int row);
    void updateButtons();
    void retranslateUi();

    QPushButton* m_draw;
    CancellableProgress* m_progress;
    QLabel* m_summary;
    QLabel* m_projectionLabel;
    QComboBox* m_projection;
    QPushButton* m_select;
    EmbeddingMapPlot* m_plot;
    QLabel* m_selection;
    FileMoveBar* m_moves;
    ImageViewerDialog* m_viewer = nullptr;
};

}  // namespace tlw::ui
