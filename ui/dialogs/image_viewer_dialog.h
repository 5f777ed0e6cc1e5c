#pragma once

#include <QDialog>
#include <QImage>
#include <QStringList>
#include <functional>
#include <optional>

class QLabel;
class QPushButton;

namespace tlw::ui {

class ColourBar;

// A large view of the images of a thumbnail grid: one image fitted to the window (its EXIF orientation
// applied), its caption, Previous / Next (also the arrow keys) through the grid's images, and buttons to
// open it in the system's viewer or show it in the file manager. Not modal: the page stays usable.
// An image that cannot be read says why, naming the file. A page may draw over the image (the Evaluation
// gallery's Grad-CAM overlay), with the key to its colours under it.
class ImageViewerDialog : public QDialog {
    Q_OBJECT
public:
    // Larger images are decoded scaled down to this many pixels on their longer side: the screen shows
    // no more, and a 20,000-pixel scan would take gigabytes.
    static constexpr int kMaxSide = 4096;

    explicit ImageViewerDialog(QWidget* parent = nullptr);

    // Shows paths[current]; captions has one entry per path, or none.
    void showImages(const QStringList& paths, const QStringList& captions, int current);
    int currentIndex() const { return m_current; }
    QString currentPath() const { return m_paths.value(m_current); }
    QString captionText() const;
    bool hasImage() const { return !m_image.isNull(); }
    QString errorText() const { return m_error; }  // why the current image could not be shown

    // Draws over the image as shown (scaled to the window); none or nullopt: the image as it is.
    using Overlay = std::function<std::optional<QImage>(const QString& path, const QImage& shown)>;
    void setOverlay(Overlay overlay);
    void refreshOverlay();  // what the overlay draws has changed
    bool isShowingOverlay() const { return m_showingOverlay; }
    ColourBar* colourBar() const { return m_colourBar; }  // shown with the overlay
    QImage shownImage() const;                            // as on screen, overlay included

public slots:
    void showPrevious();
    void showNext();

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void load();
    void fitImage();
    void retranslateUi();

    QStringList m_paths;
    QStringList m_captions;
    int m_current = -1;
    QImage m_image;
    QString m_error;
    QLabel* m_picture;
    QLabel* m_caption;
    ColourBar* m_colourBar;
    Overlay m_overlay;
    bool m_showingOverlay = false;
    QPushButton* m_previous;
    QPushButton* m_next;
    QPushButton* m_openExternally;
    QPushButton* m_reveal;
    QPushButton* m_close;
};

}  // namespace tlw::ui
