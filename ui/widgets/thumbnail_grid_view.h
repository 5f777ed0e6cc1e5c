#pragma once

#include <QListView>
#include <QTimer>
#include <utility>

namespace tlw::ui {

class ImageViewerDialog;
class ThumbnailListModel;

// A grid of image thumbnails (QListView in icon mode) that asks its ThumbnailListModel for the
// thumbnails of the rows on screen only, shortly after scrolling or resizing settles, plus one screen
// ahead. Scrolling through 10,000 images therefore decodes a few screens' worth, not 10,000 files.
class ThumbnailGridView : public QListView {
    Q_OBJECT
public:
    explicit ThumbnailGridView(QWidget* parent = nullptr);

    void setThumbnailModel(ThumbnailListModel* model);
    ThumbnailListModel* thumbnailModel() const { return m_model; }

    // On: activating a thumbnail also opens it large in an ImageViewerDialog, which steps through the
    // grid's images with their captions.
    void setOpensViewer(bool on) { m_opensViewer = on; }
    ImageViewerDialog* viewer() const { return m_viewer; }  // null until first opened

    // The first and last row with a cell in the viewport, or {-1, -1} when none.
    std::pair<int, int> visibleRows() const;

public slots:
    void requestVisibleThumbnails();  // what the view does on its own after a scroll or resize

signals:
    void imageActivated(const QString& path);               // double click or Enter
    void viewerOpened(tlw::ui::ImageViewerDialog* viewer);  // after it shows the activated image

protected:
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void scheduleRequest();
    void openViewer(int row);
    void updateGrid();

    ThumbnailListModel* m_model = nullptr;
    bool m_opensViewer = false;
    ImageViewerDialog* m_viewer = nullptr;
    QTimer m_requestTimer;
};

}  // namespace tlw::ui
